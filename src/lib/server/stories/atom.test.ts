import { describe, expect, it } from 'vitest';
import { storiesAtom } from './atom.ts';

const entry = (over: Record<string, unknown> = {}) => ({
	id: '7d3c0f4e-0000-4000-8000-000000000001',
	title: 'Zon & <regen>',
	body: 'Een *zin*.',
	author: 'Merel',
	warnings: [] as never[],
	ownWarning: '',
	publishedAt: new Date('2026-12-01T10:00:00Z'),
	updatedAt: new Date('2026-12-02T10:00:00Z'),
	editReason: '',
	...over
});
const options = { origin: 'https://herstelplein.test', title: 'Verhalen', warning: (s: { ownWarning: string }) => s.ownWarning || null, edited: (r: string) => `aangepast: ${r}` };

describe('the Atom feed of public stories', () => {
	it('is Atom 1.0 with an id, a title, updated, a self link, and per entry the pseudonym as author', () => {
		const xml = storiesAtom([entry()], options);
		expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
		expect(xml).toContain('<link rel="self" type="application/atom+xml" href="https://herstelplein.test/verhalen.atom"/>');
		expect(xml).toContain('<updated>2026-12-02T10:00:00.000Z</updated>');
		expect(xml).toContain('<title>Zon &amp; &lt;regen&gt;</title>');
		expect(xml).toContain('<author><name>Merel</name></author>');
		expect(xml).toContain('<content type="html">&lt;p&gt;Een &lt;em&gt;zin&lt;/em&gt;.&lt;/p&gt;');
	});

	it('gives a story with a content warning only its warning, never its text', () => {
		const xml = storiesAtom([entry({ ownWarning: 'Let op: rouw', body: 'geheime tekst' })], options);
		expect(xml).toContain('<summary>Let op: rouw</summary>');
		expect(xml).not.toContain('geheime tekst');
	});
});
