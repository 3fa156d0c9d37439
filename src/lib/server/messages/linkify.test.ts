import { describe, expect, it } from 'vitest';
import { messageParts } from './linkify.ts';

describe('links in a message', () => {
	it('web addresses become links, the rest stays text', () => {
		expect(messageParts('Kijk op https://www.rijksoverheid.nl/toeslagen of https://zwolle.nl.')).toEqual([
			{ text: 'Kijk op ' },
			{ text: 'https://www.rijksoverheid.nl/toeslagen', href: 'https://www.rijksoverheid.nl/toeslagen' },
			{ text: ' of ' },
			{ text: 'https://zwolle.nl', href: 'https://zwolle.nl' },
			{ text: '.' }
		]);
	});

	it('HTML and other kinds of address stay plain text', () => {
		const html = '<script>alert(1)</script><a href="javascript:alert(1)">klik</a> javascript:alert(1) mailto:a@b.nl';
		expect(messageParts(html).every((p) => !('href' in p) || /^https?:/.test(p.href))).toBe(true);
		expect(messageParts(html).map((p) => p.text).join('')).toBe(html);
	});
});
