import { eq, sql } from 'drizzle-orm';
import { m } from '../../paraglide/messages.js';
import { waitingNotesFor } from '../access/stories.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { initiative } from '../initiatives/schema.ts';
import type { Todo } from '../start/todo.ts';
import { story, storyNote } from './schema.ts';

/** For a coordinator: per initiative, how many notes of recognition wait to be passed on. Never whose. */
export async function noteTodos(db: Db, viewer: Viewer): Promise<Todo[]> {
	if (!viewer) return [];
	const rows = await db
		.select({ slug: initiative.slug, name: initiative.name, count: sql<number>`count(*)::int`.mapWith(Number) })
		.from(storyNote)
		.innerJoin(story, eq(story.id, storyNote.storyId))
		.innerJoin(initiative, eq(initiative.id, story.initiativeId))
		.where(waitingNotesFor(viewer, null))
		.groupBy(initiative.slug, initiative.name)
		.orderBy(initiative.name)
		.limit(50);
	return rows.map((r) => ({
		text: r.count === 1 ? m.stories_note_todo_one({ initiative: r.name }) : m.stories_note_todo_many({ count: r.count, initiative: r.name }),
		href: `/initiatieven/${r.slug}/meldingen#herkenning`
	}));
}
