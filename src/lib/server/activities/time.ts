import { TZDate } from '@date-fns/tz';
import { dateFormat } from '../../labels/intl.ts';

/** Activities happen in the Netherlands: times are entered and shown in this zone. */
export const ZONE = 'Europe/Amsterdam';

const HOUR = 3600 * 1000;

/**
 * Amsterdam's offset from UTC changes only on whole hours, and working it out
 * with @date-fns/tz costs 10–20 µs: a network list converts thousands of
 * times. So each conversion is worked out once per hour and remembered.
 */
function perHour(convert: (ms: number) => number): (ms: number) => number {
	const shifts = new Map<number, number>();
	return (ms) => {
		const second = Math.floor(ms / 1000) * 1000;
		const hour = Math.floor(ms / HOUR) * HOUR;
		let shift = shifts.get(hour);
		if (shift === undefined) {
			if (shifts.size > 50_000) shifts.clear();
			shifts.set(hour, (shift = convert(hour) - hour));
		}
		return second + shift;
	};
}

const floatingOf = perHour((ms) => {
	const l = new TZDate(ms, ZONE);
	return Date.UTC(l.getFullYear(), l.getMonth(), l.getDate(), l.getHours(), l.getMinutes(), l.getSeconds());
});

const momentOf = perHour((ms) => {
	const f = new Date(ms);
	return new TZDate(f.getUTCFullYear(), f.getUTCMonth(), f.getUTCDate(), f.getUTCHours(), f.getUTCMinutes(), f.getUTCSeconds(), ZONE).getTime();
});

/** Amsterdam wall-clock time of a moment (to the second), written as a UTC date. */
export function toFloating(moment: Date): Date {
	return new Date(floatingOf(moment.getTime()));
}

/** The real moment of a floating (wall-clock-as-UTC) date in Amsterdam. */
export function fromFloating(floating: Date): Date {
	return new Date(momentOf(floating.getTime()));
}

/** Dates people type or put in an address lie in these years; anything else is a mistake (or an attack). */
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2200;

/**
 * A calendar date as typed: `2026-12-01` (what a date field sends) or the
 * Dutch way `1-12-2026` / `1/12/2026`. Null when it is no real date (31
 * February) or outside FIRST_YEAR–LAST_YEAR: the one way a date from a form
 * or an address comes in.
 */
export function parseDate(text: string): { year: number; month: number; day: number } | null {
	const value = text.trim();
	let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
	let parts = match ? { year: +match[1], month: +match[2], day: +match[3] } : null;
	if (!parts) {
		match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(value);
		parts = match ? { year: +match[3], month: +match[2], day: +match[1] } : null;
	}
	if (!parts || parts.year < FIRST_YEAR || parts.year > LAST_YEAR || parts.month < 1 || parts.month > 12 || parts.day < 1) return null;
	const daysInMonth = new Date(Date.UTC(parts.year, parts.month, 0)).getUTCDate();
	return parts.day <= daysInMonth ? parts : null;
}

/** A time as typed: `14:00`, `9.30`, `9:30`. Null when it is no time of day. */
export function parseTime(text: string): { hour: number; minute: number } | null {
	const match = /^(\d{1,2})[:.](\d{2})(?::00)?$/.exec(text.trim());
	if (!match) return null;
	const hour = +match[1];
	const minute = +match[2];
	return hour <= 23 && minute <= 59 ? { hour, minute } : null;
}

/**
 * The moment a date and time mean in Amsterdam. Null when that time does not
 * exist there (the hour skipped when summer time starts).
 */
export function amsterdamMoment(date: { year: number; month: number; day: number }, time: { hour: number; minute: number }): Date | null {
	const moment = new TZDate(date.year, date.month - 1, date.day, time.hour, time.minute, ZONE);
	if (moment.getHours() !== time.hour || moment.getMinutes() !== time.minute || moment.getDate() !== date.day) return null;
	return new Date(moment.getTime());
}

/** The date (`2026-12-01`) and time (`14:00`) of a moment in Amsterdam, for form fields. */
export function toFormParts(moment: Date): { date: string; time: string } {
	const local = toFloating(moment).toISOString();
	return { date: local.slice(0, 10), time: local.slice(11, 16) };
}

/** The calendar day of a moment in Amsterdam, whatever the year (days worked out from a date typed near LAST_YEAR lie after it). */
export function calendarDay(moment: Date): { year: number; month: number; day: number } {
	const local = toFloating(moment);
	return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() };
}

/** The day of a moment in Amsterdam as `2026-12-01`, to group activities by day. */
export function dayKey(moment: Date): string {
	return toFloating(moment).toISOString().slice(0, 10);
}

/** "dinsdag 1 december" (or "Tuesday 1 December"), in Amsterdam. */
export function formatDay(moment: Date, locale: string): string {
	return dateFormat(locale, { timeZone: ZONE, weekday: 'long', day: 'numeric', month: 'long' }).format(moment);
}

/** "14:00", in Amsterdam. */
export function formatTime(moment: Date, locale: string): string {
	return dateFormat(locale, { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(moment);
}

/** "dinsdag 1 december, 14:00–16:00"; an activity over several days names both days. */
export function formatRange(startsAt: Date, endsAt: Date, locale: string): string {
	const start = `${formatDay(startsAt, locale)}, ${formatTime(startsAt, locale)}`;
	if (dayKey(startsAt) === dayKey(endsAt)) return `${start}–${formatTime(endsAt, locale)}`;
	return `${start} – ${formatDay(endsAt, locale)}, ${formatTime(endsAt, locale)}`;
}

/** The start of a day in Amsterdam, `plusDays` later (days of 23 or 25 hours included). */
export function startOfDay(date: { year: number; month: number; day: number }, plusDays = 0): Date {
	return new Date(new TZDate(date.year, date.month - 1, date.day + plusDays, 0, 0, 0, ZONE).getTime());
}
