import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TZDate } from '@date-fns/tz';
import { buildRule, expand, type RepeatPattern } from './recurrence.ts';
import { fromFloating, toFloating } from './time.ts';
import { ZONE } from './time.ts';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;

/**
 * `expand` skips ahead instead of walking a series from its first date; the
 * dates in a window must be exactly those a walk from the first date finds.
 */
describe('looking up dates far into a series', () => {
	it('gives the same dates as walking from the first date', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2027, 0, 1) }),
				fc.constantFrom<RepeatPattern>('weekly', 'biweekly', 'monthly'),
				fc.integer({ min: 15, max: 60 * 24 }),
				fc.integer({ min: 0, max: 3 * 365 }),
				fc.integer({ min: 1, max: 40 }),
				fc.constantFrom('never', 'until', 'count'),
				(startMs, pattern, minutes, offsetDays, windowDays, end) => {
					// Whole quarter hours, as people enter them.
					const startsAt = new Date(Math.floor(startMs / 900_000) * 900_000);
					const endsAt = new Date(startsAt.getTime() + minutes * 60_000);
					const untilDay = new Date(startsAt.getTime() + 500 * DAY);
					const rule = buildRule(
						pattern,
						startsAt,
						end === 'never'
							? { kind: 'never' }
							: end === 'count'
								? { kind: 'count', count: 60 }
								: { kind: 'until', date: { year: untilDay.getUTCFullYear(), month: untilDay.getUTCMonth() + 1, day: untilDay.getUTCDate() } }
					);
					const series = { startsAt, endsAt, rrule: rule };
					const from = new Date(startsAt.getTime() + offsetDays * DAY + 3_600_000 * 7);
					const to = new Date(from.getTime() + windowDays * DAY);
					const walked = expand(series, startsAt, to, 100_000).filter((o) => o.end > from && o.start < to);
					expect(expand(series, from, to).map((o) => [o.start.toISOString(), o.end.toISOString()])).toEqual(
						walked.map((o) => [o.start.toISOString(), o.end.toISOString()])
					);
				}
			),
			{ numRuns: 300 }
		);
	});
});

describe('Amsterdam wall-clock time, remembered per hour', () => {
	const slowFloating = (ms: number) => {
		const l = new TZDate(ms, ZONE);
		return Date.UTC(l.getFullYear(), l.getMonth(), l.getDate(), l.getHours(), l.getMinutes(), l.getSeconds());
	};
	const slowMoment = (ms: number) => {
		const f = new Date(ms);
		return new TZDate(f.getUTCFullYear(), f.getUTCMonth(), f.getUTCDate(), f.getUTCHours(), f.getUTCMinutes(), f.getUTCSeconds(), ZONE).getTime();
	};

	it('is the same as working it out each time, any moment from 2000 to 2200', () => {
		fc.assert(
			fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2200, 0, 1) }), (ms) => {
				expect(toFloating(new Date(ms)).getTime()).toBe(slowFloating(ms));
				expect(fromFloating(new Date(ms)).getTime()).toBe(slowMoment(ms));
			}),
			{ numRuns: 2000 }
		);
	});

	it('is the same in every quarter hour around the changes of summer and winter time', () => {
		for (const day of ['2026-03-29', '2026-10-25', '2027-03-28', '2027-10-31']) {
			const midnight = Date.parse(`${day}T00:00:00Z`);
			for (let ms = midnight - 6 * HOUR; ms < midnight + 6 * HOUR; ms += 15 * 60_000) {
				for (const at of [ms, ms + 59_999]) {
					expect(toFloating(new Date(at)).getTime()).toBe(slowFloating(at));
					expect(fromFloating(new Date(at)).getTime()).toBe(slowMoment(at));
				}
			}
		}
	});
});
