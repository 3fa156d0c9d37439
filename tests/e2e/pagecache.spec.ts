import pg from 'pg';
import { expect, test } from '@playwright/test';
import { freshPostgres } from '../helpers/databases.ts';
import { signIn } from './helpers.ts';
import { startApp, type RunningApp } from './server.ts';

/*
 * The page cache for visitors (src/lib/server/pagecache/) with two app processes on one PostgreSQL database:
 * a coordinator's change in one process is what a visitor of the other sees on the very next request; a
 * signed-in request never gets a kept page; a browser's copy is confirmed with a 304; signing out in one process
 * is honoured by the other at once (it keeps the viewer of a session until the next write). The rules themselves
 * (which pages, which responses, the version) are in tests/integration/pagecache.test.ts.
 */

test.describe.configure({ mode: 'serial' });
test.skip(!process.env.DATABASE_URL, 'DATABASE_URL is not set');

let database: { url: string; drop(): Promise<void> };
let one: RunningApp, two: RunningApp;
let place: { email: string; slug: string; activity: string };

test.beforeAll(async () => {
	test.setTimeout(240_000);
	database = await freshPostgres(process.env.DATABASE_URL, 'hp_pagecache');
	// The first fills the database with the demo; the second starts on it.
	one = await startApp({ DATABASE_URL: database.url, DEMO: '1', ORIGIN: '{baseURL}' });
	two = await startApp({ DATABASE_URL: database.url, ORIGIN: '{baseURL}' });
	const client = new pg.Client({ connectionString: database.url });
	await client.connect();
	const { rows } = await client.query(
		`select u.email, i.slug, a.id as activity from membership m
		 join app_user u on u.id = m.user_id join initiative i on i.id = m.initiative_id
		 join activity a on a.initiative_id = i.id and a.visibility = 'public' and a.status = 'published' and a.rrule is null
		 where m.role = 'coordinator' and i.status = 'published' order by a.starts_at desc limit 1`
	);
	await client.end();
	place = rows[0];
});

test.afterAll(async () => {
	await Promise.all([one?.stop(), two?.stop()]);
	await database?.drop();
});

/** What a visitor without any cookie gets from `app`. */
const visit = (app: RunningApp, path: string, headers: Record<string, string> = {}) => fetch(`${app.baseURL}${path}`, { headers, redirect: 'manual' });

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
	const seen = await visit(two, initiativePage);
	expect(seen.headers.get('etag')).not.toBe(etag);
	expect(await seen.text()).toContain(description);
	expect((await visit(two, initiativePage, { 'if-none-match': etag })).status).toBe(200);

	// And an activity's title.
	const title = `Soep en gesprek ${Date.now() % 100000}`;
	await page.goto(`${activityPage}/bewerken`);
	await page.locator('input[name="title"]').fill(title);
	await page.locator('form:has(input[name="title"]) button[type="submit"]').click();
	await page.waitForURL((url) => url.pathname === activityPage);
	expect(await (await visit(two, activityPage)).text()).toContain(title);

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
