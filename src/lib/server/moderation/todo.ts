import { and, eq, isNull, sql } from 'drizzle-orm';
import { m } from '../../paraglide/messages.js';
import { forAdmins, notAbout } from '../access/moderation.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { initiative, membership } from '../initiatives/schema.ts';
import type { Todo } from '../start/todo.ts';
import { report } from './schema.ts';

/** For a coordinator: per initiative, how many reports are open (not those about themselves). Never who or what. */
export async function reportTodos(db: Db, viewer: Viewer): Promise<Todo[]> {
	if (!viewer) return [];
	const rows = await db
		.select({ slug: initiative.slug, name: initiative.name, count: sql<number>`count(*)::int`.mapWith(Number) })
		.from(membership)
		.innerJoin(initiative, eq(initiative.id, membership.initiativeId))
		.innerJoin(report, and(eq(report.initiativeId, membership.initiativeId), isNull(report.handledAt)))
		.where(and(eq(membership.userId, viewer.userId), eq(membership.role, 'coordinator'), notAbout(viewer.userId)))
		.groupBy(initiative.slug, initiative.name)
		.orderBy(initiative.name)
		.limit(50);
	const todos: Todo[] = rows.map((r) => ({
		text: r.count === 1 ? m.moderation_todo_one({ initiative: r.name }) : m.moderation_todo_many({ count: r.count, initiative: r.name }),
		href: `/initiatieven/${r.slug}/meldingen`
	}));
	if (viewer.isAdmin) {
		const [waiting] = await db
			.select({ count: sql<number>`count(*)::int`.mapWith(Number) })
			.from(report)
			.where(and(isNull(report.handledAt), forAdmins(), notAbout(viewer.userId)));
		if (waiting.count) todos.push({ text: m.room_admin_todo({ count: waiting.count }), href: '/beheer/meldingen' });
	}
	return todos;
}
