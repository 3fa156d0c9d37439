import { z } from 'zod';
import { ACTIVITY_KINDS, ACTIVITY_VISIBILITIES } from './schema.ts';
import { buildRule, MAX_OCCURRENCES, REPEAT_PATTERNS, seriesExtent, type SeriesEnd } from './recurrence.ts';
import { amsterdamMoment, parseDate, parseTime } from './time.ts';

/**
 * The activity form. Error messages are message keys (messages/activities/*.json).
 * People type a date and a start and end time, in Amsterdam time; an activity
 * ends on the day it starts.
 */
const text = z.string().optional().default('');

/** Every field is read as text first, so one mistake never hides the others. */
export const activityForm = z
	.object({
		title: text,
		description: text,
		kind: text,
		date: text,
		startTime: text,
		endTime: text,
		repeat: text,
		ends: text,
		untilDate: text,
		count: text,
		place: text,
		capacity: text,
		visibility: text
	})
	.transform((input, ctx) => {
		const issue = (field: string, message: string) => ctx.issues.push({ code: 'custom', message, path: [field], input: input[field as keyof typeof input] });
		const title = input.title.trim();
		if (!title) issue('title', 'activity_error_title');
		else if (title.length > 120) issue('title', 'activity_error_title_long');
		const description = input.description.trim();
		if (description.length > 4000) issue('description', 'activity_error_description_long');
		const kind = ACTIVITY_KINDS.find((k) => k === input.kind);
		if (!kind) issue('kind', 'activity_error_kind');
		const date = input.date.trim() === '' ? null : parseDate(input.date);
		if (input.date.trim() === '') issue('date', 'activity_error_date_missing');
		else if (!date) issue('date', 'activity_error_date');
		const start = parseTime(input.startTime);
		if (!start) issue('startTime', input.startTime.trim() ? 'activity_error_time' : 'activity_error_start_missing');
		const end = parseTime(input.endTime);
		if (!end) issue('endTime', input.endTime.trim() ? 'activity_error_time' : 'activity_error_end_missing');
		const place = input.place.trim();
		if (place.length > 200) issue('place', 'activity_error_place_long');
		let capacity: number | null = null;
		if (input.capacity.trim() !== '') {
			capacity = /^\d{1,5}$/.test(input.capacity.trim()) ? Number(input.capacity.trim()) : NaN;
			if (!(capacity > 0)) issue('capacity', 'activity_error_capacity');
		}
		const startsAt = date && start ? amsterdamMoment(date, start) : null;
		const endsAt = date && end ? amsterdamMoment(date, end) : null;
		if (date && start && !startsAt) issue('startTime', 'activity_error_time_missing_hour');
		if (date && end && !endsAt) issue('endTime', 'activity_error_time_missing_hour');
		if (startsAt && endsAt && endsAt <= startsAt) issue('endTime', 'activity_error_end_before_start');
		const visibility = ACTIVITY_VISIBILITIES.find((v) => v === input.visibility);
		if (!visibility) issue('visibility', 'activity_error_visibility');
		const series = readSeries(input, date, issue);
		if (!kind || !visibility || !startsAt || !endsAt || !series || ctx.issues.length) return z.NEVER;
		const rrule = buildRule(series.pattern, startsAt, series.end);
		if (rrule && series.end.kind !== 'never' && seriesExtent({ startsAt, endsAt, rrule }).count > MAX_OCCURRENCES) {
			issue(series.end.kind === 'count' ? 'count' : 'untilDate', 'activity_error_too_many');
			return z.NEVER;
		}
		return { title, description, kind, startsAt, endsAt, place, capacity, visibility, rrule };
	});

/**
 * How often, and until when: a one-off, or a series (every week, every other
 * week, every month on the same week and weekday) that ends on a date, after
 * a number of times, or never.
 */
function readSeries(
	input: { repeat: string; ends: string; untilDate: string; count: string },
	date: { year: number; month: number; day: number } | null,
	issue: (field: string, message: string) => void
): { pattern: (typeof REPEAT_PATTERNS)[number]; end: SeriesEnd } | null {
	const pattern = REPEAT_PATTERNS.find((p) => p === (input.repeat || 'once'));
	if (!pattern) {
		issue('repeat', 'activity_error_repeat');
		return null;
	}
	if (pattern === 'once') return { pattern, end: { kind: 'never' } };
	const ends = input.ends || 'never';
	if (ends === 'never') return { pattern, end: { kind: 'never' } };
	if (ends === 'until') {
		if (!input.untilDate.trim()) return issue('untilDate', 'activity_error_until_missing'), null;
		const until = parseDate(input.untilDate);
		if (!until) return issue('untilDate', 'activity_error_date'), null;
		const key = (d: { year: number; month: number; day: number }) => d.year * 10000 + d.month * 100 + d.day;
		if (date && key(until) < key(date)) return issue('untilDate', 'activity_error_until_before_start'), null;
		return { pattern, end: { kind: 'until', date: until } };
	}
	if (ends === 'count') {
		const count = /^\d{1,4}$/.test(input.count.trim()) ? Number(input.count.trim()) : NaN;
		if (!(count >= 1)) return issue('count', 'activity_error_count'), null;
		if (count > MAX_OCCURRENCES) return issue('count', 'activity_error_too_many'), null;
		return { pattern, end: { kind: 'count', count } };
	}
	issue('ends', 'activity_error_ends');
	return null;
}

/** What a service needs to save an activity; `rrule` null or left out: a one-off. */
export type ActivityInput = Omit<z.output<typeof activityForm>, 'rrule'> & { rrule?: string | null };

/** Move one date of a series: a new date and times, in Amsterdam. */
export const moveForm = z
	.object({ date: text, startTime: text, endTime: text })
	.transform((input, ctx) => {
		const issue = (field: string, message: string) => ctx.issues.push({ code: 'custom', message, path: [field], input: input[field as keyof typeof input] });
		const date = input.date.trim() === '' ? null : parseDate(input.date);
		if (!date) issue('date', input.date.trim() ? 'activity_error_date' : 'activity_error_date_missing');
		const start = parseTime(input.startTime);
		if (!start) issue('startTime', input.startTime.trim() ? 'activity_error_time' : 'activity_error_start_missing');
		const end = parseTime(input.endTime);
		if (!end) issue('endTime', input.endTime.trim() ? 'activity_error_time' : 'activity_error_end_missing');
		const startsAt = date && start ? amsterdamMoment(date, start) : null;
		const endsAt = date && end ? amsterdamMoment(date, end) : null;
		if (date && start && !startsAt) issue('startTime', 'activity_error_time_missing_hour');
		if (date && end && !endsAt) issue('endTime', 'activity_error_time_missing_hour');
		if (startsAt && endsAt && endsAt <= startsAt) issue('endTime', 'activity_error_end_before_start');
		if (!startsAt || !endsAt || ctx.issues.length) return z.NEVER;
		return { startsAt, endsAt };
	});
