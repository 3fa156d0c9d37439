import { and, eq, gt, gte, inArray, isNotNull, isNull, or } from 'drizzle-orm';
import { dateAudience } from '../access/activities.ts';
import type { Db } from '../db/index.ts';
import type { QueueDefinition } from '../jobs/index.ts';
import { log } from '../log/index.ts';
import { occurrencesOfMany } from './occurrences.ts';
import { activity, activityDate, activityDateHorizon } from './schema.ts';
import { calendarDay, dayKey, startOfDay } from './time.ts';

/**
 * The dates table (`activity_date`): every date of every activity that starts
 * before the horizon, kept in the transaction that changes the activity or
 * one of its dates. Every write to `activity` or `activity_exception` calls
 * `refreshActivityDates` for the activities it touched; a series without end
 * is written up to the horizon, which a daily job moves on (a month at a time).
 * The network's list, week and month, the map's next dates and an
 * initiative's own calendar read it; a window past the horizon is expanded
 * as before.
 */

/** The horizon runs this many whole months past the current one, and moves on when fewer than `HORIZON_MONTHS - 1` are left. */
const HORIZON_MONTHS = 14;
/** Activities per round of a rebuild. */
const BATCH = 1000;
/** A series has at most this many dates before the horizon (weekly for years back and a year ahead fit). */
const MAX_DATES = 5000;

function monthStart(now: Date, months: number): Date {
	const { year, month } = calendarDay(now);
	const d = new Date(Date.UTC(year, month - 1 + months, 1));
	return startOfDay({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: 1 });
}

/** The horizon as it stands; null when the table was never built. */
export async function datesHorizon(db: Db): Promise<Date | null> {
	const [row] = await db.select({ until: activityDateHorizon.until }).from(activityDateHorizon);
	return row?.until ?? null;
}

/** Write the dates of these activities before `until` again (their rows are removed first). */
async function writeDates(tx: Db, activityIds: string[], until: Date): Promise<void> {
	if (!activityIds.length) return;
	await tx.delete(activityDate).where(inArray(activityDate.activityId, activityIds));
	const rows = await tx
		.select({
			id: activity.id,
			initiativeId: activity.initiativeId,
			startsAt: activity.startsAt,
			endsAt: activity.endsAt,
			rrule: activity.rrule,
			status: activity.status,
			visibility: activity.visibility
		})
		.from(activity)
		.where(inArray(activity.id, activityIds));
	const dates = await occurrencesOfMany(tx, rows, new Date(0), until, MAX_DATES);
	const values = dates.map(({ activity: a, occurrence: o }) => ({
		activityId: a.id,
		initiativeId: a.initiativeId,
		occurrenceStart: o.key,
		startsAt: o.startsAt,
		endsAt: o.endsAt,
		day: dayKey(o.startsAt),
		audience: dateAudience(a),
		cancelled: o.cancelled,
		moved: o.moved,
		takesPlace: !o.cancelled && a.status !== 'cancelled'
	}));
	// 10 columns a row: well under PostgreSQL's 65,535 parameters per statement.
	for (let i = 0; i < values.length; i += 5000) await tx.insert(activityDate).values(values.slice(i, i + 5000));
}

/**
 * After a change to these activities or their dates, in the same transaction:
 * their rows in the dates table as they are now. Waits for a rebuild that is
 * under way (the horizon row is locked), so neither overwrites the other.
 */
export async function refreshActivityDates(tx: Db, activityIds: string[]): Promise<void> {
	if (!activityIds.length) return;
	const [horizon] = await tx.select({ until: activityDateHorizon.until }).from(activityDateHorizon).for('share');
	// Not built yet: the first build writes every activity as it is then.
	if (!horizon) return;
	await writeDates(tx, [...new Set(activityIds)], horizon.until);
}

/**
 * Build the dates table, or move its horizon on (a month at a time): at start,
 * daily, and after data was written around the services (the demo, the
 * national-scale data). `rebuild` writes every activity again.
 */
export async function ensureActivityDates(db: Db, options: { now?: Date; rebuild?: boolean } = {}): Promise<void> {
	const now = options.now ?? new Date();
	const wanted = monthStart(now, HORIZON_MONTHS);
	const started = performance.now();
	const done = await db.transaction(async (tx) => {
		await tx.insert(activityDateHorizon).values({ id: 1, until: new Date(0) }).onConflictDoNothing();
		const [{ until }] = await tx.select({ until: activityDateHorizon.until }).from(activityDateHorizon).for('update');
		const fresh = until.getTime() > 0;
		if (fresh && !options.rebuild && until >= monthStart(now, HORIZON_MONTHS - 1)) return null;
		// A first build or a rebuild writes everything; moving on, what may have dates past the old horizon.
		const goesOn = and(isNotNull(activity.rrule), or(isNull(activity.seriesEndsAt), gt(activity.seriesEndsAt, until)));
		const which = fresh && !options.rebuild ? or(goesOn, gte(activity.startsAt, until)) : undefined;
		if (!fresh || options.rebuild) await tx.delete(activityDate);
		const ids = (await tx.select({ id: activity.id }).from(activity).where(which)).map((r) => r.id);
		for (let i = 0; i < ids.length; i += BATCH) await writeDates(tx, ids.slice(i, i + BATCH), wanted);
		await tx.update(activityDateHorizon).set({ until: wanted }).where(eq(activityDateHorizon.id, 1));
		return ids.length;
	});
	if (done !== null) log.info({ activities: done, until: wanted, ms: Math.round(performance.now() - started) }, 'activity dates written');
}

export const ACTIVITY_DATES_QUEUE = 'activity-dates-horizon';

/** The daily move of the horizon, for the job runner. */
export function activityDateQueues(db: Db): Record<string, QueueDefinition> {
	return { [ACTIVITY_DATES_QUEUE]: { handler: async () => void (await ensureActivityDates(db)), cron: '23 3 * * *', retryLimit: 1 } };
}
