import { describe, expect, it } from 'vitest';
import { buildRule, describeRule, expand, isOccurrence, monthlyPosition, onDay, seriesExtent } from './recurrence.ts';
import { amsterdamMoment, formatTime, dayKey } from './time.ts';

const at = (date: string, time: string) => {
	const [year, month, day] = date.split('-').map(Number);
	const [hour, minute] = time.split(':').map(Number);
	return amsterdamMoment({ year, month, day }, { hour, minute })!;
};
/** A weekly Tuesday 19:00–21:00 walk from 13 October 2026 (summer time) into November (winter time). */
const tuesday = { startsAt: at('2026-10-13', '19:00'), endsAt: at('2026-10-13', '21:00') };

describe('series of activities', () => {
	it('a weekly walk keeps its wall-clock time across the change to winter time', () => {
		const rrule = buildRule('weekly', tuesday.startsAt, { kind: 'never' });
		expect(rrule).toBe('FREQ=WEEKLY;BYDAY=TU');
		const dates = expand({ ...tuesday, rrule }, at('2026-10-01', '00:00'), at('2026-11-18', '00:00'));
		expect(dates.map((d) => dayKey(d.start))).toEqual(['2026-10-13', '2026-10-20', '2026-10-27', '2026-11-03', '2026-11-10', '2026-11-17']);
		expect(dates.every((d) => formatTime(d.start, 'nl') === '19:00' && formatTime(d.end, 'nl') === '21:00')).toBe(true);
		// 19:00 is 17:00 UTC in summer time and 18:00 UTC in winter time.
		expect(dates[1].start.toISOString()).toBe('2026-10-20T17:00:00.000Z');
		expect(dates[2].start.toISOString()).toBe('2026-10-27T18:00:00.000Z');
	});

	it('every other week, and the first Tuesday of the month', () => {
		const biweekly = { ...tuesday, rrule: buildRule('biweekly', tuesday.startsAt, { kind: 'count', count: 3 }) };
		expect(biweekly.rrule).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=3');
		expect(expand(biweekly, tuesday.startsAt, at('2027-12-01', '00:00')).map((d) => dayKey(d.start))).toEqual(['2026-10-13', '2026-10-27', '2026-11-10']);

		const first = { startsAt: at('2026-10-06', '10:00'), endsAt: at('2026-10-06', '12:00') };
		const monthly = { ...first, rrule: buildRule('monthly', first.startsAt, { kind: 'until', date: { year: 2027, month: 1, day: 5 } }) };
		expect(monthly.rrule).toBe('FREQ=MONTHLY;BYDAY=+1TU;UNTIL=20270105T225959Z');
		expect(monthlyPosition(monthly.rrule!)).toEqual({ nth: 1, weekday: 2 });
		expect(expand(monthly, first.startsAt, at('2027-12-01', '00:00')).map((d) => dayKey(d.start))).toEqual(['2026-10-06', '2026-11-03', '2026-12-01', '2027-01-05']);

		// The 29th–31st is the last such weekday of the month.
		const last = at('2026-12-29', '10:00');
		expect(buildRule('monthly', last, { kind: 'never' })).toBe('FREQ=MONTHLY;BYDAY=-1TU');
	});

	it('a series without end is expanded only within the window asked for', () => {
		const forever = { ...tuesday, rrule: buildRule('weekly', tuesday.startsAt, { kind: 'never' }) };
		expect(seriesExtent(forever)).toEqual({ count: Infinity, lastEndsAt: null });
		expect(expand(forever, at('2100-01-01', '00:00'), at('2100-01-15', '00:00'))).toHaveLength(2);
		expect(expand(forever, tuesday.startsAt, at('2100-01-01', '00:00'), 10)).toHaveLength(10);
	});

	it('knows its dates: the extent, whether a moment is one of them, and which one falls on a day', () => {
		const ten = { ...tuesday, rrule: buildRule('weekly', tuesday.startsAt, { kind: 'count', count: 10 }) };
		const extent = seriesExtent(ten);
		expect(extent.count).toBe(10);
		expect(dayKey(extent.lastEndsAt!)).toBe('2026-12-15');
		expect(isOccurrence(ten, at('2026-11-03', '19:00'))).toBe(true);
		expect(isOccurrence(ten, at('2026-11-03', '18:00'))).toBe(false);
		expect(isOccurrence(ten, at('2026-11-04', '19:00'))).toBe(false);
		expect(isOccurrence(ten, at('2026-12-22', '19:00'))).toBe(false);
		expect(onDay(ten, { year: 2026, month: 11, day: 3 }).map((d) => d.start)).toEqual([at('2026-11-03', '19:00')]);
		expect(onDay(ten, { year: 2026, month: 11, day: 4 })).toEqual([]);
		// A one-off activity has exactly one date.
		expect(isOccurrence({ ...tuesday, rrule: null }, tuesday.startsAt)).toBe(true);
		expect(seriesExtent({ ...tuesday, rrule: null })).toEqual({ count: 1, lastEndsAt: tuesday.endsAt });
	});

	it('a stored rule reads back into the form choices', () => {
		for (const [pattern, end] of [
			['weekly', { kind: 'never' }],
			['biweekly', { kind: 'count', count: 8 }],
			['monthly', { kind: 'until', date: { year: 2027, month: 3, day: 31 } }]
		] as const) {
			expect(describeRule(buildRule(pattern, tuesday.startsAt, end))).toEqual({ pattern, end });
		}
		expect(describeRule(null).pattern).toBe('once');
	});
});
