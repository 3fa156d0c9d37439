import { parseDirectoryQuery, ALL_DISTANCES, DEFAULT_DISTANCE } from '../../directory/query.ts';
import type { Accessibility, Theme } from '../../initiatives/schema.ts';
import type { ActivityKind } from './service.ts';
import { ACTIVITY_KINDS } from '../schema.ts';
import { calendarDay, parseDate, startOfDay } from '../time.ts';

/**
 * The network's activity list (`/activiteiten`) as it appears in the address
 * bar. Dutch, stable names: people bookmark and share these links.
 *
 *   plaats=Zwolle  afstand=5|10|25|50|alle  (as the directory)
 *   soort=ontmoeting|ontdekking|ontplooiing (repeatable)  thema=wandelen (repeatable)
 *   wanneer=vandaag|morgen|weekend|week|datum  datum=2026-12-01
 *   kosten=gratis  waar=online|ter-plaatse  toegankelijk=prikkelarm (repeatable)
 *   weergave=lijst|week|maand  pagina=2
 *
 * Anything unknown falls back to the default, never to an error; a date that
 * does not exist is reported (`badDate`) so the page can say so.
 */

export const WHEN = ['vandaag', 'morgen', 'weekend', 'week', 'datum'] as const;
export type When = (typeof WHEN)[number];
export const VIEWS = ['lijst', 'week', 'maand'] as const;
export type View = (typeof VIEWS)[number];
export const WHERE = ['online', 'ter-plaatse'] as const;

/** The list shows this many dates per page, over at most this many pages. */
export const PAGE_SIZE = 40;
export const MAX_PAGE = 25;
/** Without a choice of day, the list shows the coming four weeks. */
export const COMING_DAYS = 28;

export interface CalendarDate {
	year: number;
	month: number;
	day: number;
}

export interface NetworkQuery {
	place: string;
	/** Radius in km, or null for the whole country. */
	distance: number | null;
	kinds: ActivityKind[];
	themes: Theme[];
	accessibility: Accessibility[];
	/** null: the coming weeks. */
	when: When | null;
	/** The chosen day (`when` is `datum`), or the day a week or month view shows. */
	date: CalendarDate | null;
	free: boolean;
	where: (typeof WHERE)[number] | null;
	view: View;
	page: number;
	/** A `datum` that was typed but is no real date (31 February): shown, not silently dropped. */
	badDate: string | null;
}

const pick = <T extends string>(list: readonly T[], value: string | null): T | null => (list as readonly string[]).includes(value ?? '') ? (value as T) : null;

/** Read the list's choices from URL parameters. */
export function parseNetworkQuery(params: URLSearchParams): NetworkQuery {
	// Place, distance, themes and accessibility mean the same as in the directory.
	const { place, distance, themes, accessibility: features } = parseDirectoryQuery(params);
	const kinds = [...new Set(params.getAll('soort'))].filter((k): k is ActivityKind => (ACTIVITY_KINDS as readonly string[]).includes(k));
	const typedDate = (params.get('datum') ?? '').trim().slice(0, 20);
	const date = typedDate ? parseDate(typedDate) : null;
	let when = pick(WHEN, params.get('wanneer'));
	// A day from a link (`?datum=…` alone) means that day.
	if (when === null && date) when = 'datum';
	if (when === 'datum' && !date) when = null;
	// "Free" is a cost here, not a feature of the place.
	const free = params.get('kosten') === 'gratis' || features.includes('gratis');
	const page = Math.max(1, Math.min(MAX_PAGE, Number.parseInt(params.get('pagina') ?? '1', 10) || 1));
	const view = pick(VIEWS, params.get('weergave')) ?? 'lijst';
	return {
		place,
		distance,
		kinds,
		themes,
		accessibility: features.filter((f) => f !== 'gratis'),
		when,
		// A list uses the date only as its day; a week or month view is about the date's week or month.
		date: when === 'datum' || view !== 'lijst' ? date : null,
		free,
		where: pick(WHERE, params.get('waar')),
		view,
		page,
		badDate: typedDate && !date ? typedDate : null
	};
}

/** The URL parameters of a query (the inverse of parseNetworkQuery); defaults are left out. */
export function networkParams(query: NetworkQuery, changes: Partial<NetworkQuery> = {}): URLSearchParams {
	const q = { ...query, ...changes };
	const params = new URLSearchParams();
	if (q.place) params.set('plaats', q.place);
	if (q.distance === null) params.set('afstand', ALL_DISTANCES);
	else if (q.distance !== DEFAULT_DISTANCE) params.set('afstand', String(q.distance));
	for (const kind of q.kinds) params.append('soort', kind);
	for (const theme of q.themes) params.append('thema', theme);
	if (q.when && q.when !== 'datum') params.set('wanneer', q.when);
	if (q.date && (q.when === 'datum' || q.view !== 'lijst')) params.set('datum', isoDate(q.date));
	if (q.free) params.set('kosten', 'gratis');
	if (q.where) params.set('waar', q.where);
	for (const feature of q.accessibility) params.append('toegankelijk', feature);
	if (q.view !== 'lijst') params.set('weergave', q.view);
	if (q.page > 1) params.set('pagina', String(q.page));
	return params;
}

/** `?…` for a query, or the bare path when everything is default. */
export function networkSearch(query: NetworkQuery, changes: Partial<NetworkQuery> = {}): string {
	const params = networkParams(query, changes).toString();
	return params ? `?${params}` : '';
}

export function isoDate(d: CalendarDate): string {
	return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

export function addDays(d: CalendarDate, days: number): CalendarDate {
	const moved = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
	return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

/** 1 = Monday … 7 = Sunday (ISO). */
export function isoWeekday(d: CalendarDate): number {
	return ((new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay() + 6) % 7) + 1;
}

export const sameDay = (a: CalendarDate, b: CalendarDate) => a.year === b.year && a.month === b.month && a.day === b.day;

/** Today in Amsterdam. */
export function today(now: Date): CalendarDate {
	return calendarDay(now);
}

/**
 * The days a list shows: from the first day (`start`) up to `to`; what has
 * ended before `from` is left out (today: what is over already).
 */
export interface ListWindow {
	first: CalendarDate;
	/** The last day shown (included). */
	last: CalendarDate;
	start: Date;
	from: Date;
	to: Date;
}

function daysWindow(first: CalendarDate, days: number, now: Date): ListWindow {
	const start = startOfDay(first);
	const to = startOfDay(first, days);
	// Today: from now. A day in the past shows what happened; a day to come all of it.
	const from = start < now && now < to ? now : start;
	return { first, last: addDays(first, days - 1), start, from, to };
}

/** The window of the list for `wanneer` (or a chosen day): vandaag, morgen, this weekend, this week, or the coming weeks. */
export function listWindow(query: Pick<NetworkQuery, 'when' | 'date'>, now: Date): ListWindow {
	const day = today(now);
	const weekday = isoWeekday(day);
	switch (query.when) {
		case 'vandaag':
			return daysWindow(day, 1, now);
		case 'morgen':
			return daysWindow(addDays(day, 1), 1, now);
		case 'weekend':
			// On Saturday and Sunday: the rest of this weekend.
			return weekday >= 6 ? daysWindow(day, 8 - weekday, now) : daysWindow(addDays(day, 6 - weekday), 2, now);
		case 'week':
			// The rest of this week, up to and including Sunday.
			return daysWindow(day, 8 - weekday, now);
		case 'datum':
			return daysWindow(query.date!, 1, now);
		default:
			return daysWindow(day, COMING_DAYS, now);
	}
}

/** The day a week or month view is about: the chosen day, else the day `wanneer` points to, else today. */
export function anchorDay(query: Pick<NetworkQuery, 'when' | 'date'>, now: Date): CalendarDate {
	if (query.date) return query.date;
	return query.when ? listWindow(query, now).first : today(now);
}

/** The week (Monday to Sunday) around a day. */
export function weekWindow(day: CalendarDate): ListWindow & { days: CalendarDate[] } {
	const monday = addDays(day, 1 - isoWeekday(day));
	const start = startOfDay(monday);
	return { first: monday, last: addDays(monday, 6), start, from: start, to: startOfDay(monday, 7), days: Array.from({ length: 7 }, (_, i) => addDays(monday, i)) };
}

/** The month around a day. */
export function monthWindow(day: CalendarDate): ListWindow & { days: CalendarDate[] } {
	const first = { year: day.year, month: day.month, day: 1 };
	const length = new Date(Date.UTC(day.year, day.month, 0)).getUTCDate();
	const start = startOfDay(first);
	return { first, last: { ...first, day: length }, start, from: start, to: startOfDay(first, length), days: Array.from({ length }, (_, i) => ({ ...first, day: i + 1 })) };
}

export function monthsLater(day: CalendarDate, months: number): CalendarDate {
	const d = new Date(Date.UTC(day.year, day.month - 1 + months, 1));
	return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: 1 };
}
