// Page weight in Chromium: what a browser downloads for each page, counted from the network.
import { execSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { chromium, type Response } from '@playwright/test';

export interface Weight {
	requests: number;
	/** Decoded bytes per kind, and gzip bytes: as transferred when the server compressed, else computed here. */
	html: { raw: number; gzip: number };
	js: { raw: number; gzip: number; files: number };
	css: { raw: number; gzip: number; files: number };
	other: { raw: number; files: number };
	/** True when the server sent a content-encoding for the HTML/JS/CSS; false: the gzip figures are computed. */
	serverCompressed: boolean;
	foreignRequests: string[];
}

function chromiumPath(): string {
	if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
	return execSync('command -v chromium || command -v chromium-browser', { shell: '/bin/sh' }).toString().trim();
}

/** The flags from playwright.config.ts. */
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function pageWeights(base: string, pages: Array<{ name: string; url: string; cookies?: Array<{ name: string; value: string }> }>): Promise<Record<string, Weight>> {
	const browser = await chromium.launch({ executablePath: chromiumPath(), args: ARGS });
	const out: Record<string, Weight> = {};
	try {
		for (const p of pages) {
			const context = await browser.newContext();
			if (p.cookies?.length) await context.addCookies(p.cookies.map((c) => ({ ...c, url: base })));
			const page = await context.newPage();
			const responses: Response[] = [];
			page.on('response', (r) => responses.push(r));
			await page.goto(base + p.url, { waitUntil: 'networkidle' });
			const w: Weight = { requests: 0, html: { raw: 0, gzip: 0 }, js: { raw: 0, gzip: 0, files: 0 }, css: { raw: 0, gzip: 0, files: 0 }, other: { raw: 0, files: 0 }, serverCompressed: false, foreignRequests: [] };
			for (const r of responses) {
				w.requests++;
				if (!r.url().startsWith(base)) w.foreignRequests.push(r.url());
				const type = r.request().resourceType();
				const body = await r.body().catch(() => Buffer.alloc(0));
				const encoded = r.headers()['content-encoding'];
				const gz = encoded ? (await r.request().sizes()).responseBodySize : gzipSync(body).length;
				if (encoded) w.serverCompressed = true;
				if (type === 'document') {
					w.html.raw += body.length;
					w.html.gzip += gz;
				} else if (type === 'script') {
					w.js.raw += body.length;
					w.js.gzip += gz;
					w.js.files++;
				} else if (type === 'stylesheet') {
					w.css.raw += body.length;
					w.css.gzip += gz;
					w.css.files++;
				} else {
					w.other.raw += body.length;
					w.other.files++;
				}
			}
			out[p.name] = w;
			await context.close();
		}
	} finally {
		await browser.close();
	}
	return out;
}
