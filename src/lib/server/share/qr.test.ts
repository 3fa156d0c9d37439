import { describe, expect, it } from 'vitest';
import { qrSvg } from './qr.ts';

describe('the poster QR code', () => {
	it('is an SVG drawn on the server, hidden from screen readers, with nothing that runs or loads', async () => {
		const svg = await qrSvg('https://herstelplein.nl/initiatieven/de-kroon?x=<script>');
		expect(svg).toMatch(/^<svg aria-hidden="true" focusable="false" class="qr" xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 \d+ \d+"/);
		expect(svg).toContain('<path');
		expect(svg).not.toMatch(/<script|href=|<image|on\w+=/i);
	});

	it('grows with the length of the address, so a longer link stays readable', async () => {
		const size = async (text: string) => Number(/viewBox="0 0 (\d+)/.exec(await qrSvg(text))![1]);
		expect(await size(`https://herstelplein.nl/uitnodiging/${'a'.repeat(43)}`)).toBeGreaterThan(await size('https://herstelplein.nl/'));
	});
});
