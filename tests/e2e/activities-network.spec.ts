import type { Page } from '@playwright/test';
import { expect, expectAccessible, JOURNEY_SCRIPTING, test as base } from './fixtures.ts';
import { expectOnFirstScreen, FIRST_SCREENS, signIn } from './helpers.ts';
import { startApp, type RunningApp } from './server.ts';

/**
 * What's on across the network (/activiteiten), on an app of its own with the
 * demo content: initiatives all over the country with activities that fit
 * their themes, around today (weekly series, some every other week or
 * monthly, a few one-offs; some cost money, some are online). De Kroon in
 * Zwolle, Het Veerhuis in Hattem, Vecht en Zo in Dalfsen and De Hanze in
 * Kampen lie within 25 km of Zwolle. No initiatives are made here, so no
 * names clash with other specs.
 */
const test = base.extend<{}, { demoApp: RunningApp }>({
	demoApp: [
		async ({}, use) => {
			const app = await startApp({ DEMO: '1', ORIGIN: '{baseURL}' }, { healthyWithinMs: 170_000 });
			await use(app);
			await app.stop();
		},
		{ scope: 'worker', timeout: 200_000 }
	],
	baseURL: async ({ demoApp }, use) => use(demoApp.baseURL)
});

const NEAR_ZWOLLE = ['Zwolle', 'Hattem', 'Dalfsen', 'Kampen'];

/** Every date shown: its title, its initiative and town, and its details. */
async function entries(page: Page) {
	return page.locator('.entries > li').evaluateAll((items) =>
		items.map((li) => ({
			title: li.querySelector('.title')?.textContent?.trim() ?? '',
			home: li.querySelector('.home')?.textContent?.replace(/\s+/g, ' ').trim() ?? '',
			meta: li.querySelector('.meta')?.textContent?.replace(/\s+/g, ' ').trim() ?? '',
			href: li.querySelector('a')?.getAttribute('href') ?? ''
		}))
	);
}

/** A day in Amsterdam as the page writes it: "woensdag 2 december". */
function dayLabel(date: Date): string {
	return new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', weekday: 'long', day: 'numeric', month: 'long' }).format(date);
}
function isoDay(date: Date): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}
const inDays = (n: number) => new Date(Date.now() + n * 24 * 3600 * 1000);
/** "maandag 30 november": the Monday of this week (0), next week (1), last week (-1), in Amsterdam. */
function monday(weeks: number): RegExp {
	const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', weekday: 'short' }).format(new Date()));
	return new RegExp(`^${dayLabel(inDays(7 * weeks - weekday))}( \\(vandaag\\))?$`);
}

async function chooseNearZwolleMeetings(page: Page) {
	await page.getByLabel('Plaats', { exact: true }).fill('Zwolle');
	await page.getByText('Meer keuzes').click();
	await page.getByRole('checkbox', { name: /^Ontmoeting/ }).check();
	await page.getByRole('button', { name: 'Zoeken' }).click();
	await expect(page).toHaveURL(/plaats=Zwolle/);
}

for (const javaScriptEnabled of JOURNEY_SCRIPTING) {
	test.describe(`a visitor finds what's on (${javaScriptEnabled ? 'with' : 'without'} JavaScript)`, () => {
		test.use({ javaScriptEnabled });

		test('from the menu, near Zwolle, only meetings, then to an activity', async ({ page }) => {
			await page.goto('/');
			await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Activiteiten' }).click();
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('Wat is er te doen?');
			await expect(page.getByRole('heading', { name: 'Activiteiten in heel Nederland' })).toBeVisible();
			// The coming weeks, grouped by day, from today (or tomorrow, late at night when today's are over).
			const firstDay = (await page.locator('.day h3').first().textContent())!;
			expect([dayLabel(new Date()), dayLabel(inDays(1))].some((label) => firstDay.startsWith(label)), firstDay).toBe(true);
			expect((await entries(page)).length).toBeGreaterThan(10);
			await expect(page.getByRole('link', { name: 'Meer activiteiten' })).toBeVisible();
			await expectAccessible(page);

			await chooseNearZwolleMeetings(page);
			const url = new URL(page.url());
			expect(url.pathname).toBe('/activiteiten');
			expect(url.searchParams.get('plaats')).toBe('Zwolle');
			expect(url.searchParams.getAll('soort')).toEqual(['ontmoeting']);
			await expect(page.getByRole('heading', { name: 'Activiteiten bij Zwolle' })).toBeVisible();
			const found = await entries(page);
			expect(found.length).toBeGreaterThan(3);
			for (const e of found) {
				expect(NEAR_ZWOLLE.some((town) => e.home.includes(town)), e.home).toBe(true);
				expect(e.home).toMatch(/km$/);
				expect(e.meta).toContain('Ontmoeting');
				expect(e.meta).toMatch(/Gratis|Kosten: € \d/);
			}
			// What was chosen stays chosen.
			await expect(page.getByLabel('Plaats', { exact: true })).toHaveValue('Zwolle');
			await expect(page.getByRole('checkbox', { name: /^Ontmoeting/ })).toBeChecked();
			await expectAccessible(page);

			// A date of a series opens that date of the activity.
			const series = found.find((e) => e.href.includes('?datum='))!;
			await page.locator('.entries > li a', { hasText: series.title }).first().click();
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(series.title);
			expect(new URL(page.url()).pathname).toMatch(/^\/initiatieven\/[a-z0-9-]+\/activiteiten\/[0-9a-f-]{36}$/);
		});

		test('a place we do not know, a day that does not exist: explained, never an error', async ({ page }) => {
			await page.goto('/activiteiten?plaats=Zwole&soort=ontdekking&datum=2026-02-31&afstand=veel&weergave=jaar');
			await expect(page.getByText('We kennen de plaats "Zwole" niet.')).toBeVisible();
			await expect(page.getByText('We kennen de dag "2026-02-31" niet.', { exact: false })).toBeVisible();
			await expect(page.getByLabel('Plaats', { exact: true })).toHaveValue('Zwole');
			await expectAccessible(page);
			// The suggestion keeps the other choices.
			await page.getByRole('link', { name: 'Zwolle', exact: true }).click();
			await expect(page.getByRole('heading', { name: 'Activiteiten bij Zwolle' })).toBeVisible();
			expect(new URL(page.url()).searchParams.getAll('soort')).toEqual(['ontdekking']);
		});

		test('one day: tomorrow, or a day typed in; an empty choice says what to try', async ({ page }) => {
			await page.goto('/activiteiten');
			await page.getByText('Meer keuzes').click();
			await page.getByRole('radio', { name: 'Morgen' }).check();
			await page.getByRole('button', { name: 'Zoeken' }).click();
			const headings = page.locator('.day h3');
			await expect(headings).toHaveCount(1);
			await expect(headings).toHaveText(dayLabel(inDays(1)), { ignoreCase: true });

			// A day in ten days' time, typed in the date field.
			await page.getByRole('radio', { name: 'Op een dag die je kiest' }).check();
			await page.getByLabel('Welke dag?').fill(isoDay(inDays(10)));
			await page.getByRole('button', { name: 'Zoeken' }).click();
			await expect(headings.first()).toHaveText(dayLabel(inDays(10)), { ignoreCase: true });
			await expect(page.getByLabel('Welke dag?')).toHaveValue(isoDay(inDays(10)));

			// Online, free, wheelchair accessible and low-stimulus, in Zwolle, within 5 km: nothing.
			await page.goto('/activiteiten?plaats=Zwolle&afstand=5&waar=online&toegankelijk=rolstoeltoegankelijk&toegankelijk=prikkelarm&wanneer=vandaag');
			await expect(page.getByText('We vinden geen activiteit die bij je keuzes past.')).toBeVisible();
			await expect(page.getByRole('link', { name: 'Bekijk de komende weken' })).toBeVisible();
			await expect(page.getByRole('link', { name: 'Zoek verder weg, of in heel Nederland' })).toBeVisible();
			await expectAccessible(page);
		});
	});
}

test('results first: the first activity is on the first screen of a phone and a laptop; a day in the week links to "all" only when there is more', async ({ page }) => {
	for (const screen of FIRST_SCREENS) {
		await page.setViewportSize(screen);
		await page.goto('/activiteiten');
		await expectOnFirstScreen(page, page.locator('.entries > li a').first());
		await expect(page.getByLabel('Welke dag?')).toBeHidden();
		await expectAccessible(page);
	}
	await page.goto('/activiteiten?weergave=week');
	for (const day of await page.locator('.week .day').all()) {
		const shown = await day.locator('.entries > li').count();
		const all = day.getByRole('link', { name: /^Alles op deze dag/ });
		if (await all.count()) expect(Number((await all.textContent())!.match(/\((\d+)\)/)![1])).toBeGreaterThan(shown);
		else expect(shown).toBeLessThanOrEqual(6);
	}
});

test('the week: seven days, the first few of each, to the whole day and the next week', async ({ page }) => {
	// All of the country, nearest first: days with more dates than the week shows.
	await page.goto('/activiteiten?plaats=Zwolle&afstand=alle');
	await page.getByRole('navigation', { name: 'Weergave' }).getByRole('link', { name: 'Week' }).click();
	await expect(page.getByRole('navigation', { name: 'Weergave' }).getByRole('link', { name: 'Week' })).toHaveAttribute('aria-current', 'page');
	const days = page.locator('.week .day h3');
	await expect(days).toHaveCount(7);
	await expect(days.first()).toHaveText(monday(0));
	await expect(days.last()).toContainText(/^zondag/i);
	expect(new URL(page.url()).searchParams.get('plaats')).toBe('Zwolle');
	await expectAccessible(page);

	// A whole day's list (next week: every date there is still to come), with the place kept.
	await page.getByRole('link', { name: 'Volgende week' }).click();
	await expect(days.first()).toHaveText(monday(1));
	const all = page.getByRole('link', { name: /^Alles op deze dag/ }).first();
	const count = Number((await all.textContent())!.match(/\((\d+)\)/)![1]);
	await all.click();
	await expect(page).toHaveURL(/datum=/);
	expect(new URL(page.url()).searchParams.get('plaats')).toBe('Zwolle');
	expect(new URL(page.url()).searchParams.get('datum')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
	await expect(page.locator('.day h3')).toHaveCount(1);
	// The day's list shows every date that takes place (and any cancelled ones, marked).
	expect((await entries(page)).filter((e) => !/Gaat niet door|Deze keer niet/.test(e.meta)).length).toBe(count);

	await page.goBack();
	await expect(days.first()).toHaveText(monday(1));
	await page.getByRole('link', { name: 'Vorige week' }).click();
	await expect(days.first()).toHaveText(monday(0));
	await page.getByRole('link', { name: 'Vorige week' }).click();
	await expect(days.first()).toHaveText(monday(-1));
});

test('the month: a real table with a caption, each day a link to its list', async ({ page }) => {
	await page.goto('/activiteiten?weergave=maand');
	const month = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', month: 'long', year: 'numeric' }).format(new Date());
	const table = page.getByRole('table', { name: `Activiteiten in ${month}` });
	await expect(table).toBeVisible();
	await expect(table.getByRole('columnheader')).toHaveCount(7);
	await expect(table.getByRole('columnheader').first()).toHaveText('ma');
	await expectAccessible(page);

	// Days gone by are skipped: nothing to open there.
	await expect(table.locator('td.past a')).toHaveCount(0);
	// Today's cell, when it has activities, is marked and opens today's list.
	const today = table.locator('a.day-link[aria-current="date"]');
	if (await today.count()) {
		await expect(today).toHaveAccessibleName(new RegExp(`^${dayLabel(new Date())}, activiteiten: \\d+$`, 'i'));
	}

	// Next month: every day still to come; a day opens its own list.
	await page.getByRole('link', { name: 'Volgende maand' }).click();
	const next = new Date();
	next.setDate(1);
	next.setMonth(next.getMonth() + 1);
	const nextMonth = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', month: 'long', year: 'numeric' }).format(next);
	const nextTable = page.getByRole('table', { name: `Activiteiten in ${nextMonth}` });
	await expect(nextTable).toBeVisible();
	// On a wide screen each day shows its first titles, time and title as one link.
	const title = nextTable.locator('.titles a').first();
	await expect(title).toHaveText(/^\d{2}:\d{2} \S/);
	await expect(title).toHaveAttribute('href', /\/initiatieven\/[a-z0-9-]+\/activiteiten\//);
	const day = nextTable.locator('a.day-link').nth(3);
	const label = (await day.locator('.visually-hidden').textContent())!;
	const href = (await day.getAttribute('href'))!;
	await day.click();
	await expect(page).not.toHaveURL(/weergave=maand/);
	expect(new URL(page.url()).searchParams.get('datum')).toBe(new URL(href, page.url()).searchParams.get('datum'));
	await expect(page.locator('.day h3')).toHaveCount(1);
	// The number in the cell is the number of dates that day.
	const count = Number(label.match(/activiteiten: (\d+)/)![1]);
	expect((await entries(page)).filter((e) => !/Gaat niet door|Deze keer niet/.test(e.meta)).length).toBe(count);
});

test.describe('on a phone', () => {
	test.use({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });

	test('the list reads from top to bottom, and the month becomes a list of days', async ({ page }) => {
		await page.goto('/activiteiten?plaats=Zwolle');
		expect((await entries(page)).length).toBeGreaterThan(0);
		// Nothing sticks out sideways.
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
		await expectAccessible(page);

		await page.goto('/activiteiten?plaats=Zwolle&weergave=maand');
		await page.getByRole('link', { name: 'Volgende maand' }).click();
		await expect(page.getByRole('table')).toBeHidden();
		const list = page.getByRole('region', { name: /^Dagen met activiteiten in / });
		await expect(list).toBeVisible();
		await list.getByRole('link').first().click();
		await expect(page.locator('.day h3')).toHaveCount(1);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
		await expectAccessible(page);
	});
});

test("members-only activities show only for the initiative's own members", async ({ page }) => {
	// De Verbinding in Maastricht has a members-only peer group (a fixed group).
	const search = '/activiteiten?plaats=Maastricht&thema=lotgenotengroep';
	await page.goto(search);
	expect((await entries(page)).map((e) => e.title)).not.toContain('Lotgenotengroep (vaste groep)');
	expect((await entries(page)).map((e) => e.title)).toContain('Lotgenotenavond');

	// Its coordinator (a demo account) sees it, marked as for members.
	await signIn(page, { email: 'gert@demo.herstelplein.nl', password: 'demo-herstelplein' });
	await page.goto(search);
	const own = (await entries(page)).filter((e) => e.title === 'Lotgenotengroep (vaste groep)');
	expect(own.length).toBeGreaterThan(0);
	expect(own[0].meta).toContain('Alleen voor leden');
	await expectAccessible(page);
});

test('the same choices as a calendar feed, with public activities only', async ({ request }) => {
	const response = await request.get('/activiteiten.ics?plaats=Maastricht&thema=lotgenotengroep');
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toBe('text/calendar; charset=utf-8');
	const body = await response.text();
	expect(body).toContain('SUMMARY:Lotgenotenavond');
	expect(body).toContain('RRULE:FREQ=WEEKLY');
	expect(body).not.toContain('vaste groep');
	expect(body).not.toContain('video.example.nl');
});
