import { z } from 'zod';
import { ACTIVITY_KINDS, ACTIVITY_VISIBILITIES } from './schema.ts';
import { amsterdamMoment, parseDate, parseTime } from './time.ts';

/**
 * The activity form. Error messages are message keys (messages/activities/*.json).
 * People type a date and a start and end time, in Amsterdam time; an activity
 * ends on the day it starts.
 */
const text = z.string().optional().default('');

/** Every field is read as text first, so one mistake never hides the others. */
export const activityForm = z
	.object({ title: text, description: text, kind: text, date: text, startTime: text, endTime: text, place: text, capacity: text, visibility: text })
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
		if (!kind || !visibility || !startsAt || !endsAt || ctx.issues.length) return z.NEVER;
		return { title, description, kind, startsAt, endsAt, place, capacity, visibility };
	});

export type ActivityInput = z.output<typeof activityForm>;
