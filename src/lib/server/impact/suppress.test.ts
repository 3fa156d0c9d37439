import { describe, expect, it } from 'vitest';
import { parsePeriod, quarter } from './period.ts';
import { peopleBreakdown, peopleCell, percentCell, plainCell, suppressColumns } from './suppress.ts';

describe('small-number suppression', () => {
	it('hides a count of people below the threshold, zero included', () => {
		expect(peopleCell(9, 10)).toEqual({ value: null, text: '< 10' });
		expect(peopleCell(0, 10)).toEqual({ value: null, text: '< 10' });
		expect(peopleCell(3, 5).text).toBe('< 5');
	});

	it('shows counts at or above the threshold rounded down to five, never below the threshold', () => {
		expect(peopleCell(10, 10).value).toBe(10);
		expect(peopleCell(14, 10).value).toBe(10);
		expect(peopleCell(17, 10).value).toBe(15);
		expect(peopleCell(12, 12).value).toBe(12);
	});

	it('keeps counts of things (dates held) as they are', () => {
		expect(plainCell(3)).toEqual({ value: 3, text: '3' });
	});

	it('hides a second cell when one hidden cell could be worked out from the total', () => {
		const { cells, total } = peopleBreakdown([4, 30, 20], 54, 10);
		expect(total.value).toBe(50);
		expect(cells.map((c) => c.value)).toEqual([null, 30, null]);
	});

	it('leaves a breakdown alone when no cell or at least two cells are hidden', () => {
		expect(peopleBreakdown([12, 30], 42, 10).cells.map((c) => c.value)).toEqual([10, 30]);
		expect(peopleBreakdown([3, 4, 30], 37, 10).cells.map((c) => c.value)).toEqual([null, null, 30]);
	});

	it('hides every cell when the total is hidden', () => {
		const { cells, total } = peopleBreakdown([5, 3], 8, 10);
		expect(total.value).toBeNull();
		expect(cells.every((c) => c.value === null)).toBe(true);
	});

	it('gives a percentage only over a whole at or above the threshold', () => {
		expect(percentCell(10, 40, 10)).toEqual({ value: 25, text: '25%' });
		expect(percentCell(5, 9, 10).value).toBeNull();
		expect(percentCell(5, 40, 10).value).toBeNull();
	});

	it('below an initiative, shows a breakdown only when every cell passes, else only its total', () => {
		const { cells, total } = peopleBreakdown([4, 30, 20], 54, 10, { allOrNothing: true });
		expect(total.value).toBe(50);
		expect(cells.every((c) => c.value === null)).toBe(true);
		expect(peopleBreakdown([12, 30], 42, 10, { allOrNothing: true }).cells.map((c) => c.value)).toEqual([10, 30]);
	});

	it('suppresses each column of a table of initiatives against its total, complementary; things stay as they are', () => {
		const cells = suppressColumns(
			[
				[3, 25],
				[7, 40],
				[2, 4]
			],
			[false, true],
			10
		);
		expect(cells.map((r) => r[0].value)).toEqual([3, 7, 2]);
		expect(cells.map((r) => r[1].value)).toEqual([null, 40, null]);
	});

	it('a neighbouring period never pins down a hidden count: differences of shown counts are multiples of five', () => {
		// A quarter with 12 people and the same quarter plus a month with 3 more (15 - hidden "< 10"): shown 10 and 15.
		const difference = peopleCell(15, 10).value! - peopleCell(12, 10).value!;
		expect(difference % 5).toBe(0);
		// 5 is as consistent with 3 more people as with 7: the hidden month is not pinned down.
		expect([peopleCell(12 + 3, 10).value, peopleCell(11 + 7, 10).value]).toEqual([15, 15]);
	});
});

describe('periods', () => {
	it('reads quarters, years and whole months, and refuses anything else', () => {
		expect(parsePeriod(new URLSearchParams('periode=2026-K3'))?.key).toBe('2026-K3');
		expect(parsePeriod(new URLSearchParams('periode=2025'))?.firstMonth).toBe('2025-01');
		const months = parsePeriod(new URLSearchParams('van=2026-02&tot=2026-06'))!;
		expect([months.firstMonth, months.lastMonth]).toEqual(['2026-02', '2026-06']);
		expect(months.to).toEqual(quarter(2026, 2).to);
		expect(parsePeriod(new URLSearchParams('periode=2026-K5'))).toBeNull();
		expect(parsePeriod(new URLSearchParams('van=2026-05&tot=2026-01'))).toBeNull();
		expect(parsePeriod(new URLSearchParams('van=2026-05-03&tot=2026-06'))).toBeNull();
	});

	it('starts at midnight in Amsterdam, and defaults to the last whole quarter', () => {
		expect(quarter(2026, 1).from.toISOString()).toBe('2025-12-31T23:00:00.000Z');
		expect(quarter(2026, 3).from.toISOString()).toBe('2026-06-30T22:00:00.000Z');
		expect(parsePeriod(new URLSearchParams(''), new Date('2026-12-05T10:00:00Z'))?.key).toBe('2026-K3');
		expect(parsePeriod(new URLSearchParams(''), new Date('2026-02-05T10:00:00Z'))?.key).toBe('2025-K4');
	});
});
