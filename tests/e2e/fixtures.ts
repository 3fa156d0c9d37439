import axe from 'axe-core';
import { test as base, expect, type Browser, type Page, type Response, type Route } from '@playwright/test';
import { saveHtml } from './html-pages.ts';

/** WCAG 2.2 A and AA, as axe tags them; only violations are collected (building the passes costs seconds a page). */
const AXE_OPTIONS = {
	runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'] },
	resultTypes: ['violations']
} satisfies axe.RunOptions;

/** Fail with a readable list when axe finds any WCAG A/AA violation on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
	await saveHtml(page.url(), await servedHtml(page));
	const target = (await scriptsRun(page)) ? page : await scriptableCopy(page);
	// axe runs in the top document here; a frame would go unchecked, so none may be there unnoticed.
	expect(await target.locator('iframe').count(), `frames on ${page.url()}`).toBe(0);
	// Injected through the debugger protocol, so the page's Content Security Policy does not stop it.
	if (!(await target.evaluate(() => 'axe' in window))) await target.evaluate(axe.source);
	const violations = await target.evaluate((options) => window.axe.run(document, options).then((r) => r.violations), AXE_OPTIONS);
	const readable = violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
	expect(readable, `axe violations on ${page.url()}`).toEqual([]);
}

/** The last document the server sent each page (not a redirect): the HTML validator checks it. */
const documents = new WeakMap<Page, Response>();
const tracked = new WeakSet<Page>();

/** From now on, remember each document the server sends this page. */
function track(page: Page): void {
	if (tracked.has(page)) return;
	tracked.add(page);
	page.on('response', (response) => {
		const redirect = response.status() >= 300 && response.status() < 400;
		if (!redirect && response.request().isNavigationRequest() && response.frame() === page.mainFrame()) documents.set(page, response);
	});
}

/**
 * The page's HTML as the server sent it, for the HTML validator (the live DOM
 * would hide parse errors): the body of the navigation that showed it, which
 * also covers a form's answer to a post. A page of a context the test made
 * itself is tracked from its first check on; that first time the live DOM
 * stands in — never a second request, which could count as a second visit
 * (a shared block's "read on" log, a link that works once).
 */
async function servedHtml(page: Page): Promise<string> {
	const response = documents.get(page);
	if (response && response.url() === page.url().split('#')[0]) {
		const body = await response.body().catch(() => undefined);
		if (body) return body.toString('utf8');
	}
	track(page);
	return page.content(); // with its doctype
}

/** Whether the page runs scripts: the CSS media feature says so at once (a timer that never fires would cost a wait). */
function scriptsRun(page: Page): Promise<boolean> {
	return page.evaluate(() => matchMedia('(scripting: enabled)').matches);
}

/** One page per browser and screen size where copies are shown to axe; a fresh context per check cost seconds. */
const copyPages = new WeakMap<Browser, Map<string, Promise<Page>>>();

/**
 * axe needs timers, which do not run when JavaScript is off (it hangs). So it
 * checks a copy: the same HTML, without scripts, at the same address (so the
 * app's own styles load), in a context where axe itself can run (say so
 * explicitly: the test runner gives new contexts the test's own options).
 */
async function scriptableCopy(page: Page): Promise<Page> {
	const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, '');
	const browser = page.context().browser()!;
	const viewport = page.viewportSize();
	const size = `${viewport?.width}x${viewport?.height}`;
	const bySize = copyPages.get(browser) ?? new Map<string, Promise<Page>>();
	copyPages.set(browser, bySize);
	if (!bySize.has(size)) bySize.set(size, browser.newContext({ javaScriptEnabled: true, viewport, bypassCSP: true }).then((c) => c.newPage()));
	const copy = await bySize.get(size)!;
	const url = page.url();
	// Requests carry no fragment; and a jump between fragments of one address would not reload the copy.
	const address = url.split('#')[0];
	if (copy.url().split('#')[0] === address) await copy.goto('about:blank');
	const isThePage = (u: URL) => u.href === address;
	const serve = (route: Route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
	await copy.route(isThePage, serve);
	try {
		await copy.goto(url);
	} finally {
		await copy.unroute(isThePage, serve);
	}
	return copy;
}

declare global {
	interface Window {
		axe: typeof axe;
	}
}

/**
 * Every test runs in its own context on the app's base URL, and fails if a
 * page asked any other host for anything (fonts, scripts, trackers).
 */
export const test = base.extend<{ foreignRequests: string[]; cspViolations: string[]; servedDocuments: void }>({
	servedDocuments: [
		async ({ page }, use) => {
			track(page);
			await use();
		},
		{ auto: true }
	],
	/** Every test fails if the browser blocked anything under our Content Security Policy. */
	cspViolations: [
		async ({ page }, use) => {
			const blocked: string[] = [];
			page.on('console', (message) => {
				if (/Content Security Policy/i.test(message.text())) blocked.push(`${page.url()}: ${message.text()}`);
			});
			await use(blocked);
			expect(blocked, 'Content Security Policy violations').toEqual([]);
		},
		{ auto: true }
	],
	baseURL: async ({}, use) => use(process.env.BASE_URL),
	foreignRequests: [
		async ({ page, baseURL }, use) => {
			const own = new URL(baseURL!).host;
			const foreign: string[] = [];
			page.on('request', (request) => {
				const url = new URL(request.url());
				if (url.protocol.startsWith('http') && url.host !== own) foreign.push(request.url());
			});
			await use(foreign);
			expect(foreign, 'requests to other hosts').toEqual([]);
		},
		{ auto: true }
	]
});

export { expect };

/**
 * The ways a journey runs. Pages render on the server and send no client
 * script (`csr = false`) but for the few the leak hunt lists (SCRIPTED_PAGES
 * in safety-leaks.spec.ts, which fails when another page starts sending one).
 * Those scripts are small (a copy button, the map, a story's autosave) and
 * their own journeys run with JavaScript (start, directory, stories). With
 * JavaScript on, any other journey gets the same HTML and posts the same
 * forms, so it runs once, without.
 */
export const JOURNEY_SCRIPTING: readonly boolean[] = [false];
