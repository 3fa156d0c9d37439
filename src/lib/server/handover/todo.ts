import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { m } from '../../paraglide/messages.js';
import { localizeHref } from '../../paraglide/runtime.js';
import type { Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { initiative, membership } from '../initiatives/schema.ts';
import { outsideRequest } from '../outside/schema.ts';
import { handover } from './schema.ts';

/**
 * For a coordinator's to-do list: per initiative they coordinate, how many
 * confirmed handovers nobody took yet ("2 nieuwe doorverwijzingen bij
 * Herstelcafé Zwolle"), with a link to its queue. No names.
 */
export async function handoverTodos(db: Db, viewer: Viewer): Promise<{ text: string; href: string }[]> {
	if (!viewer) return [];
	const rows = await db
		.select({ slug: initiative.slug, name: initiative.name, count: sql<number>`count(*)::int`.mapWith(Number) })
		.from(membership)
		.innerJoin(initiative, eq(initiative.id, membership.initiativeId))
		.innerJoin(handover, and(eq(handover.initiativeId, membership.initiativeId), eq(handover.step, 'new')))
		.innerJoin(outsideRequest, and(eq(outsideRequest.id, handover.id), isNotNull(outsideRequest.confirmedAt), isNull(outsideRequest.closedAt)))
		.where(and(eq(membership.userId, viewer.userId), eq(membership.role, 'coordinator')))
		.groupBy(initiative.slug, initiative.name)
		.orderBy(initiative.name)
		.limit(50);
	return rows.map((r) => ({
		text: r.count === 1 ? m.handover_todo_one({ initiative: r.name }) : m.handover_todo_many({ count: r.count, initiative: r.name }),
		href: localizeHref(`/initiatieven/${r.slug}/doorverwijzingen`)
	}));
}
