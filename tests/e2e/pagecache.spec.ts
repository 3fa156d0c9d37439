import pg from 'pg';
import { expect, test } from '@playwright/test';
import { freshPostgres } from '../helpers/databases.ts';
import { signIn } from './helpers.ts';
import { startApp, type RunningApp } from './server.ts';

/*
 * The page cache for visitors (src/lib/server/pagecache/) with two app processes on one PostgreSQL database:
 * a change in one process (an initiative, an activity, a sign-up, a date called off, a story taken back) is what a
 * visitor of the other sees as soon as the new version reaches it (by NOTIFY, in milliseconds; a CI run once read
 * the old page in between, so those reads ask again for up to 1.5 s); a signed-in request never gets a kept page; a browser's copy
 * is confirmed with a 304; signing out in one process is honoured by the other at once (it keeps the viewer of a session until the next write). The rules themselves
 * (which pages, which responses, the version) are in tests/integration/pagecache.test.ts.
 */

test.describe.configure({ mode: 'serial' });
test.skip(!process.env.DATABASE_URL, 'DATABASE_URL is not set');

let database: { url: string; drop(): Promise<void> };
let one: RunningApp, two: RunningApp;
let place: { email: string; slug: string; activity: string };
/** In the same initiative, a public series with places; and a public story with its writer. */
let series: string;
let story: { id: string; email: string };

test.beforeAll(async () => {
	test.setTimeout(240_000);
	database = await freshPostgres(process.env.DATABASE_URL, 'hp_pagecache');
	// The first fills the database with the demo; the second starts on it.
	one = await startApp({ DATABASE_URL: database.url, DEMO: '1', ORIGIN: '{baseURL}' });
	two = await startApp({ DATABASE_URL: database.url, ORIGIN: '{baseURL}' });
	const client = new pg.Client({ connectionString: database.url });
	await client.connect();
	// An initiative with a public series that has room, and a public one-off whose title will change.
	const { rows } = await client.query(
		`select u.email, i.slug, w.id as series,
		   (select a.id from activity a where a.initiative_id = i.id and a.visibility = 'public' and a.status = 'published' and a.rrule is null order by a.starts_at desc limit 1) as activity
		 from membership m join app_user u on u.id = m.user_id join initiative i on i.id = m.initiative_id
		 join activity w on w.initiative_id = i.id and w.visibility = 'public' and w.status = 'published' and w.rrule is not null and w.capacity >= 3
		 where m.role = 'coordinator' and i.status = 'published'
		   and exists (select 1 from activity a where a.initiative_id = i.id and a.visibility = 'public' and a.status = 'published' and a.rrule is null)
		 limit 1`
	);
	place = rows[0];
	series = rows[0]?.series;
	const stories = await client.query(
		`select s.id, u.email from story s join app_user u on u.id = s.writer_id where s.status = 'published' and s.visibility = 'public' limit 1`
	);
	story = stories.rows[0];
	await client.end();
});

test.afterAll(async () => {
	await Promise.all([one?.stop(), two?.stop()]);
	await database?.drop();
});

/** What a visitor without any cookie gets from `app`. */
const visit = (app: RunningApp, path: string, headers: Record<string, string> = {}) => fetch(`${app.baseURL}${path}`, { headers, redirect: 'manual' });

/**
 * What the other process shows, asked until it shows the change: the version reaches it by NOTIFY (milliseconds,
 * later under load) and at most a second late when a notification is lost (pagecache/version.ts).
 */
const soon = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 1500, intervals: [25, 50, 100] });

test('a change in one process is what a visitor of the other sees next; signed in never gets a kept page, signing out counts everywhere', async ({ browser }) => {
	const initiativePage = `/initiatieven/${place.slug}`;
	const activityPage = `${initiativePage}/activiteiten/${place.activity}`;

	// Kept on the second process: the same page again, and a 304 for the browser's copy.
	const first = await visit(two, initiativePage);
	expect(first.status).toBe(200);
	const etag = first.headers.get('etag')!;
	expect(etag).toBeTruthy();
	const again = await visit(two, initiativePage);
	expect(again.headers.get('etag')).toBe(etag);
	expect(again.headers.get('content-security-policy')).toBeTruthy();
	expect(again.headers.get('x-frame-options')).toBe('DENY');
	const unchanged = await visit(two, initiativePage, { 'if-none-match': etag });
	expect([unchanged.status, await unchanged.text()]).toEqual([304, '']);
	await visit(two, activityPage);

	// The coordinator changes the initiative's description on the first process.
	const context = await browser.newContext({ baseURL: one.baseURL });
	const page = await context.newPage();
	await signIn(page, { email: place.email, password: 'demo-herstelplein' });
	const description = `Nieuw: elke vrijdag soep ${Date.now()}`;
	await page.goto(`${initiativePage}/profiel`);
	await page.locator('textarea[name="description"]').fill(description);
	await page.locator('form[action="?/profiel"] button[type="submit"]').first().click();
	await page.waitForURL(/opgeslagen=profiel/);
	await soon(async () => (await visit(two, initiativePage)).headers.get('etag')).not.toBe(etag);
	expect(await (await visit(two, initiativePage)).text()).toContain(description);
	expect((await visit(two, initiativePage, { 'if-none-match': etag })).status).toBe(200);

	// And an activity's title.
	const title = `Soep en gesprek ${Date.now() % 100000}`;
	await page.goto(`${activityPage}/bewerken`);
	await page.locator('input[name="title"]').fill(title);
	await page.locator('form:has(input[name="title"]) button[type="submit"]').click();
	await page.waitForURL((url) => url.pathname === activityPage);
	await soon(async () => (await visit(two, activityPage)).text()).toContain(title);

	// A sign-up for one date of a series: the places a visitor reads go down by one.
	const seriesPage = `${initiativePage}/activiteiten/${series}`;
	const read = async (path: string) => (await visit(two, path)).text();
	const placesLeft = (html: string) => Number(/Vrije plekken: (\d+)/.exec(html)?.[1] ?? 0);
	let datePage = '';
	for (const [, datum] of (await read(seriesPage)).matchAll(/\?datum=(\d{4}-\d{2}-\d{2})/g)) {
		if (placesLeft(await read(`${seriesPage}?datum=${datum}`)) > 0) {
			datePage = `${seriesPage}?datum=${datum}`;
			break;
		}
	}
	expect(datePage, 'a date of the series with places left').not.toBe('');
	const placesBefore = placesLeft(await read(datePage));
	const post = (path: string, action: string) =>
		context.request.post(`${one.baseURL}${path}${path.includes('?') ? '&' : '?'}/${action}`, { form: {}, headers: { origin: one.baseURL, accept: 'text/html' }, maxRedirects: 0 });
	expect((await post(datePage, 'aanmelden')).status()).toBe(303);
	await soon(async () => placesLeft(await read(datePage))).toBe(placesBefore - 1);

	// The same date called off: a visitor of that date reads it at once.
	expect(await read(datePage)).not.toContain('Op deze datum gaat de activiteit niet door.');
	expect((await post(datePage, 'datum-afzeggen')).status()).toBe(200);
	await soon(() => read(datePage)).toContain('Op deze datum gaat de activiteit niet door.');

	// Signed in on the second process: the app answers, never the cache.
	const cookies = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
	await visit(two, initiativePage);
	const signedIn = await visit(two, initiativePage, { cookie: cookies });
	expect(signedIn.headers.get('cache-control')).toBe('private, no-store');
	expect(await signedIn.text()).toContain('Mijn pagina');

	// The second process keeps the viewer of this session; signing out in the first ends it there at once.
	expect(await (await visit(two, '/account', { cookie: cookies })).text()).toContain('Mijn pagina');
	await page.goto('/');
	await page.locator('form[action="/uitloggen"] button').click();
	await page.waitForURL((url) => url.pathname === '/uitloggen');
	const afterSignOut = await visit(two, '/account', { cookie: cookies });
	expect(afterSignOut.status).toBeGreaterThanOrEqual(300);
	expect(afterSignOut.headers.get('location')).toContain('/inloggen');
	await context.close();
});

test('a story its writer takes back is gone for a visitor of the other process at once', async ({ browser }) => {
	expect(story, 'the demo has a public story').toBeTruthy();
	const storyPage = `/verhalen/${story.id}`;
	const shown = await (await visit(two, storyPage)).text();
	expect(shown).not.toContain('Dit verhaal is teruggetrokken');
	const context = await browser.newContext({ baseURL: one.baseURL });
	const page = await context.newPage();
	await signIn(page, { email: story.email, password: 'demo-herstelplein' });
	const withdrawn = await context.request.post(`${one.baseURL}${storyPage}?/terugtrekken`, { form: {}, headers: { origin: one.baseURL, accept: 'text/html' }, maxRedirects: 0 });
	expect(withdrawn.status()).toBe(200);
	await soon(async () => (await visit(two, storyPage)).text()).toContain('Dit verhaal is teruggetrokken');
	await context.close();
});
