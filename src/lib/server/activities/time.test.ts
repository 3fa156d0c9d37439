import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { activityForm } from './forms.ts';
import { amsterdamMoment, formatRange, parseDate, parseTime, toFormParts } from './time.ts';

describe('dates and times people type', () => {
	it('a date is accepted exactly when it exists on the calendar, written either way', () => {
		fc.assert(
			fc.property(fc.integer({ min: 2000, max: 2200 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (year, month, day) => {
				const real = new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;
				const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
				expect(parseDate(iso) !== null).toBe(real);
				expect(parseDate(`${day}-${month}-${year}`) !== null).toBe(real);
			})
		);
		expect(parseDate('29-02-2028')).toEqual({ year: 2028, month: 2, day: 29 });
		expect(parseDate('29-02-2027')).toBeNull();
	});

	it('a date and time shown in a form come back as the same moment', () => {
		fc.assert(
			fc.property(fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2035, 0, 1) }), (ms) => {
				const moment = new Date(Math.floor(ms / 60_000) * 60_000);
				const { date, time } = toFormParts(moment);
				const back = amsterdamMoment(parseDate(date)!, parseTime(time)!);
				// The hour that repeats when summer time ends may come back as its first occurrence.
				expect(Math.abs(back!.getTime() - moment.getTime()) % 3_600_000).toBe(0);
			})
		);
	});

	it('the form never throws on any input, and always names a field for a mistake', () => {
		const field = fc.oneof(fc.string(), fc.constantFrom('', '14:00', '2030-12-03', '31-02-2030', '0', '-1', 'ontmoeting', 'public'));
		fc.assert(
			fc.property(fc.record({ title: field, description: field, kind: field, date: field, startTime: field, endTime: field, place: field, capacity: field, visibility: field }), (input) => {
				const result = activityForm.safeParse(input);
				if (result.success) expect(result.data.endsAt.getTime()).toBeGreaterThan(result.data.startsAt.getTime());
				else for (const issue of result.error.issues) expect(issue.message).toMatch(/^activity_error_/);
			})
		);
	});

	it('winter and summer time are both shown as Amsterdam time', () => {
		const winter = amsterdamMoment({ year: 2026, month: 12, day: 1 }, { hour: 14, minute: 0 })!;
		const summer = amsterdamMoment({ year: 2027, month: 7, day: 1 }, { hour: 14, minute: 0 })!;
		expect(winter.toISOString()).toBe('2026-12-01T13:00:00.000Z');
		expect(summer.toISOString()).toBe('2027-07-01T12:00:00.000Z');
		expect(formatRange(summer, new Date(summer.getTime() + 90 * 60_000), 'nl')).toBe('donderdag 1 juli, 14:00–15:30');
	});
});
