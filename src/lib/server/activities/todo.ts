import { and, count, eq, inArray } from 'drizzle-orm';
import { m } from '../../paraglide/messages.js';
import { coordinatedBy } from '../access/initiatives.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import type { Todo } from '../start/todo.ts';
import { activity } from './schema.ts';

/** For a coordinator: proposed activities waiting for their look, one line per initiative. */
export async function proposalTodos(db: Db, viewer: Viewer): Promise<Todo[]> {
	const mine = await coordinatedBy(db, viewer);
	if (!mine.length) return [];
	const waiting = await db
		.select({ initiativeId: activity.initiativeId, count: count() })
		.from(activity)
		.where(
			and(
				inArray(
					activity.initiativeId,
					mine.map((i) => i.id)
				),
				eq(activity.status, 'proposed')
			)
		)
		.groupBy(activity.initiativeId);
	const counts = new Map(waiting.map((w) => [w.initiativeId, w.count]));
	return mine
		.filter((i) => counts.has(i.id))
		.map((i) => ({ text: m.start_todo_proposals({ count: counts.get(i.id)!, name: i.name }), href: `/initiatieven/${i.slug}/activiteiten#voorstellen` }));
}

/** Has the initiative planned anything yet (any activity, proposed ones too)? For the new coordinator's checklist. */
export async function hasActivity(db: Db, initiativeId: string): Promise<boolean> {
	const [row] = await db.select({ id: activity.id }).from(activity).where(eq(activity.initiativeId, initiativeId)).limit(1);
	return !!row;
}
