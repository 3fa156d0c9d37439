import { and, eq, gt, sql } from 'drizzle-orm';
import { activityFor } from '../access/activities.ts';
import { requireSignedIn } from '../access/core.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { comingOccurrences } from './occurrences.ts';
import { activitySignup } from './schema.ts';
import { endSignups, holdMembership, lockActivity, takePlace, type SignupStatus } from './signups.ts';

/*
 * "Ik kom elke week": a member signs up for every coming date of a series at
 * once. Each date keeps its own places and waitlist: a full date puts them on
 * that date's waitlist, exactly as a single sign-up would (same lock, same
 * count). "Stop ermee" ends every coming sign-up of theirs for the series at
 * once; each place goes to the first on that date's waitlist.
 */

/** How many coming dates "elke week" takes: about three months of a weekly series. */
export const SERIES_DATES = 13;

export type SeriesError = 'members_only' | 'not_series' | 'cancelled' | 'proposed';
export type SeriesResult = { ok: true; dates: Array<{ key: Date; startsAt: Date; status: SignupStatus }> } | { ok: false; error: SeriesError };

/**
 * Sign up for the coming dates (at most `SERIES_DATES`, cancelled and started
 * dates left out). Dates already signed up for stay as they are, so sending
 * the form twice changes nothing. One confirmation mail, for the first date
 * newly taken; the page lists every date with its status.
 */
export async function signUpForSeries(db: Db, viewer: Viewer, activityId: string, now: Date = new Date(), options: { showName?: boolean } = {}): Promise<SeriesResult> {
	const person = requireSignedIn(viewer);
	const { role, activity: a } = await activityFor(db, viewer, activityId);
	if (!role) return { ok: false, error: 'members_only' };
	if (!a.rrule) return { ok: false, error: 'not_series' };
	return db.transaction(async (tx): Promise<SeriesResult> => {
		if (!(await holdMembership(tx, a.initiativeId, person.userId))) return { ok: false, error: 'members_only' };
		const locked = await lockActivity(tx, activityId);
		if (locked.status === 'cancelled') return { ok: false, error: 'cancelled' };
		if (locked.status === 'proposed') return { ok: false, error: 'proposed' };
		if (!locked.rrule) return { ok: false, error: 'not_series' };
		const dates = (await comingOccurrences(tx, { ...locked, id: activityId }, now, SERIES_DATES)).filter((d) => !d.cancelled && d.startsAt > now);
		const existing = new Map(
			(
				await tx
					.select({ key: activitySignup.occurrenceStart, status: activitySignup.status })
					.from(activitySignup)
					.where(and(eq(activitySignup.activityId, activityId), eq(activitySignup.userId, person.userId), gt(activitySignup.occurrenceStart, sql`${new Date(now.getTime() - 86_400_000).toISOString()}::timestamptz`)))
			).map((r) => [r.key.getTime(), r.status])
		);
		const out: Array<{ key: Date; startsAt: Date; status: SignupStatus }> = [];
		let notified = false;
		for (const d of dates) {
			let status = existing.get(d.key.getTime());
			if (!status) {
				({ status } = await takePlace(tx, locked, d.key, { userId: person.userId, showName: options.showName ?? false }, { notify: !notified }));
				notified = true;
			}
			out.push({ key: d.key, startsAt: d.startsAt, status });
		}
		return { ok: true, dates: out };
	});
}

/**
 * "Stop ermee": end all of this person's sign-ups for dates of the series
 * that have not started. Their places go to the waitlists (endSignups).
 * Returns how many sign-ups ended; doing it twice ends nothing more.
 */
export async function stopSeries(db: Db, viewer: Viewer, activityId: string, now: Date = new Date()): Promise<{ ended: number }> {
	const person = requireSignedIn(viewer);
	await activityFor(db, viewer, activityId);
	return db.transaction(async (tx) => {
		const coming = and(eq(activitySignup.activityId, activityId), gt(activitySignup.occurrenceStart, now));
		const [row] = await tx
			.select({ n: sql<number>`count(*)::int`.mapWith(Number) })
			.from(activitySignup)
			.where(and(coming, eq(activitySignup.userId, person.userId)));
		await endSignups(tx, person.userId, coming, now);
		return { ended: row?.n ?? 0 };
	});
}

/** The viewer's own coming dates of a series with their status (for its page). */
export async function mySeriesDates(db: Db, viewer: Viewer, activityId: string, now: Date = new Date()): Promise<Array<{ key: Date; status: SignupStatus }>> {
	if (!viewer) return [];
	return db
		.select({ key: activitySignup.occurrenceStart, status: activitySignup.status })
		.from(activitySignup)
		.where(and(eq(activitySignup.activityId, activityId), eq(activitySignup.userId, viewer.userId), gt(activitySignup.occurrenceStart, now)))
		.orderBy(activitySignup.occurrenceStart)
		.limit(SERIES_DATES + 5);
}
