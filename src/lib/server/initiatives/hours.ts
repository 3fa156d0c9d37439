import { TZDate } from '@date-fns/tz';
import Holidays from 'date-holidays';
import { and, gte, inArray } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { closure, initiative, openingHours } from './schema.ts';

/**
 * When an initiative is open for walk-in (inloop): its weekly hours, minus
 * closures the coordinator entered and, unless they say otherwise, Dutch
 * public holidays. Everything here is in Europe/Amsterdam local time, so
 * "nu open" is right whatever the server's own time zone is.
 */
export const ZONE = 'Europe/Amsterdam';

/** A weekly period; weekday 1 = Monday … 7 = Sunday; times `HH:MM` (seconds allowed, ignored). */
export interface WeeklyPeriod {
	weekday: number;
	opensAt: string;
	closesAt: string;
}

/** Closed from `startsOn` to `endsOn`, both included (`YYYY-MM-DD`). */
export interface ClosurePeriod {
	startsOn: string;
	endsOn: string;
	note: string;
}

export interface Schedule {
	hours: WeeklyPeriod[];
	closures: ClosurePeriod[];
	closedOnHolidays: boolean;
}

export type DayStatus =
	| { kind: 'open'; periods: { opensAt: string; closesAt: string }[] }
	| { kind: 'holiday'; holiday: string }
	| { kind: 'closure'; note: string }
	| { kind: 'no-hours' };

export type NowStatus =
	| { open: true; closesAt: string }
	| { open: false; today: DayStatus; next?: { date: string; opensAt: string } };

/** The local date (`YYYY-MM-DD`), ISO weekday and time (`HH:MM`) of a moment in Amsterdam. */
export function localMoment(at: Date): { date: string; weekday: number; time: string } {
	const local = new TZDate(at.getTime(), ZONE);
	const pad = (n: number) => String(n).padStart(2, '0');
	return {
		date: `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`,
		weekday: local.getDay() === 0 ? 7 : local.getDay(),
		time: `${pad(local.getHours())}:${pad(local.getMinutes())}`
	};
}

const holidayCache = new Map<string, Map<string, string>>();

/** The name of the Dutch public holiday (feestdag) on a date, in the reader's language, if it is one. */
export function publicHoliday(date: string, locale: 'nl' | 'en' = 'nl'): string | undefined {
	const year = date.slice(0, 4);
	const key = `${year}:${locale}`;
	let days = holidayCache.get(key);
	if (!days) {
		days = new Map();
		for (const holiday of new Holidays('NL').getHolidays(Number(year), locale)) {
			// Only days most places close: not school holidays, observances or Bevrijdingsdag (in most years a working day).
			if (holiday.type === 'public') days.set(holiday.date.slice(0, 10), holiday.name);
		}
		holidayCache.set(key, days);
	}
	return days.get(date);
}

const hhmm = (time: string) => time.slice(0, 5);

/** What a day looks like: open in some periods, or closed and why. */
export function dayStatus(schedule: Schedule, date: string, locale: 'nl' | 'en' = 'nl'): DayStatus {
	const closure = schedule.closures.find((c) => c.startsOn <= date && date <= c.endsOn);
	if (closure) return { kind: 'closure', note: closure.note };
	const holiday = schedule.closedOnHolidays ? publicHoliday(date, locale) : undefined;
	if (holiday) return { kind: 'holiday', holiday };
	const weekday = isoWeekday(date);
	const periods = schedule.hours
		.filter((p) => p.weekday === weekday)
		.map((p) => ({ opensAt: hhmm(p.opensAt), closesAt: hhmm(p.closesAt) }))
		.sort((a, b) => a.opensAt.localeCompare(b.opensAt));
	return periods.length ? { kind: 'open', periods } : { kind: 'no-hours' };
}

/** Open right now? If not: why today is closed, and when it opens next (within three weeks). */
export function openNow(schedule: Schedule, at: Date, locale: 'nl' | 'en' = 'nl'): NowStatus {
	const now = localMoment(at);
	const today = dayStatus(schedule, now.date, locale);
	if (today.kind === 'open') {
		const current = today.periods.find((p) => p.opensAt <= now.time && now.time < p.closesAt);
		if (current) return { open: true, closesAt: current.closesAt };
		const later = today.periods.find((p) => p.opensAt > now.time);
		if (later) return { open: false, today, next: { date: now.date, opensAt: later.opensAt } };
	}
	for (let day = 1; day <= 21; day++) {
		const date = addDays(now.date, day);
		const status = dayStatus(schedule, date, locale);
		if (status.kind === 'open') return { open: false, today, next: { date, opensAt: status.periods[0].opensAt } };
	}
	return { open: false, today };
}

/**
 * Today's walk-in in one state, so that every page says the same thing:
 * open now, opening later today, done for today, or not open at all today
 * (with the next opening when there is one within three weeks).
 */
export type WalkInToday =
	| { kind: 'open'; closesAt: string }
	| { kind: 'later-today'; opensAt: string; closesAt: string }
	| { kind: 'done-today'; next?: { date: string; opensAt: string } }
	| { kind: 'closed-today'; next?: { date: string; opensAt: string } };

export function walkInToday(schedule: Schedule, at: Date, locale: 'nl' | 'en' = 'nl'): WalkInToday {
	const status = openNow(schedule, at, locale);
	if (status.open) return { kind: 'open', closesAt: status.closesAt };
	const now = localMoment(at);
	if (status.next?.date === now.date && status.today.kind === 'open') {
		const later = status.today.periods.find((p) => p.opensAt === status.next!.opensAt)!;
		return { kind: 'later-today', opensAt: later.opensAt, closesAt: later.closesAt };
	}
	return { kind: status.today.kind === 'open' ? 'done-today' : 'closed-today', next: status.next };
}

/** Open at some time today (vandaag open), also if that time has passed. */
export function openToday(schedule: Schedule, at: Date): boolean {
	return dayStatus(schedule, localMoment(at).date).kind === 'open';
}

function isoWeekday(date: string): number {
	const day = new Date(`${date}T12:00:00Z`).getUTCDay();
	return day === 0 ? 7 : day;
}

function addDays(date: string, days: number): string {
	const moment = new Date(`${date}T12:00:00Z`);
	moment.setUTCDate(moment.getUTCDate() + days);
	return moment.toISOString().slice(0, 10);
}

/**
 * The schedules of some initiatives, in two queries (not one per initiative).
 * Closures that have ended are left out.
 */
export async function loadSchedules(db: Db, initiativeIds: string[], today: string): Promise<Map<string, Schedule>> {
	const schedules = new Map<string, Schedule>();
	if (!initiativeIds.length) return schedules;
	const rows = await db
		.select({ id: initiative.id, closedOnHolidays: initiative.closedOnHolidays })
		.from(initiative)
		.where(inArray(initiative.id, initiativeIds));
	for (const row of rows) schedules.set(row.id, { hours: [], closures: [], closedOnHolidays: row.closedOnHolidays });
	const [hours, closures] = await Promise.all([
		db.select().from(openingHours).where(inArray(openingHours.initiativeId, initiativeIds)),
		db
			.select()
			.from(closure)
			.where(and(inArray(closure.initiativeId, initiativeIds), gte(closure.endsOn, today)))
	]);
	for (const period of hours) schedules.get(period.initiativeId)?.hours.push(period);
	for (const period of closures) schedules.get(period.initiativeId)?.closures.push(period);
	return schedules;
}
