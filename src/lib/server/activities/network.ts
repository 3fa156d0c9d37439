import { and, asc, eq, exists, gte, inArray, isNotNull, isNull, lt, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias, type PgSelect } from 'drizzle-orm/pg-core';
import type { Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { distanceFrom, nearConditions, type Centre } from '../directory/near.ts';
import { initiative, membership, type Accessibility, type Theme } from '../initiatives/schema.ts';
import { log } from '../log/index.ts';
import { mayOverlap, occurrencesOfMany, type Occurrence } from './occurrences.ts';
import { expand, toFloating, type SeriesTimes } from './recurrence.ts';
import { startOfDay } from './time.ts';
import { ACTIVITY_KINDS, activity, activityException, activitySignup } from './schema.ts';

/**
 * What's on across the whole network (de agenda van het netwerk): the dates
 * of activities of all published initiatives, filtered, as this viewer may
 * see them. Who sees what is decided in SQL, the same rules as an
 * initiative's own list (`visibleIn` in service.ts, `canSeeActivity` in
 * access/index.ts):
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

export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export interface NetworkFilters {
	/** Near a place: initiatives within `km` of it (any distance when null). */
	near: (Centre & { km: number | null }) | null;
	kinds: ActivityKind[];
	themes: Theme[];
	/** Every one of these: on the activity itself, or at the initiative's own place. */
	accessibility: Accessibility[];
	free: boolean;
	where: 'online' | 'on-site' | null;
}

export const NO_FILTERS: NetworkFilters = { near: null, kinds: [], themes: [], accessibility: [], free: false, where: null };

/**
 * A window of days: dates that start in [start, to) and have not ended at
 * `from` (for today, `from` is now: what is over is left out).
 */
export interface DayWindow {
	start: Date;
	from: Date;
	to: Date;
}

/** One date in the network's list. The online link itself is never read here. */
export interface NetworkDate extends Occurrence {
	id: string;
	title: string;
	kind: ActivityKind;
	theme: Theme | null;
	costCents: number;
	online: boolean;
	capacity: number | null;
	/** `cancelled`: the whole activity; `cancelled` of the date: only this date. */
	status: 'published' | 'proposed' | 'cancelled';
	visibility: 'public' | 'network' | 'members';
	series: boolean;
	initiative: { slug: string; name: string; town: string };
	/** Kilometres from the searched place; null without a place. */
	distanceKm: number | null;
	/** Confirmed sign-ups for this date. */
	confirmed: number;
}

/** A series list never reads more series than this (far more than the network has); more is logged. */
const SERIES_CAP = 5000;

/** Amsterdam's day of a moment as `2026-12-01` (cheaper than formatting: this runs for every date). */
export function amsterdamDay(moment: Date): string {
	return toFloating(moment).toISOString().slice(0, 10);
}

/** The midnight (Amsterdam) after a moment. */
function endOfDay(moment: Date): Date {
	const [year, month, day] = amsterdamDay(moment).split('-').map(Number);
	return startOfDay({ year, month, day }, 1);
}

const DAY_SQL = sql<string>`to_char(${activity.startsAt} at time zone 'Europe/Amsterdam', 'YYYY-MM-DD')`;

/** The columns of a candidate activity (flat, so they also work in a subquery). */
function columns(filters: NetworkFilters) {
	return {
		id: activity.id,
		title: activity.title,
		kind: activity.kind,
		theme: activity.theme,
		startsAt: activity.startsAt,
		endsAt: activity.endsAt,
		rrule: activity.rrule,
		capacity: activity.capacity,
		status: activity.status,
		visibility: activity.visibility,
		costCents: activity.costCents,
		online: sql<boolean>`(${activity.onlineUrl} is not null)`.as('online'),
		slug: initiative.slug,
		initiativeName: sql<string>`${initiative.name}`.as('initiative_name'),
		town: initiative.town,
		distanceKm: (filters.near ? sql<number | null>`${distanceFrom(filters.near)}` : sql<number | null>`null::float8`).as('distance_km')
	};
}
type Row = {
	id: string;
	title: string;
	kind: ActivityKind;
	theme: Theme | null;
	startsAt: Date;
	endsAt: Date;
	rrule: string | null;
	capacity: number | null;
	status: NetworkDate['status'];
	visibility: NetworkDate['visibility'];
	costCents: number;
	online: boolean;
	slug: string;
	initiativeName: string;
	town: string;
	distanceKm: number | null;
};

const anyMembership = alias(membership, 'any_membership');

/**
 * SQL: may this viewer see the activity in the network's list? Needs the
 * viewer's own `membership` row of the activity's initiative joined (left
 * join; absent for visitors).
 */
export function visibleInNetwork(db: Db, viewer: Viewer): SQL {
	const published = eq(initiative.status, 'published');
	const notProposed = ne(activity.status, 'proposed');
	if (!viewer) return and(published, notProposed, eq(activity.visibility, 'public'))!;
	const inNetwork = exists(db.select({ one: sql`1` }).from(anyMembership).where(eq(anyMembership.userId, viewer.userId)));
	const asOutsider = and(notProposed, or(eq(activity.visibility, 'public'), and(eq(activity.visibility, 'network'), inNetwork)));
	const asMember = and(isNotNull(membership.role), or(notProposed, eq(membership.role, 'coordinator'), eq(activity.createdBy, viewer.userId)));
	return and(published, or(asMember, asOutsider))!;
}

/** SQL conditions for the filters (kind, theme, cost, online, accessibility, place). */
function filterConditions(filters: NetworkFilters): SQL[] {
	const conditions: SQL[] = [];
	if (filters.near) conditions.push(...nearConditions(filters.near, filters.near.km));
	if (filters.kinds.length) conditions.push(inArray(activity.kind, filters.kinds));
	if (filters.themes.length) conditions.push(inArray(activity.theme, filters.themes));
	if (filters.free) conditions.push(eq(activity.costCents, 0));
	if (filters.where === 'online') conditions.push(isNotNull(activity.onlineUrl));
	if (filters.where === 'on-site') conditions.push(isNull(activity.onlineUrl));
	for (const feature of filters.accessibility) {
		const wanted = sql`array[${feature}]::text[]`;
		// At the initiative's own place (no other place, not online) the initiative's features count too.
		conditions.push(
			sql`(${activity.accessibility} @> ${wanted} or (${activity.place} = '' and ${activity.onlineUrl} is null and ${initiative.accessibility} @> ${wanted}))`
		);
	}
	return conditions;
}

/** A query on activities, joined with the viewer's own membership of the activity's initiative (for a signed-in viewer). */
function withMembership<T extends PgSelect>(query: T, viewer: Viewer): T {
	if (!viewer) return query;
	// The selected fields are named explicitly, so the join does not change the rows' shape.
	return query.leftJoin(membership, and(eq(membership.initiativeId, activity.initiativeId), eq(membership.userId, viewer.userId))) as unknown as T;
}

/** All conditions: visible to the viewer, the filters, and these. */
function conditions(db: Db, viewer: Viewer, filters: NetworkFilters, where: Array<SQL | undefined>) {
	return and(visibleInNetwork(db, viewer), ...filterConditions(filters), ...where);
}

/** The candidates query: activities visible to the viewer that pass the filters and these conditions. */
function candidates(db: Db, viewer: Viewer, filters: NetworkFilters, where: Array<SQL | undefined>) {
	const query = db.select(columns(filters)).from(activity).innerJoin(initiative, eq(initiative.id, activity.initiativeId)).$dynamic();
	return withMembership(query, viewer).where(conditions(db, viewer, filters, where));
}

/** SQL: one-off activities that start in the window and have not ended. */
function oneOffsIn(window: DayWindow): SQL[] {
	return [isNull(activity.rrule), gte(activity.startsAt, window.start), lt(activity.startsAt, window.to), sql`${activity.endsAt} > ${window.from}`];
}

const WEEKDAY_CODES = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

/**
 * SQL: series that may have a date starting on one of these weekdays (in
 * Amsterdam), or a date moved into the window. Every date of a rule with
 * BYDAY falls on one of its days; a rule without BYDAY repeats on its first
 * date's weekday, which may be any, so it always stays in. (LIKE, not a
 * regular expression: `FREQ=WEEKLY` before BYDAY only lets more through.)
 */
function onWeekdays(weekdays: Set<number>, window: DayWindow): SQL {
	const days = [...weekdays].map((d) => sql`${activity.rrule} like ${`%BYDAY=%${WEEKDAY_CODES[d]}%`}`);
	const movedHere = sql`${activity.id} in (select ${activityException.activityId} from ${activityException} where ${activityException.status} = 'moved' and ${activityException.startsAt} < ${window.to} and ${activityException.endsAt} > ${window.from})`;
	return or(sql`${activity.rrule} not like '%BYDAY=%'`, ...days, movedHere)!;
}

/** The Amsterdam weekdays (0 = Sunday) of the days from `start` to `end`, when fewer than seven. */
function weekdaysBetween(start: Date, end: Date): Set<number> | null {
	const first = toFloating(start);
	const last = toFloating(end);
	const days = Math.floor(last.getTime() / 86_400_000) - Math.floor(first.getTime() / 86_400_000) + 1;
	if (days >= 7) return null;
	return new Set(Array.from({ length: days }, (_, i) => (first.getUTCDay() + i) % 7));
}

/**
 * Expanding a series costs tens of microseconds, and the national week or
 * month expands every series there is. The same days are asked for again and
 * again (windows here start and end at midnight), so expansions are
 * remembered per series and window. The key holds the rule and the times, so
 * a changed series is simply a new key; exceptions are applied afterwards.
 */
const expansions = new Map<string, ReturnType<typeof expand>>();
const MAX_EXPANSIONS = 20_000;
function rememberedExpand(series: SeriesTimes, from: Date, to: Date, limit?: number): ReturnType<typeof expand> {
	const key = `${series.rrule}|${series.startsAt.getTime()}|${series.endsAt.getTime()}|${from.getTime()}|${to.getTime()}|${limit}`;
	let found = expansions.get(key);
	if (!found) {
		if (expansions.size >= MAX_EXPANSIONS) expansions.clear();
		expansions.set(key, (found = expand(series, from, to, limit)));
	}
	return found;
}

/** The dates of these series that start in [window.start, window.to) and end after window.from, exceptions applied. */
async function seriesDates<T extends SeriesTimes & { id: string }>(db: Db, rows: T[], window: DayWindow, limitEach: number) {
	if (!rows.length) return [];
	// Expanded over whole days (the same key all day long); what has ended is left out below.
	const all = await occurrencesOfMany(db, rows, window.start, window.to, limitEach, rememberedExpand);
	return all.filter(({ occurrence: o }) => o.startsAt >= window.start && o.startsAt < window.to && o.endsAt > window.from);
}

/**
 * Series that may have dates in the window, with only what expanding needs:
 * PGlite spends microseconds on every value it returns, and most series of a
 * window have no date on the page. The few that do are read in full (`fullRows`).
 */
async function slimSeries(db: Db, viewer: Viewer, filters: NetworkFilters, window: DayWindow, weekdays: Set<number> | null) {
	const slim = db
		.select({ id: activity.id, startsAt: activity.startsAt, endsAt: activity.endsAt, rrule: activity.rrule, status: activity.status })
		.from(activity)
		.innerJoin(initiative, eq(initiative.id, activity.initiativeId))
		.$dynamic();
	const rows = await withMembership(slim, viewer)
		.where(conditions(db, viewer, filters, [isNotNull(activity.rrule), mayOverlap(window.from, window.to), weekdays ? onWeekdays(weekdays, window) : undefined]))
		.orderBy(asc(activity.startsAt), asc(activity.id))
		.limit(SERIES_CAP);
	if (rows.length === SERIES_CAP) log.warn({ cap: SERIES_CAP }, 'network list: more series than expected in one window; some are left out');
	return rows;
}

/** Whole rows of these activities (the same visibility and filters: a row can only drop out, never come in). */
async function fullRows(db: Db, viewer: Viewer, filters: NetworkFilters, ids: string[]): Promise<Map<string, Row>> {
	if (!ids.length) return new Map();
	const rows = (await candidates(db, viewer, filters, [inArray(activity.id, ids)])) as Row[];
	return new Map(rows.map((r) => [r.id, r]));
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

/**
 * The dates in a window, in time order, as this viewer may see them: page by
 * page (`offset`, `limit`); `more` says whether later dates exist in the window.
 */
export async function networkDates(
	db: Db,
	viewer: Viewer,
	filters: NetworkFilters,
	window: DayWindow,
	page: { limit: number; offset?: number }
): Promise<{ dates: NetworkDate[]; more: boolean }> {
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
 * first `perDay` dates of each day (none for a month). Days without dates are left out.
 */
export async function networkDays(db: Db, viewer: Viewer, filters: NetworkFilters, window: DayWindow, perDay: number): Promise<Map<string, NetworkDay>> {
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
		const day = dayOf(amsterdamDay(occurrence.startsAt));
		if (!occurrence.cancelled && row.status !== 'cancelled') day.count++;
		if (perDay > 0) day.candidates.push({ id: row.id, startsAt: occurrence.startsAt, key: occurrence.key, occurrence });
	}

	// Per day the first `perDay` dates, in full.
	const shown = await complete(db, viewer, filters, [...days.values()].flatMap((d) => d.candidates.sort(inOrder).slice(0, perDay)));
	const counted = await withCounts(db, shown);
	const result = new Map<string, NetworkDay>();
	for (const key of [...days.keys()].sort()) result.set(key, { day: key, count: days.get(key)!.count, dates: counted.filter((c) => amsterdamDay(c.startsAt) === key) });
	return result;
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
		.select({ activity, slug: initiative.slug, home: initiative.name })
		.from(activity)
		.innerJoin(initiative, eq(initiative.id, activity.initiativeId))
		.where(conditions(db, null, filters, [mayOverlap(new Date(now.getTime() - FEED_PAST), new Date(Date.UTC(9999, 0, 1)))]))
		.orderBy(asc(activity.startsAt), asc(activity.id))
		.limit(FEED_MAX);
}
