import { z } from 'zod';
import { THEMES, type Accessibility } from '../initiatives/schema.ts';
import { ACTIVITY_ACCESSIBILITY, ACTIVITY_KINDS, ACTIVITY_VISIBILITIES } from './schema.ts';
import { buildRule, MAX_OCCURRENCES, REPEAT_PATTERNS, seriesExtent, type SeriesEnd } from './recurrence.ts';
import { amsterdamMoment, parseDate, parseTime } from './time.ts';
import { formValues, t, type FormFailure } from '../http/forms.ts';

/**
 * The activity form. Error messages are message keys (messages/activities/*.json).
 * People type a date and a start and end time, in Amsterdam time; an activity
 * ends on the day it starts.
 */
const text = z.string().optional().default('');
/** Checkboxes: absent, one value, or several. */
const list = z
	.union([z.string(), z.array(z.string())])
	.optional()
	.transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

/**
 * A cost as people write it: empty, "gratis", "0", "2", "2,50", "€ 2,50" or
 * "2.50" — in euro cents; null when it is not an amount.
 */
export function parseCost(input: string): number | null {
	const s = input.trim().toLowerCase().replace(/^€\s*/, '').replace(/\s*(euro|eur)$/, '');
	if (s === '' || s === 'gratis' || s === 'free') return 0;
	const match = /^(\d{1,4})(?:[.,](\d{1,2}))?$/.exec(s);
	if (!match) return null;
	const cents = Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
	return cents <= 100000 ? cents : null;
}

/** A meeting link: only http(s), so a link on the page never runs script. */
function meetingLink(input: string): string | null {
	try {
		const url = new URL(input.trim());
		return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
	} catch {
		return null;
	}
}

/** The choices the form offers, passed to the page (server modules stay on the server). */
export const activityFormOptions = { themes: THEMES, features: ACTIVITY_ACCESSIBILITY };

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
		onlineUrl: text,
		theme: text,
		cost: text,
		bring: text,
		accessibility: list,
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
		let onlineUrl: string | null = null;
		if (input.onlineUrl.trim()) {
			onlineUrl = meetingLink(input.onlineUrl);
			if (!onlineUrl) issue('onlineUrl', 'activity_error_online_url');
			else if (onlineUrl.length > 500) issue('onlineUrl', 'activity_error_online_url_long');
		}
		const theme = input.theme.trim() === '' ? null : (THEMES.find((t) => t === input.theme) ?? undefined);
		if (theme === undefined) issue('theme', 'activity_error_theme');
		const costCents = parseCost(input.cost);
		if (costCents === null) issue('cost', 'activity_error_cost');
		const bring = input.bring.trim();
		if (bring.length > 500) issue('bring', 'activity_error_bring_long');
		const accessibility = [...new Set(input.accessibility)];
		if (!accessibility.every((f) => (ACTIVITY_ACCESSIBILITY as readonly string[]).includes(f))) issue('accessibility', 'form_error_invalid');
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
		if (!kind || !visibility || !startsAt || !endsAt || !series || theme === undefined || costCents === null || ctx.issues.length) return z.NEVER;
		const rrule = buildRule(series.pattern, startsAt, series.end);
		if (rrule && series.end.kind !== 'never' && seriesExtent({ startsAt, endsAt, rrule }).count > MAX_OCCURRENCES) {
			issue(series.end.kind === 'count' ? 'count' : 'untilDate', 'activity_error_too_many');
			return z.NEVER;
		}
		return {
			title,
			description,
			kind,
			theme,
			startsAt,
			endsAt,
			place,
			onlineUrl,
			costCents,
			bring,
			accessibility: accessibility as Accessibility[],
			capacity,
			visibility,
			rrule
		};
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

/**
 * A new activity, or a new time for one, must still come: a date in the past
 * is mostly a typing mistake (2025 for 2026), so the form asks first. A host
 * who records one that took place (to write down the turnout) ticks a box.
 * Keeping the time an activity already has is always fine.
 */
export function startsTooEarly(form: FormData, input: { startsAt: Date }, now: Date, before?: { startsAt: Date }): boolean {
	if (form.get(PAST_OK_FIELD) === 'ja') return false;
	if (before && before.startsAt.getTime() === input.startsAt.getTime()) return false;
	return input.startsAt <= now;
}

/** The box that says "yes, it took place already" (shown only after the question). */
export const PAST_OK_FIELD = 'pastOk';

/** The form again, with the question at the date and everything typed kept. */
export function pastDateQuestion(form: FormData): FormFailure & { askPast: true } {
	return { errors: { date: t('activity_error_date_past') }, values: formValues(form), askPast: true };
}

/** The new-activity form's one-time key (a UUID made when the form was shown), if it came along. */
export function formKeyOf(form: FormData): string | undefined {
	const key = form.get(FORM_KEY_FIELD);
	return typeof key === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(key) ? key : undefined;
}
export const FORM_KEY_FIELD = 'formKey';

/** The member a host adds as co-host, or takes off again. */
export const coHostForm = z.object({ userId: z.string().min(1).max(100) });

export const MAX_TURNOUT = 10_000;

/** How many came to a date: a whole number. */
export const turnoutForm = z.object({ people: text }).transform((input, ctx) => {
	const people = /^\d{1,5}$/.test(input.people.trim()) ? Number(input.people.trim()) : NaN;
	if (!(people >= 0 && people <= MAX_TURNOUT)) {
		ctx.issues.push({ code: 'custom', message: 'activity_error_turnout', path: ['people'], input: input.people });
		return z.NEVER;
	}
	return { people };
});

/** Cents as people write an amount: 250 → "2,50"; free is empty. */
export function formatCost(cents: number): string {
	return cents === 0 ? '' : `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
}

type ActivityForm = z.output<typeof activityForm>;
/** Fields with a sensible default: left out, an activity is on site, free, without a topic. */
type Optional = 'rrule' | 'theme' | 'onlineUrl' | 'costCents' | 'bring' | 'accessibility';
/** What a service needs to save an activity; `rrule` null or left out: a one-off. */
export type ActivityInput = Omit<ActivityForm, Optional> & Partial<Pick<ActivityForm, Optional>>;

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
