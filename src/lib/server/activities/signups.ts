import { and, asc, count, eq, sql } from 'drizzle-orm';
import { activityFor, requireSignedIn } from '../access/index.ts';
import { user } from '../accounts/schema.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { activity, activitySignup } from './schema.ts';
import { notifyMovedUp, notifySignup } from './notifications.ts';

export type SignupStatus = 'confirmed' | 'waitlist';
export type SignupError = 'members_only' | 'cancelled' | 'started';
export type SignupResult = { ok: true; status: SignupStatus } | { ok: false; error: SignupError };

/** Who is coming, as this viewer may know it. */
export interface Attendance {
	confirmed: number;
	waitlist: number;
	/** Places still free; null when there is no limit. */
	placesLeft: number | null;
	/** The viewer's own sign-up, if any. */
	mine: SignupStatus | null;
	/** Names: only for the host and the coordinators. Others see counts only. */
	people: Array<{ name: string; status: SignupStatus }> | null;
}

/** Lock the activity row: every change to its sign-ups waits its turn, so capacity holds. */
async function lockActivity(tx: Db, activityId: string) {
	const [row] = await tx
		.select({ capacity: activity.capacity, status: activity.status, startsAt: activity.startsAt })
		.from(activity)
		.where(eq(activity.id, activityId))
		.for('update');
	return row;
}

async function confirmedCount(tx: Db, activityId: string): Promise<number> {
	const [row] = await tx
		.select({ n: count() })
		.from(activitySignup)
		.where(and(eq(activitySignup.activityId, activityId), eq(activitySignup.status, 'confirmed')));
	return Number(row?.n ?? 0);
}

/**
 * Move people up from the waitlist, first come first served, while there are
 * free places. Call inside the transaction that freed the places.
 * Returns who moved up.
 */
export async function fillFromWaitlist(tx: Db, activityId: string): Promise<string[]> {
	const locked = await lockActivity(tx, activityId);
	if (!locked || locked.status === 'cancelled') return [];
	const free = locked.capacity === null ? null : locked.capacity - (await confirmedCount(tx, activityId));
	if (free !== null && free <= 0) return [];
	const queue = tx
		.select({ userId: activitySignup.userId })
		.from(activitySignup)
		.where(and(eq(activitySignup.activityId, activityId), eq(activitySignup.status, 'waitlist')))
		.orderBy(asc(activitySignup.createdAt), asc(activitySignup.userId));
	const next = await (free === null ? queue : queue.limit(free));
	for (const { userId } of next) {
		await tx
			.update(activitySignup)
			.set({ status: 'confirmed' })
			.where(and(eq(activitySignup.activityId, activityId), eq(activitySignup.userId, userId)));
	}
	return next.map((n) => n.userId);
}

/**
 * Sign a member up. A full activity puts them on the waitlist instead.
 * Signing up twice changes nothing. The activity row is locked, so parallel
 * sign-ups never go over the number of places.
 */
export async function signUp(db: Db, viewer: Viewer, activityId: string, now: Date = new Date()): Promise<SignupResult> {
	const person = requireSignedIn(viewer);
	const { role } = await activityFor(db, viewer, activityId);
	if (!role) return { ok: false, error: 'members_only' };
	return db.transaction(async (tx): Promise<SignupResult> => {
		const locked = await lockActivity(tx, activityId);
		if (locked.status === 'cancelled') return { ok: false, error: 'cancelled' };
		if (locked.startsAt <= now) return { ok: false, error: 'started' };
		const [existing] = await tx
			.select({ status: activitySignup.status })
			.from(activitySignup)
			.where(and(eq(activitySignup.activityId, activityId), eq(activitySignup.userId, person.userId)));
		if (existing) return { ok: true, status: existing.status };
		const full = locked.capacity !== null && (await confirmedCount(tx, activityId)) >= locked.capacity;
		const status: SignupStatus = full ? 'waitlist' : 'confirmed';
		await tx.insert(activitySignup).values({ activityId, userId: person.userId, status });
		await notifySignup(tx, activityId, person.userId, status);
		return { ok: true, status };
	});
}

/**
 * Cancel your own sign-up. When that frees a place, the first person on the
 * waitlist moves up, in the same transaction.
 */
export async function cancelSignup(db: Db, viewer: Viewer, activityId: string): Promise<{ ok: true; movedUp: string[] }> {
	const person = requireSignedIn(viewer);
	await activityFor(db, viewer, activityId);
	return db.transaction(async (tx) => {
		await lockActivity(tx, activityId);
		const removed = await tx
			.delete(activitySignup)
			.where(and(eq(activitySignup.activityId, activityId), eq(activitySignup.userId, person.userId)))
			.returning({ status: activitySignup.status });
		const movedUp = removed[0]?.status === 'confirmed' ? await fillFromWaitlist(tx, activityId) : [];
		await notifyMovedUp(tx, activityId, movedUp);
		return { ok: true as const, movedUp };
	});
}

/** Who is coming: names for the host and coordinators, counts for everyone else. */
export async function attendance(db: Db, viewer: Viewer, activityId: string): Promise<Attendance> {
	const { activity: a, canManage } = await activityFor(db, viewer, activityId);
	const rows = await db
		.select({ status: activitySignup.status, n: count() })
		.from(activitySignup)
		.where(eq(activitySignup.activityId, activityId))
		.groupBy(activitySignup.status);
	const confirmed = Number(rows.find((r) => r.status === 'confirmed')?.n ?? 0);
	const waitlist = Number(rows.find((r) => r.status === 'waitlist')?.n ?? 0);
	const [mine] = viewer
		? await db
				.select({ status: activitySignup.status })
				.from(activitySignup)
				.where(and(eq(activitySignup.activityId, activityId), eq(activitySignup.userId, viewer.userId)))
		: [];
	const people = canManage
		? await db
				.select({ name: user.name, status: activitySignup.status })
				.from(activitySignup)
				.innerJoin(user, eq(user.id, activitySignup.userId))
				.where(eq(activitySignup.activityId, activityId))
				.orderBy(sql`case ${activitySignup.status} when 'confirmed' then 0 else 1 end`, asc(activitySignup.createdAt), asc(user.name))
		: null;
	return {
		confirmed,
		waitlist,
		placesLeft: a.capacity === null ? null : Math.max(0, a.capacity - confirmed),
		mine: mine?.status ?? null,
		people
	};
}
