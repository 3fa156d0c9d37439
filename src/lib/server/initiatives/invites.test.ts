import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInviteList } from './invites.ts';

describe('reading a pasted or uploaded list of e-mail addresses', () => {
	it('finds the address in any column, skips a header, and reports bad and repeated rows', () => {
		const rows = parseInviteList(
			'\uFEFFnaam;e-mailadres\r\nAnna;anna@voorbeeld.nl\r\n"Bram","BRAM@Voorbeeld.nl"\r\nCor <cor@voorbeeld.nl>\r\n\r\nDewi;geen adres\r\nanna@voorbeeld.nl\r\nfout@\r\n'
		);
		expect(rows).toEqual([
			{ line: 2, email: 'anna@voorbeeld.nl' },
			{ line: 3, email: 'bram@voorbeeld.nl' },
			{ line: 4, email: 'cor@voorbeeld.nl' },
			{ line: 6, email: 'Dewi;geen adres', error: 'invite_row_no_email' },
			{ line: 7, email: 'anna@voorbeeld.nl', error: 'invite_row_duplicate' },
			{ line: 8, email: 'fout@', error: 'invite_row_invalid' }
		]);
	});

	it('never throws and gives every valid address once, whatever is pasted', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 2000 }), (text) => {
				const rows = parseInviteList(text);
				const valid = rows.filter((r) => !r.error).map((r) => r.email);
				expect(new Set(valid).size).toBe(valid.length);
				for (const row of rows) expect(row.line).toBeGreaterThan(0);
			})
		);
	});

	it('keeps one row per address in a long generated list', () => {
		fc.assert(
			fc.property(fc.uniqueArray(fc.emailAddress(), { maxLength: 50, selector: (e) => e.toLowerCase() }), (emails) => {
				const rows = parseInviteList(emails.join('\n'));
				expect(rows.filter((r) => !r.error).map((r) => r.email)).toEqual(
					emails.filter((e) => /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>"]+$/.test(e.toLowerCase())).map((e) => e.toLowerCase())
				);
			})
		);
	});
});
