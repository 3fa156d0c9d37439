import { describe, expect, it } from 'vitest';
import { plainText, renderStory } from './markdown.ts';

describe('the story text', () => {
	it('renders paragraphs, headings one level down, lists, emphasis and links', () => {
		const html = renderStory('# Kop\n\nEen *zin* met **nadruk**.\n\n- een\n- twee\n\n[site](https://voorbeeld.nl)');
		expect(html).toContain('<h2>Kop</h2>');
		expect(html).toContain('<em>zin</em>');
		expect(html).toContain('<strong>nadruk</strong>');
		expect(html).toContain('<li>een</li>');
		expect(html).toContain('<a href="https://voorbeeld.nl" rel="nofollow ugc noopener">site</a>');
	});

	it('never lets raw HTML, scripts or images through', () => {
		const html = renderStory('<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n![foto](https://x.nl/a.png)\n\n[klik](javascript:alert(1))');
		expect(html).not.toMatch(/<script|<img|href="javascript/i);
		expect(html).toContain('&lt;script&gt;');
	});

	it('reads as plain text for a summary', () => {
		expect(plainText('## Kop\n\nEen *zin* met [een link](https://x.nl).\n- punt')).toBe('Kop Een zin met een link. punt');
	});
});
