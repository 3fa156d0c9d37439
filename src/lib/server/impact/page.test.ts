import { describe, expect, it } from 'vitest';
import { pagePeriod } from './page.ts';

const page = (now: string, query = '') => pagePeriod(new URL(`http://herstelplein.test/cijfers${query}`), new Date(now));

describe('the period of a figures page', () => {
	it('offers the eight quarters and three years before the day it is asked, in Amsterdam, also after another day was asked', () => {
		const march = page('2026-03-31T12:00:00Z');
		expect(march.choices.quarters.map((q) => q.key)).toEqual(['2025-K4', '2025-K3', '2025-K2', '2025-K1', '2024-K4', '2024-K3', '2024-K2', '2024-K1']);
		expect(march.choices.years.map((y) => y.key)).toEqual(['2026', '2025', '2024']);
		// 22:30 UTC on 31 March is 00:30 on 1 April in Amsterdam: the first quarter is over.
		expect(page('2026-03-31T22:30:00Z').choices.quarters[0]).toEqual({ key: '2026-K1', name: 'K1 2026' });
		expect(page('2026-03-31T12:00:00Z').choices.quarters[0].key).toBe('2025-K4');
		expect(page('2027-01-01T12:00:00Z').choices.years[0].key).toBe('2027');
	});

	it('reads the period asked for, and falls back to the last quarter for one it cannot read', () => {
		expect(page('2026-12-06T12:00:00Z', '?periode=2026').view).toMatchObject({ key: '2026', name: '2026', query: 'periode=2026' });
		const unreadable = page('2026-12-06T12:00:00Z', '?periode=2026-Q3');
		expect(unreadable.periodError).toBe(true);
		expect(unreadable.view.key).toBe('2026-K3');
	});
});
