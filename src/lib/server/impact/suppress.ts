/*
 * Small-number suppression: the one place that decides what a figure about
 * people may show. Every output (page, chart, CSV, printed report, JSON)
 * renders the cells made here, so they all hide the same things.
 *
 * - A count of people below the threshold is hidden ("< 10"), zero included:
 *   "nobody" next to a hidden cell would give the hidden cell away.
 * - Complementary suppression: in a breakdown whose total is shown, one hidden
 *   cell could be worked out as total minus the rest, so then the smallest
 *   shown cell is hidden as well. A hidden total hides every cell.
 * - Neighbouring periods: periods are whole months (see period.ts), and shown
 *   counts of people are rounded down to a multiple of 5, so the difference
 *   between two periods (a quarter and the same quarter plus one month) never
 *   pins down a hidden count.
 * - Percentages only over a whole (denominator) at or above the threshold.
 * - Breakdowns below an initiative (its figures by kind, theme, sector) are
 *   shown only when every cell passes; otherwise only their total.
 * - Rows per initiative or town in the network's figures: each column gets
 *   the same complementary suppression against the column's total.
 */

/** A cell as every output shows it: `value` null when hidden. */
export interface Cell {
	value: number | null;
	/** What a reader sees: `"12"`, `"< 10"`. */
	text: string;
}

export const ROUND_TO = 5;

export function hiddenText(threshold: number): string {
	return `< ${threshold}`;
}

function shown(value: number): Cell {
	return { value, text: String(value) };
}

function hidden(threshold: number): Cell {
	return { value: null, text: hiddenText(threshold) };
}

/** A count of people: hidden below the threshold, else rounded down to a multiple of 5 (never below the threshold). */
export function peopleCell(count: number, threshold: number): Cell {
	if (count < threshold) return hidden(threshold);
	return shown(Math.max(threshold, count - (count % ROUND_TO)));
}

/** A count of things that are not people (dates an activity was held): shown as it is. */
export function plainCell(count: number): Cell {
	return shown(count);
}

/**
 * A breakdown of people (by sector, by kind …) and its total. Returns the
 * cells in the same order and the total's cell; see the rules above.
 */
export function peopleBreakdown(counts: number[], total: number, threshold: number, options: { allOrNothing?: boolean } = {}): { cells: Cell[]; total: Cell } {
	const totalCell = peopleCell(total, threshold);
	if (totalCell.value === null) return { cells: counts.map(() => hidden(threshold)), total: totalCell };
	const cells = counts.map((c) => peopleCell(c, threshold));
	const hiddenCount = cells.filter((c) => c.value === null).length;
	if (options.allOrNothing && hiddenCount > 0) return { cells: counts.map(() => hidden(threshold)), total: totalCell };
	if (hiddenCount === 1 && cells.length > 1) {
		// Hide the smallest shown cell too, so the hidden one is never the total minus the rest.
		let smallest = -1;
		cells.forEach((c, i) => {
			if (c.value !== null && (smallest < 0 || counts[i] < counts[smallest])) smallest = i;
		});
		if (smallest >= 0) cells[smallest] = hidden(threshold);
	}
	return { cells, total: totalCell };
}

/** A whole percentage of `part` in `whole`, or null when the whole is below the threshold (or the part is hidden). */
export function percentCell(part: number, whole: number, threshold: number): Cell {
	if (whole < threshold || part < threshold) return { value: null, text: '–' };
	const value = Math.round((part / whole) * 100);
	return { value, text: `${value}%` };
}

/**
 * A table of rows (initiatives, towns) by columns: every people column is
 * suppressed as a breakdown against its own total (`people[j]` false: a
 * column of things, shown as it is).
 */
export function suppressColumns(matrix: number[][], people: boolean[], threshold: number): Cell[][] {
	const out: Cell[][] = matrix.map(() => []);
	people.forEach((isPeople, j) => {
		const column = matrix.map((row) => row[j]);
		const cells = isPeople ? peopleBreakdown(column, column.reduce((a, b) => a + b, 0), threshold).cells : column.map(plainCell);
		cells.forEach((c, i) => (out[i][j] = c));
	});
	return out;
}
