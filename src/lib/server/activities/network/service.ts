import { and, asc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Viewer } from '../../accounts/viewer.ts';
import type { Db } from '../../db/index.ts';
import { initiative, type Theme } from '../../initiatives/schema.ts';
import { rememberResult } from '../../pagecache/index.ts';
import {
	candidates,
	columns,
	conditions,
	DAY_SQL,
	datesInOrder,
	datesPerDay,
	fullRows,
	oneOffsIn,
	slimSeries,
	weekdaysBetween,
	withMembership,
	type ActivityKind,
	type DayWindow,
	type NetworkFilters,
	type Row
} from './sql.ts';
import { mayOverlap, occurrencesOfMany, rememberedExpand, type Occurrence } from '../occurrences.ts';
import type { SeriesTimes } from '../recurrence.ts';
import { datesHorizon } from '../dates.ts';
import { activity, activitySignup } from '../schema.ts';
import { dayKey, startOfDay } from '../time.ts';

export { NO_FILTERS, visibleInNetwork, type ActivityKind, type DayWindow, type NetworkFilters } from './sql.ts';

/**
 * What's on across the whole network (de agenda van het netwerk): the dates
 * of activities of all published initiatives, filtered, as this viewer may
 * see them. Who sees what is decided in SQL, the same rules as an
 * initiative's own list (`visibleIn` in service.ts, `canSeeActivity` in
 * access/activities.ts):
 *
 * - everyone: public activities (not proposed ones) of published initiatives;
 * - people who belong to any initiative (`inNetwork`): network activities too;
 * - members: every activity of their own initiatives, members-only included;
 *   a proposed one only for the member who proposed it and the coordinators.
 *
 * Only published initiatives appear here, also for their own members: an
 * initiative that waits for approval keeps its activities on its own page.
 *
 * At national scale a window holds thousands of dates. One-off activities are
 * read in time order with a limit (an index on their start), series only as
 * far as needed, and a series is expanded only within the window.
 */

/** One date in the network's list. The online link itself is never read here. */
export interface NetworkDate extends Occurrence {
	id: string;
	title: string;
	kind: ActivityKind;
	theme: Theme | null;
	costCents: number;
	online: boolean;
	capacity: number | null;
	/** `cancelled` here: the whole activity (`cancelled` of the date: only this date). */
	status: Row['status'];
	visibility: Row['visibility'];
	series: boolean;
	initiative: { slug: string; name: string; town: string };
	/** Kilometres from the searched place; null without a place. */
	distanceKm: number | null;
	/** Confirmed sign-ups for this date (counted for activities with a limit; 0 without one). */
	confirmed: number;
}

/** The midnight (Amsterdam) after a moment. */
function endOfDay(moment: Date): Date {
	const [year, month, day] = dayKey(moment).split('-').map(Number);
	return startOfDay({ year, month, day }, 1);
}

/** The dates of these series that start in [window.start, window.to) and end after window.from, exceptions applied. */
async function seriesDates<T extends SeriesTimes & { id: string }>(db: Db, rows: T[], window: DayWindow, limitEach: number) {
	if (!rows.length) return [];
	// Expanded over whole days (the same key all day long); what has ended is left out below.
	const all = await occurrencesOfMany(db, rows, window.start, window.to, limitEach, rememberedExpand);
	return all.filter(({ occurrence: o }) => o.startsAt >= window.start && o.startsAt < window.to && o.endsAt > window.from);
}

/** A date before it is shown: a one-off with its row, or a date of a series whose row is read later. */
type Candidate = { id: string; startsAt: Date; key: Date; occurrence: Occurrence; row?: Row };

/** The candidates as dates: series rows read in full, in one query. */
async function complete(db: Db, viewer: Viewer, filters: NetworkFilters, shown: Candidate[]): Promise<Array<Omit<NetworkDate, 'confirmed'>>> {
	const rows = await fullRows(db, viewer, filters, [...new Set(shown.filter((c) => !c.row).map((c) => c.id))]);
	return shown.flatMap((c) => {
		const row = c.row ?? rows.get(c.id);
		return row ? [toDate(row, c.occurrence)] : [];
	});
}

const oneOff = (row: Row): Candidate => ({ id: row.id, startsAt: row.startsAt, key: row.startsAt, occurrence: oneOffOccurrence(row), row });

function toDate(row: Row, occurrence: Occurrence): Omit<NetworkDate, 'confirmed'> {
	return {
		id: row.id,
		title: row.title,
		kind: row.kind,
		theme: row.theme,
		costCents: row.costCents,
		online: row.online,
		capacity: row.capacity,
		status: row.status,
		visibility: row.visibility,
		series: !!row.rrule,
		initiative: { slug: row.slug, name: row.initiativeName, town: row.town },
		distanceKm: row.distanceKm === null ? null : Number(row.distanceKm),
		...occurrence
	};
}

const oneOffOccurrence = (row: Row): Occurrence => ({ key: row.startsAt, startsAt: row.startsAt, endsAt: row.endsAt, cancelled: false, moved: false });

const inOrder = (a: { startsAt: Date; id: string; key: Date }, b: { startsAt: Date; id: string; key: Date }) =>
	a.startsAt.getTime() - b.startsAt.getTime() || a.id.localeCompare(b.id) || a.key.getTime() - b.key.getTime();

/** Confirmed sign-ups per date, for the dates shown: one grouped query. */
async function withCounts(db: Db, dates: Array<Omit<NetworkDate, 'confirmed'>>): Promise<NetworkDate[]> {
	const counts = new Map<string, number>();
	const limited = dates.filter((d) => d.capacity !== null);
	if (limited.length) {
		const keys = limited.map((d) => d.key.getTime());
		const found = await db
			.select({ activityId: activitySignup.activityId, at: activitySignup.occurrenceStart, n: sql<number>`count(*)::int` })
			.from(activitySignup)
			.where(
				and(
					inArray(activitySignup.activityId, [...new Set(limited.map((d) => d.id))]),
					gte(activitySignup.occurrenceStart, new Date(Math.min(...keys))),
					lte(activitySignup.occurrenceStart, new Date(Math.max(...keys))),
					eq(activitySignup.status, 'confirmed')
				)
			)
			.groupBy(activitySignup.activityId, activitySignup.occurrenceStart);
		for (const f of found) counts.set(`${f.activityId}/${f.at.getTime()}`, Number(f.n));
	}
	return dates.map((d) => ({ ...d, confirmed: counts.get(`${d.id}/${d.key.getTime()}`) ?? 0 }));
}

type Page = { limit: number; offset?: number };

/** A row of the dates table as a candidate (its activity's row is read later). */
const fromTable = (r: { activityId: string; occurrenceStart: Date; startsAt: Date; endsAt: Date; cancelled: boolean; moved: boolean }): Candidate => ({
	id: r.activityId,
	startsAt: r.startsAt,
	key: r.occurrenceStart,
	occurrence: { key: r.occurrenceStart, startsAt: r.startsAt, endsAt: r.endsAt, cancelled: r.cancelled, moved: r.moved }
});

/**
 * The dates in a window, in time order, as this viewer may see them: page by
 * page (`offset`, `limit`); `more` says whether later dates exist in the window.
 *
 * Read from the dates table (activities/dates.ts) in the table's time order;
 * a window past its horizon (or before it is built) is expanded instead.
 */
export async function networkDates(db: Db, viewer: Viewer, filters: NetworkFilters, window: DayWindow, page: Page): Promise<{ dates: NetworkDate[]; more: boolean }> {
	const horizon = await datesHorizon(db);
	if (!horizon || window.to > horizon) return expandedNetworkDates(db, viewer, filters, window, page);
	const offset = page.offset ?? 0;
	const rows = await datesInOrder(db, viewer, filters, window, { limit: page.limit + 1, offset });
	const found = rows.map(fromTable);
	const shown = await complete(db, viewer, filters, found.slice(0, page.limit));
	return { dates: await withCounts(db, shown), more: found.length > page.limit };
}

/**
 * `networkDates` by expanding the series of the window: for a window past the
 * dates table's horizon, and the measure the table is tested against.
 */
export async function expandedNetworkDates(db: Db, viewer: Viewer, filters: NetworkFilters, window: DayWindow, page: Page): Promise<{ dates: NetworkDate[]; more: boolean }> {
	const offset = page.offset ?? 0;
	const wanted = offset + page.limit + 1;
	const oneOffs = (await candidates(db, viewer, filters, oneOffsIn(window))
		.orderBy(asc(activity.startsAt), asc(activity.id))
		.limit(wanted)) as Row[];

	// When the one-offs alone fill the page, series dates after the day of the last of them cannot be on it.
	const until = oneOffs.length === wanted ? new Date(Math.min(window.to.getTime(), endOfDay(oneOffs.at(-1)!.startsAt).getTime())) : window.to;
	const seriesWindow = { ...window, to: until };
	const series = await slimSeries(db, viewer, filters, seriesWindow, weekdaysBetween(window.start, new Date(until.getTime() - 1)));
	const expanded = await seriesDates(db, series, seriesWindow, wanted);

	const all: Candidate[] = [...oneOffs.map(oneOff), ...expanded.map(({ activity: a, occurrence }) => ({ id: a.id, startsAt: occurrence.startsAt, key: occurrence.key, occurrence }))].sort(inOrder);
	const shown = await complete(db, viewer, filters, all.slice(offset, offset + page.limit));
	return { dates: await withCounts(db, shown), more: all.length > offset + page.limit };
}

/** A day in the week or month view: how many dates take place, and the first few. */
export interface NetworkDay {
	day: string;
	/** Dates that take place (cancelled ones not counted). */
	count: number;
	dates: NetworkDate[];
}

/**
 * Per day of a window (a week, a month): how many dates take place, and the
 * first `perDay` dates of each day. Days without dates are left out.
 *
 * Read from the dates table (activities/dates.ts): one query counts and ranks
 * the dates of the window per day, without expanding any series. A window past
 * the table's horizon (or before the table is built) is expanded as before.
 * The result is shared (`rememberResult`): callers read it and never change it.
 */
export function networkDays(db: Db, viewer: Viewer, filters: NetworkFilters, window: DayWindow, perDay: number): Promise<Map<string, NetworkDay>> {
	// The same for everyone with this viewer's scope, until the next write: a month is read once, not per request.
	const key = ['network-days', viewer?.userId ?? '', JSON.stringify(filters), window.start.toISOString(), window.from.toISOString(), window.to.toISOString(), perDay].join('|');
	return rememberResult(key, () => readNetworkDays(db, viewer, filters, window, perDay));
}

async function readNetworkDays(db: Db, viewer: Viewer, filters: NetworkFilters, window: DayWindow, perDay: number): Promise<Map<string, NetworkDay>> {
	const horizon = await datesHorizon(db);
	if (!horizon || window.to > horizon) return expandedNetworkDays(db, viewer, filters, window, perDay);
	const days = new Map<string, { count: number; candidates: Candidate[] }>();
	for (const row of await datesPerDay(db, viewer, filters, window, perDay)) {
		let day = days.get(row.day);
		if (!day) days.set(row.day, (day = { count: Number(row.dayCount), candidates: [] }));
		if (Number(row.rank) > perDay) continue;
		day.candidates.push(fromTable(row));
	}
	return daysWithDates(db, viewer, filters, days, perDay);
}

/** The dates of every candidate, in full, per day in order (shared by both ways of finding them). */
async function daysWithDates(db: Db, viewer: Viewer, filters: NetworkFilters, days: Map<string, { count: number; candidates: Candidate[] }>, perDay: number) {
	const shown = await complete(db, viewer, filters, [...days.values()].flatMap((d) => d.candidates.sort(inOrder).slice(0, perDay)));
	const counted = await withCounts(db, shown);
	const result = new Map<string, NetworkDay>();
	for (const key of [...days.keys()].sort()) result.set(key, { day: key, count: days.get(key)!.count, dates: counted.filter((c) => dayKey(c.startsAt) === key) });
	return result;
}

/**
 * `networkDays` by expanding every series of the window: for a window past
 * the dates table's horizon, and the measure the table is tested against.
 */
export async function expandedNetworkDays(db: Db, viewer: Viewer, filters: NetworkFilters, window: DayWindow, perDay: number): Promise<Map<string, NetworkDay>> {
	const days = new Map<string, { count: number; candidates: Candidate[] }>();
	const dayOf = (key: string) => {
		let found = days.get(key);
		if (!found) days.set(key, (found = { count: 0, candidates: [] }));
		return found;
	};

	// One-offs: how many take place each day, and (for a week) the first `perDay` of each day, in one query.
	if (perDay > 0) {
		const ranked = db
			.select({
				...columns(filters),
				day: DAY_SQL.as('day'),
				rank: sql<number>`row_number() over (partition by ${DAY_SQL} order by ${activity.startsAt}, ${activity.id})`.as('rank'),
				dayCount: sql<number>`count(*) filter (where ${activity.status} <> 'cancelled') over (partition by ${DAY_SQL})`.as('day_count')
			})
			.from(activity)
			.innerJoin(initiative, eq(initiative.id, activity.initiativeId))
			.$dynamic();
		const sub = withMembership(ranked, viewer).where(conditions(db, viewer, filters, oneOffsIn(window))).as('ranked');
		for (const row of await db.select().from(sub).where(lte(sub.rank, perDay)).orderBy(asc(sub.startsAt), asc(sub.id))) {
			const day = dayOf(row.day);
			if (Number(row.rank) === 1) day.count += Number(row.dayCount);
			day.candidates.push(oneOff(row as Row));
		}
	} else {
		const counted = db
			.select({ day: DAY_SQL, n: sql<number>`count(*) filter (where ${activity.status} <> 'cancelled')` })
			.from(activity)
			.innerJoin(initiative, eq(initiative.id, activity.initiativeId))
			.$dynamic();
		for (const row of await withMembership(counted, viewer).where(conditions(db, viewer, filters, oneOffsIn(window))).groupBy(DAY_SQL)) dayOf(row.day).count += Number(row.n);
	}

	const series = await slimSeries(db, viewer, filters, window, weekdaysBetween(window.start, new Date(window.to.getTime() - 1)));
	for (const { activity: row, occurrence } of await seriesDates(db, series, window, 62)) {
		const day = dayOf(dayKey(occurrence.startsAt));
		if (!occurrence.cancelled && row.status !== 'cancelled') day.count++;
		if (perDay > 0) day.candidates.push({ id: row.id, startsAt: occurrence.startsAt, key: occurrence.key, occurrence });
	}

	return daysWithDates(db, viewer, filters, days, perDay);
}

/** A feed shows what ended at most this long ago, and at most this many activities (as the initiative feeds). */
const FEED_PAST = 60 * 24 * 3600 * 1000;
const FEED_MAX = 1000;

/**
 * The public activities that pass the filters, whole (a series once, with its
 * rule), for a calendar feed of the network list: what a visitor may see,
 * whoever asks, because calendar apps fetch feeds without signing in.
 */
export async function networkFeedActivities(db: Db, filters: NetworkFilters, now: Date = new Date()) {
	return db
		.select({ activity, slug: initiative.slug, home: { name: initiative.name, address: initiative.address, postcode: initiative.postcode, town: initiative.town } })
		.from(activity)
		.innerJoin(initiative, eq(initiative.id, activity.initiativeId))
		.where(conditions(db, null, filters, [mayOverlap(new Date(now.getTime() - FEED_PAST), new Date(Date.UTC(9999, 0, 1)))]))
		.orderBy(asc(activity.startsAt), asc(activity.id))
		.limit(FEED_MAX);
}
