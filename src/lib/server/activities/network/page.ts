import type { Viewer } from '../../accounts/viewer.ts';
import type { Db } from '../../db/index.ts';
import { locate, type Location } from '../../directory/locate.ts';
import { configuredGeocoder, POPULAR_PLACES } from '../../directory/page.ts';
import { dateFormat, formatEuro } from '../../../labels/intl.ts';
import { activitiesFeed } from '../ical.ts';
import { datePath } from '../notifications/mails.ts';
import { networkDates, networkDays, networkFeedActivities, type NetworkDate, type NetworkDay, type NetworkFilters } from './service.ts';
import {
	addDays,
	anchorDay,
	isoDate,
	isoWeekday,
	listWindow,
	MAX_PAGE,
	monthsLater,
	monthWindow,
	networkSearch,
	PAGE_SIZE,
	parseNetworkQuery,
	sameDay,
	today,
	weekWindow,
	type CalendarDate,
	type NetworkQuery
} from './query.ts';
import { dayKey, formatDay, formatTime, startOfDay, ZONE } from '../time.ts';

/**
 * Everything the network's activity page (`/activiteiten`) shows, from its
 * address: the choices as typed, where the place search landed, and the list,
 * the week or the month. The route only passes this on.
 */

/** In the week view, each day shows this many dates; a link leads to the rest. */
const PER_DAY = 6;
/** In the month view (on a wide screen), each day to come shows this many titles. */
const MONTH_PER_DAY = 3;

/** A date as the page shows it. */
export interface AgendaItem {
	key: string;
	href: string;
	time: string;
	/** "10:00", where only the start fits (the month). */
	start: string;
	title: string;
	kind: NetworkDate['kind'];
	theme: NetworkDate['theme'];
	/** "€ 2,50"; null when free. */
	cost: string | null;
	online: boolean;
	initiative: string;
	town: string;
	distanceKm: number | null;
	/** Places left; null without a limit. */
	placesLeft: number | null;
	/** The whole activity, or only this date. */
	cancelled: 'activity' | 'date' | null;
	moved: boolean;
	visibility: NetworkDate['visibility'];
	proposed: boolean;
}

export interface AgendaDay {
	/** `2026-12-01` */
	key: string;
	/** "dinsdag 1 december" */
	label: string;
	/** The list of just this day (keeping the other choices). */
	href: string;
	count: number;
	items: AgendaItem[];
	isToday: boolean;
	past: boolean;
}

export type AgendaView =
	| { kind: 'none' }
	| { kind: 'list'; days: AgendaDay[]; period: string; single: boolean; nextHref: string | null; previousHref: string | null; capped: boolean; afterHref: string | null }
	| { kind: 'week'; days: AgendaDay[]; period: string; previousHref: string; nextHref: string; total: number }
	| { kind: 'month'; caption: string; weekdays: Array<{ short: string; long: string }>; weeks: Array<Array<AgendaDay | null>>; days: AgendaDay[]; previousHref: string; nextHref: string; total: number };

function formatMonth(day: CalendarDate, locale: string): string {
	return dateFormat(locale, { timeZone: ZONE, month: 'long', year: 'numeric' }).format(noon(day));
}

/** Midday of a day in Amsterdam: safely inside it for formatting. */
const noon = (day: CalendarDate) => new Date(startOfDay(day).getTime() + 12 * 3600 * 1000);

function weekdayNames(locale: string): Array<{ short: string; long: string }> {
	const short = dateFormat(locale, { timeZone: ZONE, weekday: 'short' });
	const long = dateFormat(locale, { timeZone: ZONE, weekday: 'long' });
	// 7 December 2026 is a Monday.
	return Array.from({ length: 7 }, (_, i) => {
		const d = noon({ year: 2026, month: 12, day: 7 + i });
		return { short: short.format(d).replace(/\.$/, ''), long: long.format(d) };
	});
}

function item(d: NetworkDate, locale: string): AgendaItem {
	return {
		key: `${d.id}/${d.key.getTime()}`,
		href: datePath(d.initiative.slug, d.id, d.series ? d.key : null),
		time: `${formatTime(d.startsAt, locale)}–${formatTime(d.endsAt, locale)}`,
		start: formatTime(d.startsAt, locale),
		title: d.title,
		kind: d.kind,
		theme: d.theme,
		cost: d.costCents ? formatEuro(d.costCents, locale) : null,
		online: d.online,
		initiative: d.initiative.name,
		town: d.initiative.town,
		distanceKm: d.distanceKm,
		placesLeft: d.capacity === null ? null : Math.max(0, d.capacity - d.confirmed),
		cancelled: d.status === 'cancelled' ? 'activity' : d.cancelled ? 'date' : null,
		moved: d.moved,
		visibility: d.visibility,
		proposed: d.status === 'proposed'
	};
}

/** The filters for the service, from the query and where the place search landed. */
export function filtersFor(query: NetworkQuery, location: Location): NetworkFilters {
	return {
		near: location.kind === 'found' ? { latitude: location.latitude, longitude: location.longitude, km: query.distance } : null,
		kinds: query.kinds,
		themes: query.themes,
		accessibility: query.accessibility,
		free: query.free,
		where: query.where === 'online' ? 'online' : query.where === 'ter-plaatse' ? 'on-site' : null
	};
}

/** Did the person choose anything that narrows the list (besides the days)? */
export function narrowed(query: NetworkQuery): boolean {
	return !!query.place || query.kinds.length > 0 || query.themes.length > 0 || query.accessibility.length > 0 || query.free || query.where !== null;
}

export async function networkPage(db: Db, viewer: Viewer, url: URL, locale: string, now: Date = new Date()) {
	const query = parseNetworkQuery(url.searchParams);
	const location = await locate(query.place, configuredGeocoder());
	const current = today(now);
	const dayInfo = (day: CalendarDate, count: number, items: AgendaItem[]): AgendaDay => ({
		key: isoDate(day),
		label: formatDay(noon(day), locale),
		href: `/activiteiten${networkSearch(query, { view: 'lijst', when: 'datum', date: day, page: 1 })}`,
		count,
		items,
		isToday: sameDay(day, current),
		past: isoDate(day) < isoDate(current)
	});
	const page = {
		query,
		location,
		placeOptions: POPULAR_PLACES,
		narrowed: narrowed(query),
		/** For an empty result: the same choices over the coming weeks, or in all of the country. */
		comingHref: query.when ? `/activiteiten${networkSearch(query, { when: null, date: null, view: 'lijst', page: 1 })}` : null,
		fartherHref: query.place && query.distance !== null ? `/activiteiten${networkSearch(query, { distance: null, page: 1 })}` : null,
		/** The same choices as a calendar feed (the days are left out: a feed runs on). */
		feedHref: `/activiteiten.ics${networkSearch(query, { when: null, date: null, view: 'lijst', page: 1 })}`,
		directoryHref: query.place ? `/initiatieven?${new URLSearchParams({ plaats: query.place })}` : '/initiatieven',
		/** "Did you mean …?" for a place we do not know: the same choices with that place. */
		placeSuggestions: location.kind === 'unknown' ? location.suggestions.map((name) => ({ name, href: `/activiteiten${networkSearch(query, { place: name, page: 1 })}` })) : []
	};
	/** The same choices in another view. */
	const viewHref = (view: NetworkQuery['view']) => `/activiteiten${networkSearch(query, { view, page: 1 })}`;
	const result = (view: AgendaView) => ({ ...page, viewHrefs: { lijst: viewHref('lijst'), week: viewHref('week'), maand: viewHref('maand') }, view });
	if (location.kind === 'postcode' || location.kind === 'unknown') return result({ kind: 'none' });
	const filters = filtersFor(query, location);

	if (query.view === 'week') {
		const week = weekWindow(anchorDay(query, now));
		const found = await networkDays(db, viewer, filters, week, PER_DAY);
		const days = week.days.map((day) => {
			const d = found.get(isoDate(day));
			return dayInfo(day, d?.count ?? 0, (d?.dates ?? []).map((x) => item(x, locale)));
		});
		return result({
			kind: 'week',
			days,
			period: `${formatDay(noon(week.first), locale)} – ${formatDay(noon(week.last), locale)}`,
			previousHref: `/activiteiten${networkSearch(query, { date: addDays(week.first, -7) })}`,
			nextHref: `/activiteiten${networkSearch(query, { date: addDays(week.first, 7) })}`,
			total: days.reduce((n, d) => n + d.count, 0)
		});
	}

	if (query.view === 'maand') {
		const month = monthWindow(anchorDay(query, now));
		// Days gone by are skipped: a month is for planning what is still to come. So they are not read either.
		const start = new Date(Math.max(month.start.getTime(), startOfDay(current).getTime()));
		const found = start < month.to ? await networkDays(db, viewer, filters, { start, from: start, to: month.to }, MONTH_PER_DAY) : new Map<string, NetworkDay>();
		const days = month.days.map((day) => {
			const d = isoDate(day) < isoDate(current) ? undefined : found.get(isoDate(day));
			return dayInfo(day, d?.count ?? 0, (d?.dates ?? []).map((x) => item(x, locale)));
		});
		return result({
			kind: 'month',
			caption: formatMonth(month.first, locale),
			weekdays: weekdayNames(locale),
			weeks: calendarWeeks(month.first, days),
			days,
			previousHref: `/activiteiten${networkSearch(query, { date: monthsLater(month.first, -1) })}`,
			nextHref: `/activiteiten${networkSearch(query, { date: monthsLater(month.first, 1) })}`,
			total: days.reduce((n, d) => n + d.count, 0)
		});
	}

	const window = listWindow(query, now);
	const { dates, more } = await networkDates(db, viewer, filters, window, { limit: PAGE_SIZE, offset: (query.page - 1) * PAGE_SIZE });
	const days: AgendaDay[] = [];
	for (const d of dates) {
		const key = dayKey(d.startsAt);
		if (days.at(-1)?.key !== key) days.push(dayInfo(parseDay(key), 0, []));
		const day = days.at(-1)!;
		day.items.push(item(d, locale));
		day.count++;
	}
	const single = sameDay(window.first, window.last);
	return result({
		kind: 'list',
		days,
		period: single ? formatDay(noon(window.first), locale) : `${formatDay(noon(window.first), locale)} – ${formatDay(noon(window.last), locale)}`,
		single,
		nextHref: more && query.page < MAX_PAGE ? `/activiteiten${networkSearch(query, { page: query.page + 1 })}` : null,
		previousHref: query.page > 1 ? `/activiteiten${networkSearch(query, { page: query.page - 1 })}` : null,
		capped: more && query.page >= MAX_PAGE,
		// The coming weeks are all shown: go on in the week view, from the day after.
		afterHref: !more && query.when === null ? `/activiteiten${networkSearch(query, { view: 'week', date: addDays(window.last, 1), page: 1 })}` : null
	});
}

const parseDay = (key: string): CalendarDate => {
	const [year, month, day] = key.split('-').map(Number);
	return { year, month, day };
};

/** The month as rows of seven (Monday first), with empty cells before the first and after the last day. */
function calendarWeeks(first: CalendarDate, days: AgendaDay[]): Array<Array<AgendaDay | null>> {
	const cells: Array<AgendaDay | null> = [...Array.from({ length: isoWeekday(first) - 1 }, () => null), ...days];
	while (cells.length % 7) cells.push(null);
	return Array.from({ length: cells.length / 7 }, (_, i) => cells.slice(i * 7, i * 7 + 7));
}

/** The filtered list as an iCalendar feed (`/activiteiten.ics?…`): public activities only. */
export async function networkFeed(db: Db, url: URL, origin: string, name: string): Promise<string> {
	const query = parseNetworkQuery(url.searchParams);
	const location = await locate(query.place, configuredGeocoder());
	const rows = location.kind === 'postcode' || location.kind === 'unknown' ? [] : await networkFeedActivities(db, filtersFor(query, location));
	return activitiesFeed(db, name, rows, origin);
}
