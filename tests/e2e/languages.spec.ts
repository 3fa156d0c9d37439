import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { pageRoutes, routeOf, saveHtml } from './html-pages.ts';
import { startApp, type RunningApp } from './server.ts';

/*
 * Every page of the demo in both languages, for every persona: a Dutch page
 * shows no English interface text and its English twin (/en/…) no Dutch.
 * The message catalogs say what interface text is: a message whose Dutch and
 * English differ, in pieces of three words or more between its placeholders,
 * that the other language's catalog (or the demo's Dutch content) does not also use. Dates are checked by
 * their month and weekday names. Plain HTTP with the persona's session cookie,
 * no browser: the walk follows the links on the Dutch pages, one address per
 * route (and query keys), and fetches each page's English twin. The pages go to
 * the HTML validator too (html-valid.spec.ts), so every persona's pages are
 * checked there as well.
 */

const PASSWORD = 'demo-herstelplein';
/** The demo's accounts (src/lib/server/demo/generate.ts): the participant is the one in two initiatives. */
const PERSONAS = [
	{ name: 'anonymous', start: ['/', '/initiatieven', '/activiteiten', '/verhalen', '/hulp', '/inloggen', '/aanmelden', '/cijfers', '/doorverwijzen', '/initiatieven/de-kroon-zwolle/contact'] },
	{ name: 'member', email: 'wim@demo.herstelplein.nl', start: ['/', '/account', '/mijn-herstelruimte', '/berichten'] },
	{ name: 'coordinator', email: 'anna@demo.herstelplein.nl', start: ['/', '/account', '/initiatieven/de-kroon-zwolle'] },
	{ name: 'admin', email: 'beheer@demo.herstelplein.nl', start: ['/', '/beheer', '/account'] }
] as const;

/** Addresses the walk does not open: signing out, and files rather than pages. */
const SKIP = /^\/(?:uitloggen|_app|healthz)\b|\.(?:ics|csv|json|atom|xml|png|jpe?g|webp|svg|ico|pdf|txt)$/;

type Lang = 'nl' | 'en';

const normal = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Interface text of each language: pieces of messages that only that language uses. */
function catalogPhrases(): Record<Lang, Map<string, string>> {
	const dir = path.resolve('messages');
	const folders = ['', ...readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name)];
	const read = (lang: Lang) =>
		Object.assign({}, ...folders.map((f) => JSON.parse(readFileSync(path.join(dir, f, `${lang}.json`), 'utf8')))) as Record<string, string>;
	const catalogs = { nl: read('nl'), en: read('en') };
	const all = { nl: Object.values(catalogs.nl).map(normal).join('\n'), en: Object.values(catalogs.en).map(normal).join('\n') };
	// The demo's own content is Dutch on every page (people write in their language): a piece it uses too is no proof.
	const demoDir = path.resolve('src/lib/server/demo');
	const demo = normal(readdirSync(demoDir).map((f) => readFileSync(path.join(demoDir, f), 'utf8')).join('\n'));
	const phrases = { nl: new Map<string, string>(), en: new Map<string, string>() };
	for (const lang of ['nl', 'en'] as const) {
		const other = lang === 'nl' ? 'en' : 'nl';
		for (const [key, value] of Object.entries(catalogs[lang])) {
			if (key.startsWith('$') || value === catalogs[other][key]) continue;
			for (const piece of value.split(/\{[^}]*\}/).map(normal)) {
				if (piece.split(' ').filter((w) => /\p{L}/u.test(w)).length >= 3 && !all[other].includes(piece) && !(lang === 'nl' && demo.includes(piece))) phrases[lang].set(piece, key);
			}
		}
	}
	return phrases;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const decode = (text: string) =>
	text.replace(/&(#x[\da-f]+|#\d+|\w+);/gi, (all, e: string) =>
		e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : (ENTITIES[e] ?? all)
	);

/** What a reader sees or hears of a page: its text and labels, without what is marked as another language (the language switch). */
function pageText(html: string, lang: Lang): string {
	const body = html
		.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ')
		.replace(/<(\w+)\b[^>]*\blang="([^"]*)"[^>]*>[\s\S]*?<\/\1>/gi, (all, _tag, l: string) => (l.startsWith(lang) ? all : ' '));
	const labels = [...body.matchAll(/\b(?:aria-label|title|placeholder|alt)="([^"]*)"/g)].map((m) => m[1]);
	return normal(decode([body.replace(/<[^>]*>/g, ' '), ...labels].join(' \n ')));
}

const MONTHS = {
	nl: 'januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december',
	en: 'January|February|March|April|May|June|July|August|September|October|November|December'
};
const WEEKDAYS = { nl: 'maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag', en: 'Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday' };
/** A date in the other language: `4 december`, `dinsdag 3`, `December 4`, `Tuesday`. */
const FOREIGN_DATE: Record<Lang, RegExp> = {
	en: new RegExp(`\\b\\d{1,2} (?:${MONTHS.nl})\\b|\\b(?:${WEEKDAYS.nl}) \\d{1,2}\\b`),
	nl: new RegExp(`\\b(?:${MONTHS.en}) \\d{1,2}\\b|\\b\\d{1,2} (?:${MONTHS.en})\\b|\\b(?:${WEEKDAYS.en})\\b`)
};

let app: RunningApp;
const phrases = catalogPhrases();
const routes = pageRoutes();

test.beforeAll(async () => {
	test.setTimeout(200_000);
	app = await startApp({ DEMO: '1', ORIGIN: '{baseURL}' }, { healthyWithinMs: 170_000 });
});
test.afterAll(async () => app?.stop());

async function signIn(email: string): Promise<string> {
	const response = await fetch(`${app.baseURL}/inloggen?/wachtwoord`, {
		method: 'POST',
		headers: { origin: app.baseURL, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ email, password: PASSWORD, next: '/' }),
		redirect: 'manual'
	});
	expect(response.status, `signing in as ${email}`).toBe(303);
	return response.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.join('; ');
}

/** Walk the Dutch pages from the start pages, each with its English twin; returns what leaked where. */
async function walk(cookie: string, start: readonly string[]): Promise<{ pages: number; leaks: string[] }> {
	const seen = new Set<string>();
	const done = new Set<string>();
	const queue = [...start];
	const leaks: string[] = [];
	const keyOf = (url: URL) => `${routeOf(url.pathname, routes) ?? url.pathname}?${[...new Set(url.searchParams.keys())].sort().join('&')}`;
	const get = async (address: string) => {
		const response = await fetch(app.baseURL + address, { headers: { cookie, accept: 'text/html' }, redirect: 'manual' });
		const html = await response.text();
		return { status: response.status, html: response.headers.get('content-type')?.startsWith('text/html') ? html : undefined };
	};
	const check = (address: string, html: string, lang: Lang) => {
		saveHtml(app.baseURL + address, html);
		const text = pageText(html, lang);
		const other: Lang = lang === 'nl' ? 'en' : 'nl';
		for (const [phrase, key] of phrases[other]) if (text.includes(phrase)) leaks.push(`${address}: "${phrase}" (${key})`);
		const date = FOREIGN_DATE[lang].exec(text);
		if (date) leaks.push(`${address}: date "${date[0]}" in ${text.slice(Math.max(0, date.index - 40), date.index + 40)}`);
	};
	const visit = async (address: string) => {
		const nl = await get(address);
		if (nl.status !== 200 || !nl.html) return;
		check(address, nl.html, 'nl');
		const en = await get(`/en${address === '/' ? '' : address}`);
		expect(en.status, `/en${address}`).toBe(200);
		if (en.html) check(`/en${address}`, en.html, 'en');
		for (const [, href] of nl.html.matchAll(/<a\b[^>]*\bhref="([^"#]*)/g)) {
			const url = new URL(decode(href), app.baseURL + address);
			if (url.origin !== app.baseURL || url.pathname.startsWith('/en/') || url.pathname === '/en' || SKIP.test(url.pathname)) continue;
			const key = keyOf(url);
			if (seen.has(key)) continue;
			seen.add(key);
			queue.push(url.pathname + url.search);
		}
	};
	for (const s of start) seen.add(keyOf(new URL(s, app.baseURL)));
	// A few requests at a time: the server renders while this reads.
	while (queue.length) {
		const batch = queue.splice(0, 4).filter((a) => !done.has(a));
		batch.forEach((a) => done.add(a));
		await Promise.all(batch.map(visit));
	}
	return { pages: done.size, leaks };
}

for (const persona of PERSONAS) {
	test(`${persona.name}: no Dutch on the English pages and no English on the Dutch ones`, async () => {
		const cookie = 'email' in persona ? await signIn(persona.email) : '';
		const { pages, leaks } = await walk(cookie, persona.start);
		expect(pages).toBeGreaterThan(5);
		expect([...new Set(leaks)]).toEqual([]);
	});
}
