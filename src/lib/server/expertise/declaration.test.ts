import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { declarationForm, parseEuros } from './declaration.ts';

describe('amounts on a declaration', () => {
	it('reads euros as people type them', () => {
		const cases: Array<[string, number | null]> = [
			['', 0],
			['75', 7500],
			['12,50', 1250],
			['12.50', 1250],
			['€ 1.250,00', 125000],
			['1.250', 125000],
			['2,5', 250],
			['75 euro', 7500],
			['twaalf', null],
			['-5', null],
			['1,234', null],
			['999999999', null]
		];
		for (const [typed, cents] of cases) expect(parseEuros(typed), typed).toBe(cents);
	});

	it('never throws and never gives a negative or huge amount, whatever is typed', () => {
		fc.assert(
			fc.property(fc.string(), (typed) => {
				const cents = parseEuros(typed);
				return cents === null || (Number.isInteger(cents) && cents >= 0 && cents <= 10_000_000);
			})
		);
	});
});

describe('the declaration form', () => {
	it('adds up the lines; "alleen kosten" has no fee', () => {
		const made = declarationForm.parse({ kind: 'honorarium', amount: '150', travel: '12,40', other: '', date: '2026-03-14', iban: 'nl91 abna 0417 1643 00' });
		expect(made).toMatchObject({ amount: 15000, travel: 1240, other: 0, total: 16240, date: '14-03-2026', iban: 'NL91 ABNA 0417 1643 00' });
		expect(declarationForm.parse({ kind: 'kosten', amount: '150', travel: '10' }).total).toBe(1000);
	});

	it('names each field that is wrong', () => {
		const result = declarationForm.safeParse({ kind: 'cadeaubon', amount: 'veel', date: '31-02-2026' });
		expect(result.success).toBe(false);
		if (result.success) return;
		expect(Object.fromEntries(result.error.issues.map((i) => [i.path[0], i.message]))).toEqual({
			kind: 'expertise_error_kind',
			amount: 'expertise_error_amount',
			date: 'expertise_error_date'
		});
	});
});
