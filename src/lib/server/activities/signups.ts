import { and, asc, count, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { activityFor } from '../access/activities.ts';
import { requireSignedIn } from '../access/core.ts';
import { user } from '../accounts/schema.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { membership } from '../initiatives/schema.ts';
import { occurrenceAt } from './occurrences.ts';
import { activity, activitySignup } from './schema.ts';
import { notifyMovedUp, notifySignup } from './notifications/service.ts';

/**
 * Sign-ups are per date: a series has capacity and a waitlist for each of its
 * dates, keyed by the date's original start (`occurrence`). Leaving it out
 * means the activity's first date — the only one of a one-off.
 */

export type SignupStatus = 'confirmed' | 'waitlist';
export type SignupError = 'members_only' | 'cancelled' | 'started' | 'no_date' | 'proposed';
export type SignupResult = { ok: true; status: SignupStatus } | { ok: false; error: SignupError };

/** Who is coming, as this viewer may know it. */
export interface Attendance {
	confirmed: number;
	waitlist: number;
	/** Places still free; null when there is no limit. */
	placesLeft: number | null;
	/** The viewer's own sign-up, if any. */
	mine: SignupStatus | null;
	/** Whether the viewer chose to show their name to other members (false without a sign-up). */
	showingName: boolean;
	/** Everyone's names: only for the host and the coordinators. Guests are marked. */
	people: Array<{ name: string; status: SignupStatus; guest: boolean }> | null;
	/**
	 * For the other members of the initiative: the names of the people coming
	 * who chose to show them, and how many others are coming. Null for
	 * everyone else (they see counts only) and for those who see `people`.
	 */
	shown: { names: string[]; others: number } | null;
}

/**
 * Lock the activity row: every change to the sign-ups of any of its dates
 * waits its turn, so capacity holds per date.
 */
export async function lockActivity(tx: Db, activityId: string) {
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
			.select({ id: activitySignup.id, userId: activitySignup.userId })
			.from(activitySignup)
			.where(and(ofDate(activityId, at), eq(activitySignup.status, 'waitlist')))
			.orderBy(asc(activitySignup.createdAt), asc(activitySignup.id));
		const next = await (free === null ? queue : queue.limit(free));
		if (next.length) {
			await tx
				.update(activitySignup)
				.set({ status: 'confirmed' })
				.where(
					inArray(
						activitySignup.id,
						next.map((n) => n.id)
					)
				);
		}
		await notifyMovedUp(tx, activityId, at, next);
		moved.push(...next.map((n) => n.userId ?? n.id));
	}
	return moved;
}

/**
 * Take a place on one date, or a place on its waitlist when it is full, for
 * a member or a guest, inside the transaction that locked the activity
 * (`lockActivity`), so members and guests share the places and the waitlist.
 * The confirmation or waitlist mail is added in the same transaction.
 */
export async function takePlace(
	tx: Db,
	locked: { id: string; capacity: number | null },
	key: Date,
	who: { userId: string; showName?: boolean } | { guestName: string; guestEmail: string; guestLocale: string },
	options: { notify?: boolean } = {}
): Promise<{ id: string; status: SignupStatus }> {
	const full = locked.capacity !== null && (await confirmedCount(tx, locked.id, key)) >= locked.capacity;
	const status: SignupStatus = full ? 'waitlist' : 'confirmed';
	const [row] = await tx
		.insert(activitySignup)
		.values({ activityId: locked.id, occurrenceStart: key, status, ...who })
		.returning({ id: activitySignup.id });
	if (options.notify !== false) await notifySignup(tx, locked.id, key, 'userId' in who ? { id: row.id, userId: who.userId } : { id: row.id, userId: null }, status);
	return { id: row.id, status };
}

/**
 * Leaving may have committed since the access check. Holding the membership
 * row (before the activity, the order leaving takes them) makes them wait for
 * each other, so a sign-up never outlives the membership (see endMemberSignups).
 */
export async function holdMembership(tx: Db, initiativeId: string, userId: string): Promise<boolean> {
	const [member] = await tx
		.select({ role: membership.role })
		.from(membership)
		.where(and(eq(membership.initiativeId, initiativeId), eq(membership.userId, userId)))
		.for('key share');
	return !!member;
}

/**
 * Sign a member up for one date. A full date puts them on the waitlist
 * instead. Signing up twice changes nothing. The activity row is locked, so
 * parallel sign-ups never go over the number of places. A cancelled date,
 * or a date the series does not have, cannot be signed up for.
 * `showName`: other members may see their name (see `attendance`).
 */
export async function signUp(
	db: Db,
	viewer: Viewer,
	activityId: string,
	occurrence?: Date,
	now: Date = new Date(),
	options: { showName?: boolean } = {}
): Promise<SignupResult> {
	const person = requireSignedIn(viewer);
	const { role, activity: a } = await activityFor(db, viewer, activityId);
	if (!role) return { ok: false, error: 'members_only' };
	return db.transaction(async (tx): Promise<SignupResult> => {
		if (!(await holdMembership(tx, a.initiativeId, person.userId))) return { ok: false, error: 'members_only' };
		const locked = await lockActivity(tx, activityId);
		if (locked.status === 'cancelled') return { ok: false, error: 'cancelled' };
		// A proposal is not in the calendar yet: nobody signs up before a coordinator said yes.
		if (locked.status === 'proposed') return { ok: false, error: 'proposed' };
		const date = await occurrenceAt(tx, locked, occurrence ?? locked.startsAt);
		if (!date) return { ok: false, error: 'no_date' };
		if (date.cancelled) return { ok: false, error: 'cancelled' };
		if (date.startsAt <= now) return { ok: false, error: 'started' };
		const [existing] = await tx
			.select({ status: activitySignup.status })
			.from(activitySignup)
			.where(and(ofDate(activityId, date.key), eq(activitySignup.userId, person.userId)));
		if (existing) return { ok: true, status: existing.status };
		const { status } = await takePlace(tx, locked, date.key, { userId: person.userId, showName: options.showName ?? false });
		return { ok: true, status };
	});
}

/**
 * Choose whether other members see your name on the list of who comes to
 * one date ("Laat anderen mijn naam zien"). Only your own sign-up; returns
 * false when you are not signed up for that date.
 */
export async function setShowName(db: Db, viewer: Viewer, activityId: string, occurrence: Date | undefined, show: boolean): Promise<boolean> {
	const person = requireSignedIn(viewer);
	const { activity: a } = await activityFor(db, viewer, activityId);
	const changed = await db
		.update(activitySignup)
		.set({ showName: show })
		.where(and(ofDate(activityId, occurrence ?? a.startsAt), eq(activitySignup.userId, person.userId)))
		.returning({ id: activitySignup.id });
	return changed.length > 0;
}

/**
 * End a person's sign-ups (those matching `which`), in the caller's
 * transaction. Each place they held goes to the first on that date's
 * waitlist, unless the date has begun (or the series no longer has it):
 * nobody gets "you have a place" for a date that is under way or past.
 * Returns who moved up.
 */
export async function endSignups(tx: Db, userId: string, which: SQL | undefined, now: Date): Promise<string[]> {
	const theirs = and(eq(activitySignup.userId, userId), which);
	const activities = await tx.selectDistinct({ id: activitySignup.activityId }).from(activitySignup).where(theirs).orderBy(asc(activitySignup.activityId));
	const locked = new Map<string, Awaited<ReturnType<typeof lockActivity>>>();
	for (const { id } of activities) locked.set(id, await lockActivity(tx, id));
	const removed = await tx
		.delete(activitySignup)
		.where(theirs)
		.returning({ activityId: activitySignup.activityId, key: activitySignup.occurrenceStart, status: activitySignup.status });
	const movedUp: string[] = [];
	for (const { activityId, key, status } of removed) {
		const a = locked.get(activityId);
		if (status !== 'confirmed' || !a) continue;
		const date = await occurrenceAt(tx, a, key);
		if (date && date.startsAt > now) movedUp.push(...(await fillFromWaitlist(tx, activityId, key)));
	}
	return movedUp;
}

/**
 * Cancel your own sign-up for one date. When that frees a place, the first
 * person on that date's waitlist moves up, in the same transaction.
 */
export async function cancelSignup(db: Db, viewer: Viewer, activityId: string, occurrence?: Date, now: Date = new Date()): Promise<{ ok: true; movedUp: string[] }> {
	const person = requireSignedIn(viewer);
	const { activity: a } = await activityFor(db, viewer, activityId);
	const movedUp = await db.transaction((tx) => endSignups(tx, person.userId, ofDate(activityId, occurrence ?? a.startsAt), now));
	return { ok: true, movedUp };
}

/**
 * A member left the initiative or was removed: end every sign-up of theirs
 * to its activities, as a cancellation would. Call in the transaction that
 * deleted the membership. Also the public ones: signing up as a member comes
 * with membership (a non-member signs up as a guest), and a place holds the
 * meeting link and a seat in the group.
 */
export async function endMemberSignups(tx: Db, initiativeId: string, userId: string, now: Date): Promise<string[]> {
	const ofInitiative = tx.select({ id: activity.id }).from(activity).where(eq(activity.initiativeId, initiativeId));
	return endSignups(tx, userId, inArray(activitySignup.activityId, ofInitiative), now);
}

/**
 * Who is coming to one date. The host and the coordinators see every name
 * (guests marked). Other members of the initiative see the names of those
 * who chose to show them, and a count of the rest. Everyone else sees counts.
 * A guest's e-mail address is never part of it.
 */
export async function attendance(db: Db, viewer: Viewer, activityId: string, occurrence?: Date): Promise<Attendance> {
	const { activity: a, role, canManage } = await activityFor(db, viewer, activityId);
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
				.select({ status: activitySignup.status, showName: activitySignup.showName })
				.from(activitySignup)
				.where(and(ofDate(activityId, key), eq(activitySignup.userId, viewer.userId)))
		: [];
	const people = canManage
		? (
				await db
					.select({ name: sql<string>`coalesce(${user.name}, ${activitySignup.guestName})`, status: activitySignup.status, userId: activitySignup.userId })
					.from(activitySignup)
					.leftJoin(user, eq(user.id, activitySignup.userId))
					.where(ofDate(activityId, key))
					.orderBy(sql`case ${activitySignup.status} when 'confirmed' then 0 else 1 end`, asc(activitySignup.createdAt), asc(activitySignup.id))
			).map((p) => ({ name: p.name, status: p.status, guest: p.userId === null }))
		: null;
	let shown: Attendance['shown'] = null;
	if (role && !canManage) {
		// Only members who chose it; guests never (they cannot choose).
		const names = (
			await db
				.select({ name: user.name })
				.from(activitySignup)
				.innerJoin(user, eq(user.id, activitySignup.userId))
				.where(and(ofDate(activityId, key), eq(activitySignup.status, 'confirmed'), eq(activitySignup.showName, true)))
				.orderBy(asc(activitySignup.createdAt), asc(activitySignup.id))
				.limit(100)
		).map((r) => r.name);
		shown = { names, others: Math.max(0, confirmed - names.length) };
	}
	return {
		confirmed,
		waitlist,
		placesLeft: a.capacity === null ? null : Math.max(0, a.capacity - confirmed),
		mine: mine?.status ?? null,
		showingName: mine?.showName ?? false,
		people,
		shown
	};
}
