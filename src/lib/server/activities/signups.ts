import { and, asc, count, eq, sql } from 'drizzle-orm';
import { activityFor, requireSignedIn } from '../access/index.ts';
import { user } from '../accounts/schema.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { occurrenceAt } from './occurrences.ts';
import { activity, activitySignup } from './schema.ts';
import { notifyMovedUp, notifySignup } from './notifications.ts';

/**
 * Sign-ups are per date: a series has capacity and a waitlist for each of its
 * dates, keyed by the date's original start (`occurrence`). Leaving it out
 * means the activity's first date — the only one of a one-off.
 */

export type SignupStatus = 'confirmed' | 'waitlist';
export type SignupError = 'members_only' | 'cancelled' | 'started' | 'no_date';
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

/**
 * Lock the activity row: every change to the sign-ups of any of its dates
 * waits its turn, so capacity holds per date.
 */
async function lockActivity(tx: Db, activityId: string) {
	const [row] = await tx
		.select({ id: activity.id, capacity: activity.capacity, status: activity.status, startsAt: activity.startsAt, endsAt: activity.endsAt, rrule: activity.rrule })
		.from(activity)
		.where(eq(activity.id, activityId))
		.for('update');
	return row;
}

const ofDate = (activityId: string, occurrence: Date) => and(eq(activitySignup.activityId, activityId), eq(activitySignup.occurrenceStart, occurrence));

async function confirmedCount(tx: Db, activityId: string, occurrence: Date): Promise<number> {
	const [row] = await tx
		.select({ n: count() })
		.from(activitySignup)
		.where(and(ofDate(activityId, occurrence), eq(activitySignup.status, 'confirmed')));
	return Number(row?.n ?? 0);
}

/**
 * Move people up from the waitlist of one date (or, without `occurrence`, of
 * every date that has a waitlist), first come first served, while there are
 * free places. Call inside the transaction that freed the places.
 * Each person moved up gets a mail about their date (added in the same
 * transaction), so callers need not notify. Returns who moved up.
 */
export async function fillFromWaitlist(tx: Db, activityId: string, occurrence?: Date): Promise<string[]> {
	const locked = await lockActivity(tx, activityId);
	if (!locked || locked.status === 'cancelled') return [];
	const dates = occurrence
		? [occurrence]
		: (
				await tx
					.selectDistinct({ at: activitySignup.occurrenceStart })
					.from(activitySignup)
					.where(and(eq(activitySignup.activityId, activityId), eq(activitySignup.status, 'waitlist')))
			).map((r) => r.at);
	const moved: string[] = [];
	for (const at of dates) {
		const free = locked.capacity === null ? null : locked.capacity - (await confirmedCount(tx, activityId, at));
		if (free !== null && free <= 0) continue;
		const queue = tx
			.select({ userId: activitySignup.userId })
			.from(activitySignup)
			.where(and(ofDate(activityId, at), eq(activitySignup.status, 'waitlist')))
			.orderBy(asc(activitySignup.createdAt), asc(activitySignup.userId));
		const next = await (free === null ? queue : queue.limit(free));
		for (const { userId } of next) {
			await tx
				.update(activitySignup)
				.set({ status: 'confirmed' })
				.where(and(ofDate(activityId, at), eq(activitySignup.userId, userId)));
		}
		const people = next.map((n) => n.userId);
		await notifyMovedUp(tx, activityId, at, people);
		moved.push(...people);
	}
	return moved;
}

/**
 * Sign a member up for one date. A full date puts them on the waitlist
 * instead. Signing up twice changes nothing. The activity row is locked, so
 * parallel sign-ups never go over the number of places. A cancelled date,
 * or a date the series does not have, cannot be signed up for.
 */
export async function signUp(db: Db, viewer: Viewer, activityId: string, occurrence?: Date, now: Date = new Date()): Promise<SignupResult> {
	const person = requireSignedIn(viewer);
	const { role } = await activityFor(db, viewer, activityId);
	if (!role) return { ok: false, error: 'members_only' };
	return db.transaction(async (tx): Promise<SignupResult> => {
		const locked = await lockActivity(tx, activityId);
		if (locked.status === 'cancelled') return { ok: false, error: 'cancelled' };
		const date = await occurrenceAt(tx, locked, occurrence ?? locked.startsAt);
		if (!date) return { ok: false, error: 'no_date' };
		if (date.cancelled) return { ok: false, error: 'cancelled' };
		if (date.startsAt <= now) return { ok: false, error: 'started' };
		const [existing] = await tx
			.select({ status: activitySignup.status })
			.from(activitySignup)
			.where(and(ofDate(activityId, date.key), eq(activitySignup.userId, person.userId)));
		if (existing) return { ok: true, status: existing.status };
		const full = locked.capacity !== null && (await confirmedCount(tx, activityId, date.key)) >= locked.capacity;
		const status: SignupStatus = full ? 'waitlist' : 'confirmed';
		await tx.insert(activitySignup).values({ activityId, occurrenceStart: date.key, userId: person.userId, status });
		await notifySignup(tx, activityId, date.key, person.userId, status);
		return { ok: true, status };
	});
}

/**
 * Cancel your own sign-up for one date. When that frees a place, the first
 * person on that date's waitlist moves up, in the same transaction.
 */
export async function cancelSignup(db: Db, viewer: Viewer, activityId: string, occurrence?: Date): Promise<{ ok: true; movedUp: string[] }> {
	const person = requireSignedIn(viewer);
	const { activity: a } = await activityFor(db, viewer, activityId);
	const key = occurrence ?? a.startsAt;
	return db.transaction(async (tx) => {
		await lockActivity(tx, activityId);
		const removed = await tx
			.delete(activitySignup)
			.where(and(ofDate(activityId, key), eq(activitySignup.userId, person.userId)))
			.returning({ status: activitySignup.status });
		const movedUp = removed[0]?.status === 'confirmed' ? await fillFromWaitlist(tx, activityId, key) : [];
		return { ok: true as const, movedUp };
	});
}

/** Who is coming to one date: names for the host and coordinators, counts for everyone else. */
export async function attendance(db: Db, viewer: Viewer, activityId: string, occurrence?: Date): Promise<Attendance> {
	const { activity: a, canManage } = await activityFor(db, viewer, activityId);
	const key = occurrence ?? a.startsAt;
	const rows = await db
		.select({ status: activitySignup.status, n: count() })
		.from(activitySignup)
		.where(ofDate(activityId, key))
		.groupBy(activitySignup.status);
	const confirmed = Number(rows.find((r) => r.status === 'confirmed')?.n ?? 0);
	const waitlist = Number(rows.find((r) => r.status === 'waitlist')?.n ?? 0);
	const [mine] = viewer
		? await db
				.select({ status: activitySignup.status })
				.from(activitySignup)
				.where(and(ofDate(activityId, key), eq(activitySignup.userId, viewer.userId)))
		: [];
	const people = canManage
		? await db
				.select({ name: user.name, status: activitySignup.status })
				.from(activitySignup)
				.innerJoin(user, eq(user.id, activitySignup.userId))
				.where(ofDate(activityId, key))
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
