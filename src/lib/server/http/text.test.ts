import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanFields } from './forms.ts';
import { cleanText } from './text.ts';

/** Text as an attacker or a paste brings it: any code points, control characters, line ends, decomposed accents. */
const anyText = fc.oneof(
	fc.string({ unit: 'binary', maxLength: 60 }),
	fc.string({ unit: fc.constantFrom('a', ' ', '\u0000', '\t', '\n', '\r', '\u001b', '\u0085', '\u007f', 'e\u0301', '\u00e9', '\ud800'), maxLength: 30 })
);

describe('text from outside', () => {
	it('what is kept has no control characters (in long text: only line breaks and tabs), is NFC and trimmed, and stays the same when cleaned again', () => {
		fc.assert(
			fc.property(anyText, fc.constantFrom('line' as const, 'long' as const), (value, kind) => {
				const text = cleanText(value, kind);
				if (text === null) return;
				expect(text).not.toMatch(kind === 'long' ? /[^\P{Cc}\n\t]/u : /\p{Cc}/u);
				expect(text).toBe(text.normalize('NFC'));
				expect(text).toBe(text.trim());
				expect(text.isWellFormed()).toBe(true);
				expect(cleanText(text, kind)).toBe(text);
			}),
			{ numRuns: 2000 }
		);
	});

	it('refuses text only for what it holds: text without control characters is always kept', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (value) => {
				fc.pre(!/\p{Cc}/u.test(value));
				expect(cleanText(value, 'line')).toBe(value.normalize('NFC').trim());
				expect(cleanText(value, 'long')).toBe(value.normalize('NFC').trim());
			})
		);
	});

	it('a NUL, an escape or a line break in a one-line field is refused; long text keeps its lines, with \\n', () => {
		for (const bad of ['a\u0000b', 'Sam\u001b[31m', 'Titel\r\nBEGIN:VEVENT', 'x\ny', 'a\u0085b', '\ud800']) expect(cleanText(bad, 'line'), JSON.stringify(bad)).toBeNull();
		expect(cleanText('a\u0000b', 'long')).toBeNull();
		expect(cleanText(' Eerste regel\r\nTweede\tregel\rDerde ', 'long')).toBe('Eerste regel\nTweede\tregel\nDerde');
		expect(cleanText('  Cafe\u0301 ', 'line')).toBe('Café');
	});

	it('a form: every text field cleaned, a field refused by name; passwords and the redirect target stay as typed', () => {
		const form = new FormData();
		form.append('name', ' Sam ');
		form.append('title', 'a\u0000b');
		form.append('description', 'regel 1\r\nregel 2');
		form.append('password', ' geheim\u0000 ');
		form.append('next', '/\t/evil.example');
		form.append('themes', 'wandelen');
		form.append('themes', 'koken\u0000');
		expect(cleanFields(form)).toEqual({
			raw: { name: 'Sam', title: '', description: 'regel 1\nregel 2', password: ' geheim\u0000 ', next: '/\t/evil.example', themes: ['wandelen', ''] },
			refused: ['title', 'themes']
		});
	});
});
