import { and, asc, eq, gte, inArray, isNotNull, isNull, lt, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import type { PgSelect } from 'drizzle-orm/pg-core';
import { inNetworkSql } from '../../access/initiatives.ts';
import type { Viewer } from '../../accounts/viewer.ts';
import type { Db } from '../../db/index.ts';
import { distanceFrom, nearConditions, type Centre } from '../../directory/near.ts';
import { initiative, membership, type Accessibility, type Theme } from '../../initiatives/schema.ts';
import { log } from '../../log/index.ts';
import { mayOverlap } from '../occurrences.ts';
import { toFloating } from '../time.ts';
import { networkDateVisible } from '../../access/activities.ts';
import { ACTIVITY_KINDS, activity, activityDate, activityException } from '../schema.ts';

/**
 * The SQL of the network's activity list (network.ts): who may see what, the
 * filters, and the candidate queries. Kept apart so the service reads as the
 * steps it takes.
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

/** A series list never reads more series than this (far more than the network has); more is logged. */
const SERIES_CAP = 5000;

export const DAY_SQL = sql<string>`to_char(${activity.startsAt} at time zone 'Europe/Amsterdam', 'YYYY-MM-DD')`;

/** The columns of a candidate activity (flat, so they also work in a subquery). */
export function columns(filters: NetworkFilters) {
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
/** A candidate activity as the list reads it. */
export type Row = {
	id: string;
	title: string;
	kind: ActivityKind;
	theme: Theme | null;
	startsAt: Date;
	endsAt: Date;
	rrule: string | null;
	capacity: number | null;
	status: 'published' | 'proposed' | 'cancelled';
	visibility: 'public' | 'network' | 'members';
	costCents: number;
	online: boolean;
	slug: string;
	initiativeName: string;
	town: string;
	distanceKm: number | null;
};

/**
 * SQL: may this viewer see the activity in the network's list? Needs the
 * viewer's own `membership` row of the activity's initiative joined (left
 * join; absent for visitors).
 */
export function visibleInNetwork(db: Db, viewer: Viewer): SQL {
	const published = eq(initiative.status, 'published');
	const notProposed = ne(activity.status, 'proposed');
	if (!viewer) return and(published, notProposed, eq(activity.visibility, 'public'))!;
	const inNetwork = inNetworkSql(viewer.userId);
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
export function withMembership<T extends PgSelect>(query: T, viewer: Viewer): T {
	if (!viewer) return query;
	// The selected fields are named explicitly, so the join does not change the rows' shape.
	return query.leftJoin(membership, and(eq(membership.initiativeId, activity.initiativeId), eq(membership.userId, viewer.userId))) as unknown as T;
}

/** All conditions: visible to the viewer, the filters, and these. */
export function conditions(db: Db, viewer: Viewer, filters: NetworkFilters, where: Array<SQL | undefined>) {
	return and(visibleInNetwork(db, viewer), ...filterConditions(filters), ...where);
}

/** The candidates query: activities visible to the viewer that pass the filters and these conditions. */
export function candidates(db: Db, viewer: Viewer, filters: NetworkFilters, where: Array<SQL | undefined>) {
	const query = db.select(columns(filters)).from(activity).innerJoin(initiative, eq(initiative.id, activity.initiativeId)).$dynamic();
	return withMembership(query, viewer).where(conditions(db, viewer, filters, where));
}

/** SQL: one-off activities that start in the window and have not ended. */
export function oneOffsIn(window: DayWindow): SQL[] {
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
export function weekdaysBetween(start: Date, end: Date): Set<number> | null {
	const first = toFloating(start);
	const last = toFloating(end);
	const days = Math.floor(last.getTime() / 86_400_000) - Math.floor(first.getTime() / 86_400_000) + 1;
	if (days >= 7) return null;
	return new Set(Array.from({ length: days }, (_, i) => (first.getUTCDay() + i) % 7));
}

/**
 * Series that may have dates in the window, with only what expanding needs:
 * PGlite spends microseconds on every value it returns, and most series of a
 * window have no date on the page. The few that do are read in full (`fullRows`).
 */
export async function slimSeries(db: Db, viewer: Viewer, filters: NetworkFilters, window: DayWindow, weekdays: Set<number> | null) {
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
export async function fullRows(db: Db, viewer: Viewer, filters: NetworkFilters, ids: string[]): Promise<Map<string, Row>> {
	if (!ids.length) return new Map();
	const rows = (await candidates(db, viewer, filters, [inArray(activity.id, ids)])) as Row[];
	return new Map(rows.map((r) => [r.id, r]));
}

/** Did the person choose anything that narrows the list (besides the days)? */
export function hasFilters(filters: NetworkFilters): boolean {
	return !!filters.near || filters.kinds.length > 0 || filters.themes.length > 0 || filters.accessibility.length > 0 || filters.free || filters.where !== null;
}

/** The columns of a date in the dates table, as the list and the calendars read it. */
const DATE_FIELDS = {
	activityId: activityDate.activityId,
	occurrenceStart: activityDate.occurrenceStart,
	startsAt: activityDate.startsAt,
	endsAt: activityDate.endsAt,
	cancelled: activityDate.cancelled,
	moved: activityDate.moved
};

/**
 * The dates of the window in the dates table that this viewer may see and
 * that pass the filters. Without filters on the activity the table alone
 * answers (who may see a date is stored with it, `networkDateVisible`; a
 * place asks which initiatives are near), so the dates are read in time order
 * and a page stops early, however many dates there are. A filter on the
 * activity joins it and its initiative and asks as the list does (`conditions`).
 */
function visibleDates<T extends PgSelect>(query: T, db: Db, viewer: Viewer, filters: NetworkFilters, window: DayWindow): T {
	const inWindow = [gte(activityDate.startsAt, window.start), lt(activityDate.startsAt, window.to), sql`${activityDate.endsAt} > ${window.from}`];
	if (!hasFilters({ ...filters, near: null })) {
		const near = filters.near && sql`${activityDate.initiativeId} in (select ${initiative.id} from ${initiative} where ${and(...nearConditions(filters.near, filters.near.km))})`;
		return query.where(and(networkDateVisible(viewer), near ?? undefined, ...inWindow)) as T;
	}
	// The selected fields are named explicitly, so the joins do not change the rows' shape.
	const joined = query.innerJoin(activity, eq(activity.id, activityDate.activityId)).innerJoin(initiative, eq(initiative.id, activity.initiativeId)) as unknown as T;
	return withMembership(joined, viewer).where(conditions(db, viewer, filters, inWindow)) as T;
}

/** From the dates table: a page of the window's dates in time order (as `inOrder` in service.ts). */
export function datesInOrder(db: Db, viewer: Viewer, filters: NetworkFilters, window: DayWindow, page: { limit: number; offset: number }) {
	return visibleDates(db.select(DATE_FIELDS).from(activityDate).$dynamic(), db, viewer, filters, window)
		.orderBy(asc(activityDate.startsAt), asc(activityDate.activityId), asc(activityDate.occurrenceStart))
		.limit(page.limit)
		.offset(page.offset);
}

/**
 * From the dates table: per day of the window its first `perDay` dates (at
 * least one, which carries the day's count) with `rank`, and `dayCount`, how
 * many take place.
 */
export async function datesPerDay(db: Db, viewer: Viewer, filters: NetworkFilters, window: DayWindow, perDay: number) {
	const fields = {
		...DATE_FIELDS,
		day: activityDate.day,
		rank: sql<number>`row_number() over (partition by ${activityDate.day} order by ${activityDate.startsAt}, ${activityDate.activityId}, ${activityDate.occurrenceStart})`.as('rank'),
		dayCount: sql<number>`count(*) filter (where ${activityDate.takesPlace}) over (partition by ${activityDate.day})`.as('day_count')
	};
	const sub = visibleDates(db.select(fields).from(activityDate).$dynamic(), db, viewer, filters, window).as('ranked');
	return db
		.select()
		.from(sub)
		.where(lte(sub.rank, Math.max(perDay, 1)));
}
