import { TZDate } from '@date-fns/tz';
import { dateFormat } from '../../labels/intl.ts';

/** Activities happen in the Netherlands: times are entered and shown in this zone. */
export const ZONE = 'Europe/Amsterdam';

/**
 * A calendar date as typed: `2026-12-01` (what a date field sends) or the
 * Dutch way `1-12-2026` / `1/12/2026`. Null when it is no real date (31 February).
 */
export function parseDate(text: string): { year: number; month: number; day: number } | null {
	const value = text.trim();
	let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
	let parts = match ? { year: +match[1], month: +match[2], day: +match[3] } : null;
	if (!parts) {
		match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(value);
		parts = match ? { year: +match[3], month: +match[2], day: +match[1] } : null;
	}
	if (!parts || parts.year < 2000 || parts.year > 2200 || parts.month < 1 || parts.month > 12 || parts.day < 1) return null;
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
	const local = new TZDate(moment.getTime(), ZONE);
	const pad = (n: number) => String(n).padStart(2, '0');
	return { date: `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`, time: `${pad(local.getHours())}:${pad(local.getMinutes())}` };
}

/** The day of a moment in Amsterdam as `2026-12-01`, to group activities by day. */
export function dayKey(moment: Date): string {
	return toFormParts(moment).date;
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
