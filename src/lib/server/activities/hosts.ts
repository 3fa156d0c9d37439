import { and, asc, eq, ne } from 'drizzle-orm';
import { requireActivityManager } from '../access/activities.ts';
import { user } from '../accounts/schema.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { membership } from '../initiatives/schema.ts';
import { formatLongDate } from '../../labels/intl.ts';
import { m } from '../../paraglide/messages.js';
import type { Locale } from '../../paraglide/runtime.js';
import { activityHost } from './schema.ts';

/*
 * Co-hosts (mede-begeleiders): an activity is often led by two. The host who
 * proposed it, or a coordinator, adds members of the initiative as co-hosts;
 * they may then change the activity and see who comes, like the host.
 */

export interface Person {
	userId: string;
	name: string;
}

/** The co-hosts of an activity, by name. Members see them on the activity's page. */
export async function coHosts(db: Db, activityId: string): Promise<Person[]> {
	return db
		.select({ userId: activityHost.userId, name: user.name })
		.from(activityHost)
		.innerJoin(user, eq(user.id, activityHost.userId))
		.where(eq(activityHost.activityId, activityId))
		.orderBy(asc(user.name), asc(user.id));
}

/**
 * Members who could become co-host: everyone in the initiative except the
 * host and the present co-hosts. For the host and coordinators only.
 */
export async function possibleCoHosts(db: Db, viewer: Viewer, activityId: string): Promise<Array<Person & { joinedAt: Date }>> {
	const { activity } = await requireActivityManager(db, viewer, activityId);
	const taken = new Set([activity.createdBy, ...(await coHosts(db, activityId)).map((h) => h.userId)]);
	const members = await db
		.select({ userId: membership.userId, name: user.name, joinedAt: membership.joinedAt })
		.from(membership)
		.innerJoin(user, eq(user.id, membership.userId))
		.where(and(eq(membership.initiativeId, activity.initiativeId), activity.createdBy ? ne(membership.userId, activity.createdBy) : undefined))
		.orderBy(asc(user.name), asc(user.id));
	return members.filter((p) => !taken.has(p.userId));
}

/** Add a co-host; only a member of the activity's initiative can be one. Adding twice changes nothing. */
export async function addCoHost(db: Db, viewer: Viewer, activityId: string, userId: string): Promise<{ ok: true } | { ok: false; error: 'not_member' }> {
	const { activity } = await requireActivityManager(db, viewer, activityId);
	const [member] = await db
		.select({ userId: membership.userId })
		.from(membership)
		.where(and(eq(membership.initiativeId, activity.initiativeId), eq(membership.userId, userId)));
	if (!member || userId === activity.createdBy) return { ok: false, error: 'not_member' };
	await db.insert(activityHost).values({ activityId, userId }).onConflictDoNothing();
	return { ok: true };
}

/** Remove a co-host; a co-host may also step back themselves. */
export async function removeCoHost(db: Db, viewer: Viewer, activityId: string, userId: string): Promise<void> {
	await requireActivityManager(db, viewer, activityId);
	await db.delete(activityHost).where(and(eq(activityHost.activityId, activityId), eq(activityHost.userId, userId)));
}

/** Members with the same name are told apart by when they joined: "Anna (lid sinds 3 maart 2025)". */
export function toldApart(people: Array<{ userId: string; name: string; joinedAt: Date }>, locale: Locale) {
	const times = new Map<string, number>();
	for (const p of people) times.set(p.name, (times.get(p.name) ?? 0) + 1);
	return people.map((p) => ({ userId: p.userId, name: times.get(p.name)! > 1 ? `${p.name} (${m.members_since({ date: formatLongDate(p.joinedAt, locale) }, { locale })})` : p.name }));
}
