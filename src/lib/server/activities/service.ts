import { and, asc, eq, gt, inArray, ne, or, sql } from 'drizzle-orm';
import { activityFor, initiativeFor, NotFound, requireActivityManager, requireMember, type ActivityAccess } from '../access/index.ts';
import { user } from '../accounts/schema.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import type { ActivityInput } from './forms.ts';
import { activity, activitySignup } from './schema.ts';
import { fillFromWaitlist } from './signups.ts';
import { notifyActivityCancelled, notifyIfMoved, notifyMovedUp } from './notifications.ts';

export type Activity = typeof activity.$inferSelect;

/** An activity in a list, with the number of people who are coming. */
export interface ActivitySummary {
	id: string;
	title: string;
	kind: Activity['kind'];
	startsAt: Date;
	endsAt: Date;
	place: string;
	capacity: number | null;
	visibility: Activity['visibility'];
	status: Activity['status'];
	confirmed: number;
}

/**
 * Any member proposes an activity; it is published at once. (Approval by a
 * coordinator first, per initiative, is a later step.)
 */
export async function createActivity(db: Db, viewer: Viewer, initiativeId: string, input: ActivityInput): Promise<Activity> {
	await requireMember(db, viewer, { id: initiativeId });
	const [created] = await db
		.insert(activity)
		.values({ ...input, initiativeId, createdBy: viewer!.userId, status: 'published' })
		.returning();
	return created;
}

/**
 * The host or a coordinator changes an activity. When it gets more places,
 * people on the waitlist move up in the same transaction.
 */
export async function updateActivity(db: Db, viewer: Viewer, activityId: string, input: ActivityInput): Promise<Activity> {
	await requireActivityManager(db, viewer, activityId);
	return db.transaction(async (tx) => {
		await notifyIfMoved(tx, activityId, input);
		const [updated] = await tx.update(activity).set(input).where(eq(activity.id, activityId)).returning();
		await notifyMovedUp(tx, activityId, await fillFromWaitlist(tx, activityId));
		return updated;
	});
}

/** The host or a coordinator cancels an activity. It stays visible, marked as cancelled. */
export async function cancelActivity(db: Db, viewer: Viewer, activityId: string): Promise<void> {
	await requireActivityManager(db, viewer, activityId);
	await db.update(activity).set({ status: 'cancelled' }).where(eq(activity.id, activityId));
	await notifyActivityCancelled(db, activityId);
}

/** An activity with what this viewer may do with it; NotFound when hidden. */
export function getActivity(db: Db, viewer: Viewer, activityId: string): Promise<ActivityAccess> {
	return activityFor(db, viewer, activityId);
}

/**
 * The coming activities of an initiative (including ones going on now and
 * cancelled ones, marked), in time order, as this viewer may see them.
 * Fetches one extra row to tell whether there are more.
 */
export async function listUpcoming(
	db: Db,
	viewer: Viewer,
	initiativeId: string,
	page: { limit: number; offset: number } = { limit: 50, offset: 0 },
	now: Date = new Date()
): Promise<{ activities: ActivitySummary[]; more: boolean }> {
	const { initiative, role } = await initiativeFor(db, viewer, { id: initiativeId });
	const visible = role
		? role === 'coordinator'
			? undefined
			: or(ne(activity.status, 'proposed'), eq(activity.createdBy, viewer!.userId))
		: initiative.status === 'published'
			? and(eq(activity.visibility, 'public'), inArray(activity.status, ['published', 'cancelled']))
			: sql`false`;
	const confirmed = sql<number>`(select count(*)::int from ${activitySignup} where ${activitySignup.activityId} = ${activity.id} and ${activitySignup.status} = 'confirmed')`;
	const rows = await db
		.select({
			id: activity.id,
			title: activity.title,
			kind: activity.kind,
			startsAt: activity.startsAt,
			endsAt: activity.endsAt,
			place: activity.place,
			capacity: activity.capacity,
			visibility: activity.visibility,
			status: activity.status,
			confirmed
		})
		.from(activity)
		.where(and(eq(activity.initiativeId, initiativeId), gt(activity.endsAt, now), visible))
		.orderBy(asc(activity.startsAt), asc(activity.id))
		.limit(page.limit + 1)
		.offset(page.offset);
	return { activities: rows.slice(0, page.limit).map((r) => ({ ...r, confirmed: Number(r.confirmed) })), more: rows.length > page.limit };
}

/**
 * An activity on its initiative's page: NotFound when hidden, or when it
 * belongs to another initiative than the one in the address. Members also
 * learn who hosts it.
 */
export async function activityInInitiative(
	db: Db,
	viewer: Viewer,
	initiativeSlug: string,
	activityId: string
): Promise<ActivityAccess & { host: string | null }> {
	const access = await activityFor(db, viewer, activityId);
	if (access.initiative.slug !== initiativeSlug) throw new NotFound();
	let host: string | null = null;
	if (access.role && access.activity.createdBy) {
		const [row] = await db.select({ name: user.name }).from(user).where(eq(user.id, access.activity.createdBy));
		host = row?.name ?? null;
	}
	return { ...access, host };
}
