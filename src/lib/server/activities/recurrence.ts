import { TZDate } from '@date-fns/tz';
import * as rruleModule from 'rrule';
import { fromFloating, toFloating, ZONE } from './time.ts';

// `rrule` ships ESM only under "module"; Node (the built server) loads its CommonJS
// build, whose exports sit on `default`. Vite (tests, dev) gives the ESM names.
const lib = ((rruleModule as unknown as { default?: typeof rruleModule }).default ?? rruleModule) as typeof rruleModule;
const { RRule, Weekday } = lib;
type RRule = rruleModule.RRule;

/**
 * Series (reeksen) of activities, RFC 5545 style. An activity stores only the
 * RRULE part (`FREQ=WEEKLY;BYDAY=TU;COUNT=10`); its DTSTART is the activity's
 * start in Europe/Amsterdam. A series is expanded lazily, only within a window
 * someone asks for: a series without end never becomes rows.
 *
 * The `rrule` library counts in UTC. To keep the wall-clock time across
 * summer and winter time (a Tuesday 19:00 walk stays 19:00 in Amsterdam),
 * we expand in "floating" time — Amsterdam's wall clock written as if it were
 * UTC — and turn each result back into a real moment with @date-fns/tz.
 */

/** The patterns the form offers as plain choices. */
export const REPEAT_PATTERNS = ['once', 'weekly', 'biweekly', 'monthly'] as const;
export type RepeatPattern = (typeof REPEAT_PATTERNS)[number];

export type SeriesEnd = { kind: 'never' } | { kind: 'until'; date: { year: number; month: number; day: number } } | { kind: 'count'; count: number };

/** The most dates one series may have when it has an end (by date or count). */
export const MAX_OCCURRENCES = 200;

const WEEKDAYS = [RRule.SU, RRule.MO, RRule.TU, RRule.WE, RRule.TH, RRule.FR, RRule.SA];

const icalUtc = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** Which week of the month a day is in: 1–4, or -1 for the fifth (the last). */
function weekOfMonth(day: number): number {
	const n = Math.ceil(day / 7);
	return n === 5 ? -1 : n;
}

/**
 * The RRULE for a pattern starting at `startsAt` (the weekday and the week of
 * the month come from that date). Null for a one-off activity.
 * UNTIL is the end of the chosen day in Amsterdam, written in UTC as RFC 5545 asks.
 */
export function buildRule(pattern: RepeatPattern, startsAt: Date, end: SeriesEnd): string | null {
	if (pattern === 'once') return null;
	const local = new TZDate(startsAt.getTime(), ZONE);
	const day = WEEKDAYS[local.getDay()];
	const parts =
		pattern === 'monthly'
			? ['FREQ=MONTHLY', `BYDAY=${day.nth(weekOfMonth(local.getDate())).toString()}`]
			: ['FREQ=WEEKLY', ...(pattern === 'biweekly' ? ['INTERVAL=2'] : []), `BYDAY=${day.toString()}`];
	if (end.kind === 'count') parts.push(`COUNT=${end.count}`);
	if (end.kind === 'until') {
		const last = new TZDate(end.date.year, end.date.month - 1, end.date.day, 23, 59, 59, ZONE);
		parts.push(`UNTIL=${icalUtc(new Date(last.getTime()))}`);
	}
	return parts.join(';');
}

/** Read a stored rule back into the form's choices. */
export function describeRule(rule: string | null): { pattern: RepeatPattern; end: SeriesEnd } {
	if (!rule) return { pattern: 'once', end: { kind: 'never' } };
	const o = RRule.parseString(rule);
	const pattern: RepeatPattern = o.freq === RRule.MONTHLY ? 'monthly' : o.interval === 2 ? 'biweekly' : 'weekly';
	if (o.count) return { pattern, end: { kind: 'count', count: o.count } };
	if (o.until) {
		const l = new TZDate(o.until.getTime(), ZONE);
		return { pattern, end: { kind: 'until', date: { year: l.getFullYear(), month: l.getMonth() + 1, day: l.getDate() } } };
	}
	return { pattern, end: { kind: 'never' } };
}

/** The week of the month and weekday a monthly rule names (for "every first Tuesday"). */
export function monthlyPosition(rule: string): { nth: number; weekday: number } | null {
	const o = RRule.parseString(rule);
	const byday = o.byweekday;
	const first = Array.isArray(byday) ? byday[0] : byday;
	if (o.freq !== RRule.MONTHLY || !(first instanceof Weekday) || !first.n) return null;
	return { nth: first.n, weekday: (first.weekday + 1) % 7 };
}

/** Parsed rules by their text: parsing costs more than a lookup, and lists ask for the same few rules again and again. */
const parsed = new Map<string, ReturnType<typeof RRule.parseString>>();
function parseRule(rule: string): ReturnType<typeof RRule.parseString> {
	let options = parsed.get(rule);
	if (!options) {
		if (parsed.size > 5000) parsed.clear();
		parsed.set(rule, (options = RRule.parseString(rule)));
	}
	return { ...options };
}

/**
 * The rule of a series, in floating time. With `notBefore` (floating) the rule
 * may start later than the series: `rrule` walks from DTSTART, so a weekly
 * series that began two years ago takes a hundred steps for every lookup
 * (0.3 ms; a network list looks up thousands). See `fastForward`.
 */
function ruleFor(rule: string, startsAt: Date, notBefore?: Date): RRule {
	const options = parseRule(rule);
	if (options.until) options.until = toFloating(options.until);
	const dtstart = toFloating(startsAt);
	return new RRule({ ...options, dtstart: notBefore ? fastForward(options, dtstart, notBefore) : dtstart });
}

const WEEK = 7 * 24 * 3600 * 1000;

/**
 * A later DTSTART that gives the same dates from `notBefore` on: whole
 * periods (INTERVAL weeks or days, or INTERVAL months from the first of a
 * month) later, and still at least one period before `notBefore`. Only for
 * rules whose dates do not depend on where counting starts: not with COUNT,
 * and a monthly rule only when it names its days (BYDAY or BYMONTHDAY).
 * Floating time has no summer time, so whole days stay whole days.
 */
function fastForward(options: ReturnType<typeof RRule.parseString>, dtstart: Date, notBefore: Date): Date {
	if (options.count || options.byhour || options.byminute || options.bysecond) return dtstart;
	const interval = options.interval ?? 1;
	if (options.freq === RRule.WEEKLY || options.freq === RRule.DAILY) {
		const period = (options.freq === RRule.WEEKLY ? WEEK : WEEK / 7) * interval;
		const periods = Math.floor((notBefore.getTime() - dtstart.getTime()) / period) - 1;
		return periods > 0 ? new Date(dtstart.getTime() + periods * period) : dtstart;
	}
	if (options.freq === RRule.MONTHLY && (options.byweekday || options.bymonthday)) {
		const months = (notBefore.getUTCFullYear() - dtstart.getUTCFullYear()) * 12 + notBefore.getUTCMonth() - dtstart.getUTCMonth();
		const steps = Math.floor(months / interval) - 1;
		if (steps <= 0) return dtstart;
		const d = dtstart;
		return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + steps * interval, 1, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()));
	}
	return dtstart;
}

export interface SeriesTimes {
	startsAt: Date;
	endsAt: Date;
	rrule: string | null;
}

/** How long each date of a series lasts on the wall clock (the same as the first). */
function wallClockLength(series: SeriesTimes): number {
	return toFloating(series.endsAt).getTime() - toFloating(series.startsAt).getTime();
}

/** Start and end of one date of a series: the same wall-clock times as the first. */
function span(length: number, floatingStart: Date): { start: Date; end: Date } {
	return { start: fromFloating(floatingStart), end: fromFloating(new Date(floatingStart.getTime() + length)) };
}

/**
 * The dates (original start and end) of a series that overlap [from, to), in
 * order, at most `limit`. A one-off activity has exactly one date.
 */
export function expand(series: SeriesTimes, from: Date, to: Date, limit = 1000): Array<{ start: Date; end: Date }> {
	if (!series.rrule) return series.endsAt > from && series.startsAt < to ? [{ start: series.startsAt, end: series.endsAt }] : [];
	const length = series.endsAt.getTime() - series.startsAt.getTime();
	const margin = 2 * 24 * 3600 * 1000;
	const out: Array<{ start: Date; end: Date }> = [];
	// Floating times differ from real ones by at most two hours; a margin and a filter on real times make it exact.
	const wall = wallClockLength(series);
	const after = toFloating(new Date(from.getTime() - length - margin));
	ruleFor(series.rrule, series.startsAt, after).between(after, toFloating(new Date(to.getTime() + margin)), true, (d) => {
		const o = span(wall, d);
		if (o.end > from && o.start < to) out.push(o);
		return out.length < limit && o.start < to;
	});
	return out;
}

/** Is `start` exactly one of the original dates of this series? */
export function isOccurrence(series: SeriesTimes, start: Date): boolean {
	return expand(series, new Date(start.getTime() - 1), new Date(start.getTime() + 1), 5).some((o) => o.start.getTime() === start.getTime());
}

/** The original dates that start on one day in Amsterdam (`2026-12-01`). */
export function onDay(series: SeriesTimes, day: { year: number; month: number; day: number }): Array<{ start: Date; end: Date }> {
	const from = new Date(new TZDate(day.year, day.month - 1, day.day, 0, 0, 0, ZONE).getTime());
	const to = new Date(new TZDate(day.year, day.month - 1, day.day + 1, 0, 0, 0, ZONE).getTime());
	return expand(series, from, to, 5).filter((o) => o.start >= from && o.start < to);
}

/**
 * How many dates a series has, and the end of its last one: null when it
 * never ends. Counting stops after `cap` + 1 dates (the caller then knows it is too many).
 */
export function seriesExtent(series: SeriesTimes, cap = MAX_OCCURRENCES): { count: number; lastEndsAt: Date | null } {
	if (!series.rrule) return { count: 1, lastEndsAt: series.endsAt };
	const options = RRule.parseString(series.rrule);
	if (!options.count && !options.until) return { count: Infinity, lastEndsAt: null };
	const dates = ruleFor(series.rrule, series.startsAt).all((_, n) => n < cap + 1);
	const last = dates.at(-1);
	return { count: dates.length, lastEndsAt: last ? span(wallClockLength(series), last).end : series.endsAt };
}
