import { and, asc, eq, gt, gte, inArray, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { expand, isOccurrence, onDay, type SeriesTimes } from './recurrence.ts';
import { activity, activityException } from './schema.ts';
import { calendarDay, startOfDay } from './time.ts';

/**
 * The dates (occurrences) of an activity as people see them: the series'
 * dates with its exceptions applied. A date is known by its key, the
 * original start, which stays the same when the date is moved.
 */
export interface Occurrence {
	/** The original start: the key of this date for sign-ups and exceptions. */
	key: Date;
	startsAt: Date;
	endsAt: Date;
	/** Only this date is cancelled (a cancelled activity is marked on the activity). */
	cancelled: boolean;
	moved: boolean;
}

export type SeriesRow = SeriesTimes & { id: string };
type ExceptionRow = typeof activityException.$inferSelect;

function withException(original: { start: Date; end: Date }, ex: ExceptionRow | undefined): Occurrence {
	if (ex?.status === 'moved' && ex.startsAt && ex.endsAt) return { key: original.start, startsAt: ex.startsAt, endsAt: ex.endsAt, cancelled: false, moved: true };
	return { key: original.start, startsAt: original.start, endsAt: original.end, cancelled: ex?.status === 'cancelled', moved: false };
}

/** Exceptions of these activities that matter for [from, to): on a date in it, or moved into it. */
async function exceptionsFor(db: Db, activityIds: string[], from: Date, to: Date): Promise<ExceptionRow[]> {
	if (activityIds.length === 0) return [];
	const margin = 60 * 24 * 3600 * 1000;
	return db
		.select()
		.from(activityException)
		.where(
			and(
				inArray(activityException.activityId, activityIds),
				or(
					and(gt(activityException.occurrenceStart, new Date(from.getTime() - margin)), lt(activityException.occurrenceStart, new Date(to.getTime() + margin))),
					and(lt(activityException.startsAt, to), gt(activityException.endsAt, from))
				)
			)
		);
}

/**
 * The dates of several activities that overlap [from, to), exceptions
 * applied, in time order. A moved date shows where it was moved to.
 * `expandSeries` may remember expansions (see network.ts); it must answer as `expand` does.
 */
export async function occurrencesOfMany<T extends SeriesRow>(
	db: Db,
	activities: T[],
	from: Date,
	to: Date,
	limitEach = 400,
	expandSeries: typeof expand = expand
): Promise<Array<{ activity: T; occurrence: Occurrence }>> {
	const series = activities.filter((a) => a.rrule);
	const exceptions = await exceptionsFor(
		db,
		series.map((a) => a.id),
		from,
		to
	);
	const byActivity = new Map<string, Map<number, ExceptionRow>>();
	for (const ex of exceptions) {
		if (!byActivity.has(ex.activityId)) byActivity.set(ex.activityId, new Map());
		byActivity.get(ex.activityId)!.set(ex.occurrenceStart.getTime(), ex);
	}
	const out: Array<{ activity: T; occurrence: Occurrence }> = [];
	for (const a of activities) {
		const own = byActivity.get(a.id) ?? new Map<number, ExceptionRow>();
		const seen = new Set<number>();
		for (const original of expandSeries(a, from, to, limitEach)) {
			seen.add(original.start.getTime());
			const o = withException(original, own.get(original.start.getTime()));
			if (o.endsAt > from && o.startsAt < to) out.push({ activity: a, occurrence: o });
		}
		// Dates moved into the window from outside it.
		for (const ex of own.values()) {
			if (ex.status !== 'moved' || seen.has(ex.occurrenceStart.getTime()) || !(ex.startsAt! < to && ex.endsAt! > from)) continue;
			if (!isOccurrence(a, ex.occurrenceStart)) continue;
			out.push({ activity: a, occurrence: withException({ start: ex.occurrenceStart, end: ex.occurrenceStart }, ex) });
		}
	}
	return out.sort((x, y) => x.occurrence.startsAt.getTime() - y.occurrence.startsAt.getTime() || x.activity.id.localeCompare(y.activity.id));
}

/**
 * Expanding a series costs tens of microseconds, and the national week or
 * month expands every series there is. The same days are asked for again and
 * again (windows that start and end at midnight), so expansions are
 * remembered per series and window. The key holds the rule and the times, so
 * a changed series is simply a new key; exceptions are applied afterwards.
 */
const expansions = new Map<string, ReturnType<typeof expand>>();
const MAX_EXPANSIONS = 20_000;
export function rememberedExpand(series: SeriesTimes, from: Date, to: Date, limit?: number): ReturnType<typeof expand> {
	// A one-off is its own single date: nothing to remember.
	if (!series.rrule) return expand(series, from, to, limit);
	const key = `${series.rrule}|${series.startsAt.getTime()}|${series.endsAt.getTime()}|${from.getTime()}|${to.getTime()}|${limit}`;
	let found = expansions.get(key);
	if (!found) {
		if (expansions.size >= MAX_EXPANSIONS) expansions.clear();
		expansions.set(key, (found = expand(series, from, to, limit)));
	}
	return found;
}

/**
 * The dates of several activities that overlap [from, to), as
 * `occurrencesOfMany` gives them, but expanded over whole days in Amsterdam,
 * so that every request of a day reuses the same remembered expansions.
 * Series have at most one date a day, so one more date each covers the part
 * of the first day before `from`.
 */
export async function occurrencesByDay<T extends SeriesRow>(db: Db, activities: T[], from: Date, to: Date, limitEach: number) {
	const start = startOfDay(calendarDay(from));
	const end = startOfDay(calendarDay(new Date(to.getTime() - 1)), 1);
	const all = await occurrencesOfMany(db, activities, start, end, limitEach + 1, rememberedExpand);
	return all.filter(({ occurrence: o }) => o.endsAt > from && o.startsAt < to);
}

/** One date of an activity by its key; null when the series has no such date. */
export async function occurrenceAt(db: Db, a: SeriesRow, key: Date): Promise<Occurrence | null> {
	if (!isOccurrence(a, key)) return null;
	if (!a.rrule) return withException({ start: a.startsAt, end: a.endsAt }, undefined);
	const [ex] = await db
		.select()
		.from(activityException)
		.where(and(eq(activityException.activityId, a.id), eq(activityException.occurrenceStart, key)));
	const end = expand(a, new Date(key.getTime() - 1), new Date(key.getTime() + 1), 5).find((o) => o.start.getTime() === key.getTime())!.end;
	return withException({ start: key, end }, ex);
}

/**
 * The date of an activity that was planned on a day in Amsterdam
 * (`?datum=2026-12-01`), or else one that was moved to that day (a link
 * shared after the move).
 */
export async function occurrenceOnDay(db: Db, a: SeriesRow, day: { year: number; month: number; day: number }): Promise<Occurrence | null> {
	const [first] = onDay(a, day);
	if (first) return occurrenceAt(db, a, first.start);
	if (!a.rrule) return null;
	const [moved] = await db
		.select({ key: activityException.occurrenceStart })
		.from(activityException)
		.where(
			and(
				eq(activityException.activityId, a.id),
				eq(activityException.status, 'moved'),
				gte(activityException.startsAt, startOfDay(day)),
				lt(activityException.startsAt, startOfDay(day, 1))
			)
		)
		.orderBy(asc(activityException.startsAt))
		.limit(1);
	return moved ? occurrenceAt(db, a, moved.key) : null;
}

/** The next date that has not ended (not cancelled, when there is one), else the first date. */
export async function nextOccurrence(db: Db, a: SeriesRow, now: Date = new Date()): Promise<Occurrence> {
	const coming = await occurrencesOfMany(db, [a], now, new Date(now.getTime() + 400 * 24 * 3600 * 1000), 30);
	const pick = coming.find((c) => !c.occurrence.cancelled) ?? coming[0];
	return pick?.occurrence ?? (await occurrenceAt(db, a, a.startsAt))!;
}

/** The coming dates of one activity (for "other dates" on its page). */
export async function comingOccurrences(db: Db, a: SeriesRow, now: Date, limit: number): Promise<Occurrence[]> {
	return (await occurrencesOfMany(db, [a], now, new Date(now.getTime() + 400 * 24 * 3600 * 1000), limit)).slice(0, limit).map((c) => c.occurrence);
}

/**
 * SQL: activities of which a date may overlap [from, to): one-offs by their
 * times, series by their start and the end of their last date.
 */
export function mayOverlap(from: Date, to: Date) {
	return and(
		lt(activity.startsAt, to),
		or(
			and(sql`${activity.rrule} is null`, gt(activity.endsAt, from)),
			and(sql`${activity.rrule} is not null`, or(sql`${activity.seriesEndsAt} is null`, gt(activity.seriesEndsAt, from)))
		)
	);
}
