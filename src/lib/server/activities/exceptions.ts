import { and, eq, sql } from 'drizzle-orm';
import { requireActivityManager } from '../access/activities.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { refreshActivityDates } from './dates.ts';
import { notifyDateChanged } from './notifications/service.ts';
import { occurrencesOfMany } from './occurrences.ts';
import { isOccurrence } from './recurrence.ts';
import { activity, activityException, nextSequence } from './schema.ts';

/**
 * Exceptions to a series: the host or a coordinator cancels one date, moves
 * it to other times, or undoes that. A date keeps its key (its original
 * start), so sign-ups for a moved date stay. One-off activities are changed
 * or cancelled as a whole instead.
 */

export type ExceptionResult = { ok: true } | { ok: false; error: 'not_series' | 'no_date' | 'move_past' | 'move_taken' };

async function seriesDate(db: Db, viewer: Viewer, activityId: string, key: Date) {
	const { activity: a } = await requireActivityManager(db, viewer, activityId);
	if (!a.rrule) return { ok: false, error: 'not_series' } as const;
	if (!isOccurrence(a, key)) return { ok: false, error: 'no_date' } as const;
	return { ok: true, activity: a } as const;
}

/** How the date is now: its exception, if any. */
async function currentException(tx: Db, activityId: string, key: Date) {
	const [ex] = await tx
		.select()
		.from(activityException)
		.where(and(eq(activityException.activityId, activityId), eq(activityException.occurrenceStart, key)));
	return ex;
}

/**
 * Cancel one date of a series. Sign-ups stay, so people can see it does not
 * go on; nobody can sign up for it. Everyone signed up for it gets a mail
 * (added in the same transaction; not again when it was cancelled already).
 */
export async function cancelOccurrence(db: Db, viewer: Viewer, activityId: string, key: Date): Promise<ExceptionResult> {
	const check = await seriesDate(db, viewer, activityId, key);
	if (!check.ok) return check;
	await db.transaction(async (tx) => {
		const was = await currentException(tx, activityId, key);
		await tx
			.insert(activityException)
			.values({ activityId, occurrenceStart: key, status: 'cancelled', startsAt: null, endsAt: null })
			.onConflictDoUpdate({ target: [activityException.activityId, activityException.occurrenceStart], set: { status: 'cancelled', startsAt: null, endsAt: null } });
		if (was?.status !== 'cancelled') {
			await notifyDateChanged(tx, activityId, key, 'cancelled');
			await tx.update(activity).set({ sequence: nextSequence }).where(eq(activity.id, activityId));
			await refreshActivityDates(tx, [activityId]);
		}
	});
	return { ok: true };
}

/**
 * Move one date of a series to other times (any day). Everyone signed up for
 * it gets a mail with the new times (in the same transaction).
 */
export async function moveOccurrence(
	db: Db,
	viewer: Viewer,
	activityId: string,
	key: Date,
	to: { startsAt: Date; endsAt: Date },
	options: { now?: Date; checkTimes?: boolean } = {}
): Promise<ExceptionResult> {
	const check = await seriesDate(db, viewer, activityId, key);
	if (!check.ok) return check;
	// A person moves a date to a time still to come and free; an imported feed says what was (checkTimes: false).
	if (options.checkTimes !== false) {
		if (to.startsAt <= (options.now ?? new Date())) return { ok: false, error: 'move_past' };
		// Two dates of one series at the same time would be one meeting with two lists of sign-ups.
		const overlapping = await occurrencesOfMany(db, [check.activity], to.startsAt, to.endsAt);
		if (overlapping.some(({ occurrence: o }) => o.key.getTime() !== key.getTime() && !o.cancelled)) return { ok: false, error: 'move_taken' };
	}
	await db.transaction(async (tx) => {
		const was = await currentException(tx, activityId, key);
		const same = was?.status === 'moved' && was.startsAt?.getTime() === to.startsAt.getTime() && was.endsAt?.getTime() === to.endsAt.getTime();
		if (!same) await notifyDateChanged(tx, activityId, key, 'date_moved');
		await tx
			.insert(activityException)
			.values({ activityId, occurrenceStart: key, status: 'moved', ...to })
			.onConflictDoUpdate({ target: [activityException.activityId, activityException.occurrenceStart], set: { status: 'moved', ...to } });
		// A date moved past the end of the series still shows in lists.
		await tx
			.update(activity)
			.set({ seriesEndsAt: sql`case when ${activity.seriesEndsAt} is null then null else greatest(${activity.seriesEndsAt}, ${to.endsAt}) end`, ...(same ? {} : { sequence: nextSequence }) })
			.where(eq(activity.id, activityId));
		await refreshActivityDates(tx, [activityId]);
	});
	return { ok: true };
}

/**
 * Undo a cancellation or move: the date is as the series planned it again.
 * Everyone still signed up for it hears that it goes on after all, or its new
 * (original) times.
 */
export async function restoreOccurrence(db: Db, viewer: Viewer, activityId: string, key: Date): Promise<ExceptionResult> {
	const check = await seriesDate(db, viewer, activityId, key);
	if (!check.ok) return check;
	await db.transaction(async (tx) => {
		const [was] = await tx
			.delete(activityException)
			.where(and(eq(activityException.activityId, activityId), eq(activityException.occurrenceStart, key)))
			.returning({ status: activityException.status });
		if (!was) return;
		await notifyDateChanged(tx, activityId, key, was.status === 'cancelled' ? 'restored' : 'date_moved');
		await tx.update(activity).set({ sequence: nextSequence }).where(eq(activity.id, activityId));
		await refreshActivityDates(tx, [activityId]);
	});
	return { ok: true };
}
