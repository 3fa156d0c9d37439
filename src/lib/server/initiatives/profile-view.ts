import { dateFormat } from '../../labels/intl.ts';
import { m } from '../../paraglide/messages.js';
import type { Locale } from '../../paraglide/runtime.js';
import { dayStatus, localMoment, walkInToday, type Schedule, type WalkInToday } from './hours.ts';

/**
 * Walk-in hours as the public page says them, worked out on the server in
 * Amsterdam time: "Nu open tot 16:00", "Vandaag niet meer open. Weer open
 * donderdag om 10:00.", and why a day is closed.
 */

export interface HoursView {
	/** One line for right now; undefined when there are no walk-in hours at all. */
	now?: { open: boolean; text: string };
	/** Why today is closed (holiday or closure), if it is. */
	todayNote?: string;
	/** Monday to Sunday, with their periods (empty: no walk-in that day). */
	week: { weekday: number; name: string; periods: { opensAt: string; closesAt: string }[]; today: boolean }[];
	/** Closures and holidays in the coming weeks, as short sentences. */
	upcoming: string[];
}

const noon = (date: string) => new Date(`${date}T12:00:00Z`);

function addDays(date: string, days: number): string {
	const moment = noon(date);
	moment.setUTCDate(moment.getUTCDate() + days);
	return moment.toISOString().slice(0, 10);
}

/** `donderdag`, `Thursday`: the name of the weekday of a date. */
export function weekdayName(date: string, locale: Locale): string {
	return dateFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(noon(date));
}

/** `9 augustus`, `9 August`. */
export function dayAndMonth(date: string, locale: Locale): string {
	return dateFormat(locale, { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(noon(date));
}

/** The name of ISO weekday 1–7 (2024-01-01 was a Monday). */
const nameOfWeekday = (weekday: number, locale: Locale) => weekdayName(`2024-01-0${weekday}`, locale);

/** When the initiative opens next, in words: tomorrow, a weekday, or a date further on. */
function when(date: string, today: string, locale: Locale): string {
	if (date === addDays(today, 1)) return m.profile_when_tomorrow({}, { locale });
	if (date < addDays(today, 7)) return weekdayName(date, locale);
	return `${weekdayName(date, locale)} ${dayAndMonth(date, locale)}`;
}

/**
 * The one sentence about today's walk-in, for the initiative's page and the
 * directory alike, so that they never contradict each other.
 */
export function walkInText(status: WalkInToday, today: string, locale: Locale): string {
	switch (status.kind) {
		case 'open':
			return m.profile_now_open({ time: status.closesAt }, { locale });
		case 'later-today':
			return m.profile_later_today({ from: status.opensAt, until: status.closesAt }, { locale });
		case 'done-today':
			return status.next
				? m.profile_done_today_next({ when: when(status.next.date, today, locale), time: status.next.opensAt }, { locale })
				: m.profile_done_today({}, { locale });
		case 'closed-today':
			return status.next
				? m.profile_closed_today_next({ when: when(status.next.date, today, locale), time: status.next.opensAt }, { locale })
				: m.profile_closed_today({}, { locale });
	}
}

export function hoursView(schedule: Schedule, at: Date, locale: Locale): HoursView {
	const now = localMoment(at);
	const week = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
		weekday,
		name: nameOfWeekday(weekday, locale),
		periods: schedule.hours
			.filter((p) => p.weekday === weekday)
			.map((p) => ({ opensAt: p.opensAt.slice(0, 5), closesAt: p.closesAt.slice(0, 5) }))
			.sort((a, b) => a.opensAt.localeCompare(b.opensAt)),
		today: weekday === now.weekday
	}));

	const today = dayStatus(schedule, now.date, locale);
	let todayNote: string | undefined;
	if (today.kind === 'holiday') todayNote = m.profile_closed_holiday({ holiday: today.holiday }, { locale });
	if (today.kind === 'closure') {
		const current = schedule.closures.find((c) => c.startsOn <= now.date && now.date <= c.endsOn)!;
		todayNote = m.profile_closed_until({ note: current.note || m.profile_closure_default_note({}, { locale }), date: dayAndMonth(current.endsOn, locale) }, { locale });
	}

	const upcoming: string[] = [];
	for (const c of [...schedule.closures].sort((a, b) => a.startsOn.localeCompare(b.startsOn))) {
		if (c.startsOn <= now.date || c.startsOn > addDays(now.date, 60)) continue;
		const note = c.note || m.profile_closure_default_note({}, { locale });
		upcoming.push(
			c.startsOn === c.endsOn
				? m.profile_upcoming_closure_day({ note, date: `${weekdayName(c.startsOn, locale)} ${dayAndMonth(c.startsOn, locale)}` }, { locale })
				: m.profile_upcoming_closure({ note, from: dayAndMonth(c.startsOn, locale), to: dayAndMonth(c.endsOn, locale) }, { locale })
		);
	}
	if (schedule.closedOnHolidays) {
		for (let day = 1; day <= 14; day++) {
			const date = addDays(now.date, day);
			const status = dayStatus(schedule, date, locale);
			const weekday = noon(date).getUTCDay() || 7;
			if (status.kind === 'holiday' && schedule.hours.some((p) => p.weekday === weekday)) {
				upcoming.push(m.profile_upcoming_holiday({ holiday: status.holiday, date: `${weekdayName(date, locale)} ${dayAndMonth(date, locale)}` }, { locale }));
			}
		}
	}

	if (!schedule.hours.length) return { week, todayNote, upcoming };
	const status = walkInToday(schedule, at, locale);
	return { now: { open: status.kind === 'open', text: walkInText(status, now.date, locale) }, todayNote, week, upcoming };
}

const SCHEMA_DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export interface StructuredDataInput {
	url: string;
	name: string;
	description: string;
	address: string;
	postcode: string;
	town: string;
	latitude: number | null;
	longitude: number | null;
	phone: string;
	website: string;
	hours: Schedule['hours'];
	photoUrls: string[];
}

/**
 * Schema.org `Organization` with its `Place`, as JSON-LD, safe to put inside a
 * `<script>` element: `<`, `>` and `&` are escaped, so no text of the
 * initiative can close the element or start markup.
 */
export function structuredData(input: StructuredDataInput): string {
	const place = {
		'@type': 'Place',
		'@id': `${input.url}#plaats`,
		name: input.name,
		address: {
			'@type': 'PostalAddress',
			...(input.address ? { streetAddress: input.address } : {}),
			...(input.postcode ? { postalCode: input.postcode } : {}),
			addressLocality: input.town,
			addressCountry: 'NL'
		},
		...(input.latitude !== null && input.longitude !== null ? { geo: { '@type': 'GeoCoordinates', latitude: input.latitude, longitude: input.longitude } } : {}),
		...(input.hours.length
			? {
					openingHoursSpecification: input.hours.map((h) => ({
						'@type': 'OpeningHoursSpecification',
						dayOfWeek: `https://schema.org/${SCHEMA_DAYS[h.weekday - 1]}`,
						opens: h.opensAt.slice(0, 5),
						closes: h.closesAt.slice(0, 5)
					}))
				}
			: {}),
		...(input.photoUrls.length ? { photo: input.photoUrls } : {})
	};
	const organization = {
		'@type': 'Organization',
		'@id': `${input.url}#organisatie`,
		name: input.name,
		url: input.url,
		...(input.description ? { description: input.description } : {}),
		...(input.phone ? { telephone: input.phone } : {}),
		...(input.website ? { sameAs: [input.website] } : {}),
		...(input.photoUrls.length ? { image: input.photoUrls[0] } : {}),
		location: { '@id': place['@id'] }
	};
	return JSON.stringify({ '@context': 'https://schema.org', '@graph': [organization, place] })
		.replace(/</g, '\\u003c')
		.replace(/>/g, '\\u003e')
		.replace(/&/g, '\\u0026')
		.replace(/\u2028/g, '\\u2028')
		.replace(/\u2029/g, '\\u2029');
}

/**
 * A plain link to OpenStreetMap's route planner, to the place: no map on our
 * page, nothing loaded from elsewhere. With a street address OSM looks it up
 * itself (`to=`); without one, the coordinates of the town are used.
 */
export function routeLink(place: { latitude: number | null; longitude: number | null; address: string; postcode: string; town: string }): string | undefined {
	if (place.address) {
		const to = [place.address, [place.postcode, place.town].filter(Boolean).join(' ')].join(', ');
		return `https://www.openstreetmap.org/directions?to=${encodeURIComponent(to)}`;
	}
	if (place.latitude === null || place.longitude === null) return undefined;
	return `https://www.openstreetmap.org/directions?route=%3B${place.latitude.toFixed(5)}%2C${place.longitude.toFixed(5)}`;
}

/** A plain link to OpenStreetMap's search for a place typed as free text (an activity elsewhere), in the initiative's town. */
export function placeSearchLink(place: string, town: string): string {
	const query = place.toLowerCase().includes(town.toLowerCase()) ? place : `${place}, ${town}`;
	return `https://www.openstreetmap.org/search?query=${encodeURIComponent(query)}`;
}
