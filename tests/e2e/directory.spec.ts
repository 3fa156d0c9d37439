import type { Page } from '@playwright/test';
import { expect, expectAccessible, test as base } from './fixtures.ts';
import { expectOnFirstScreen, FIRST_SCREENS, newPerson, signIn, signUp } from './helpers.ts';
import { startApp, type RunningApp } from './server.ts';

/**
 * The directory needs initiatives with places, themes and hours: this file runs
 * its own app with the demo content (initiatives in every province; De Kroon in
 * Zwolle, Het Veerhuis in Hattem, Vecht en Zo in Dalfsen and De Hanze in Kampen
 * lie within 25 km of Zwolle; Nieuw Begin in Almere waits for approval).
 * The foreign-request guard watches this app's host.
 */
const test = base.extend<{}, { demoApp: RunningApp }>({
	demoApp: [
		async ({}, use) => {
			// Making the demo content on a fresh database takes a while on a busy machine.
			const app = await startApp({ DEMO: '1', ORIGIN: '{baseURL}' }, { healthyWithinMs: 170_000 });
			await use(app);
			await app.stop();
		},
		{ scope: 'worker', timeout: 200_000 }
	],
	baseURL: async ({ demoApp }, use) => use(demoApp.baseURL)
});

const NEAR_ZWOLLE = ['De Kroon', 'Het Veerhuis', 'Vecht en Zo', 'De Hanze'];

/** The names in the result list, in order. */
const resultNames = (page: Page) => page.locator('.results h3').allTextContents();

async function search(page: Page, place: string) {
	await page.getByLabel('Plaats', { exact: true }).fill(place);
	await page.getByRole('button', { name: 'Zoeken' }).click();
}

test.describe('finding an initiative without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('results first: the first initiative is on the first screen of a phone and a laptop, the other choices folded with a count', async ({ page }) => {
		for (const screen of FIRST_SCREENS) {
			await page.setViewportSize(screen);
			await page.goto('/initiatieven');
			await expectOnFirstScreen(page, page.locator('.results h3 a').first());
			await expect(page.getByLabel('Hoe ver mag het zijn?')).toBeHidden();
			await expectAccessible(page);
		}
		// Choices in use are counted and stay in sight.
		await page.goto('/initiatieven?thema=wandelen&open=vandaag');
		await expect(page.locator('summary')).toHaveText('Meer keuzes 2 gekozen');
		await expect(page.getByLabel('Wandelen')).toBeVisible();
	});

	test('someone near Zwolle finds the initiatives close by, nearest first', async ({ page }) => {
		await page.goto('/initiatieven');
		await expect(page.getByRole('heading', { name: 'Alle initiatieven' })).toBeVisible();
		await expectAccessible(page);
		await search(page, 'Zwolle');
		await expect(page.getByRole('heading', { name: 'Initiatieven bij Zwolle' })).toBeVisible();
		expect(await resultNames(page)).toEqual(NEAR_ZWOLLE);
		expect(new URL(page.url()).searchParams.get('plaats')).toBe('Zwolle');
		const first = page.locator('.results li').first();
		await expect(first).toContainText('Zwolle');
		await expect(first).toContainText('km');
		await expect(first).toContainText('Samen koken en eten');
		await expect(page.getByLabel('Plaats', { exact: true })).toHaveValue('Zwolle');
		await expectAccessible(page);

		// A larger radius brings in Deventer, still in order of distance.
		await page.getByText('Meer keuzes').click();
		await page.getByLabel('Hoe ver mag het zijn?').selectOption('50');
		await page.getByRole('button', { name: 'Zoeken' }).click();
		const wider = await resultNames(page);
		expect(wider.slice(0, 4)).toEqual(NEAR_ZWOLLE);
		expect(wider).toContain('Het Anker');
		expect(wider).not.toContain('De Verbinding');

		// The initiative's page is one click away.
		await page.getByRole('link', { name: 'De Kroon' }).click();
		await expect(page).toHaveURL(/\/initiatieven\/de-kroon-zwolle$/);
	});

	test('themes and accessibility narrow the list', async ({ page }) => {
		await page.goto('/initiatieven?plaats=Zwolle');
		await page.getByText('Meer keuzes').click();
		await page.getByLabel('Wandelen').check();
		await page.getByRole('button', { name: 'Zoeken' }).click();
		expect(await resultNames(page)).toEqual(['De Kroon', 'Vecht en Zo']);
		await expect(page.getByLabel('Wandelen')).toBeChecked();
		await expectAccessible(page);

		await page.getByLabel('Wandelen').uncheck();
		await page.getByLabel('Rolstoeltoegankelijk').check();
		await page.getByRole('button', { name: 'Zoeken' }).click();
		expect(await resultNames(page)).toEqual(['De Kroon', 'Het Veerhuis']);

		await page.getByLabel('Prikkelarm').check();
		await page.getByRole('button', { name: 'Zoeken' }).click();
		await expect(page.getByText('We vinden geen initiatief dat hierbij past.')).toBeVisible();
		await expectAccessible(page);
	});

	test('an unknown place gets a calm message, suggestions, and keeps what was typed', async ({ page }) => {
		await page.goto('/initiatieven');
		await search(page, 'Zwole');
		await expect(page.getByText('We kennen de plaats "Zwole" niet.')).toBeVisible();
		await expect(page.getByLabel('Plaats', { exact: true })).toHaveValue('Zwole');
		await expect(page.locator('.results')).toHaveCount(0);
		await expectAccessible(page);
		await page.getByRole('link', { name: 'Zwolle', exact: true }).click();
		expect(await resultNames(page)).toEqual(NEAR_ZWOLLE);

		await search(page, '8011');
		await expect(page.getByText('Typ de naam van je plaats')).toBeVisible();
		await expect(page.getByLabel('Plaats', { exact: true })).toHaveValue('8011');

		// Everyday names work too.
		await search(page, 'Den Bosch');
		await expect(page.getByRole('heading', { name: "Initiatieven bij 's-Hertogenbosch" })).toBeVisible();
		expect((await resultNames(page))[0]).toBe('De Zandloper');
	});

	test('an initiative that waits for approval is not in the directory or the open data', async ({ page, request }) => {
		await page.goto('/initiatieven?plaats=Almere&afstand=alle');
		const names = await resultNames(page);
		expect(names.length).toBeGreaterThan(10);
		expect(names).not.toContain('Nieuw Begin');
		const feed = await (await request.get('/initiatieven.json')).json();
		const feedNames = feed.initiatieven.map((i: { naam: string }) => i.naam);
		expect(feedNames).toContain('De Kroon');
		expect(feedNames).not.toContain('Nieuw Begin');
		expect(JSON.stringify(feed)).not.toMatch(/@demo\.herstelplein\.nl|leden|members/);
	});
});

test('the map shows one marker per result, as keyboard links, and asks before loading tiles', async ({ page }) => {
	const response = await page.goto('/initiatieven/kaart?plaats=Zwolle');
	expect(response?.headers()['content-security-policy']).toMatch(/img-src [^;]*https:\/\/tile\.openstreetmap\.org/);
	const map = page.getByRole('region', { name: 'Kaart met initiatieven' });
	await expect(map.locator('.marker-link')).toHaveCount(4);
	for (const name of NEAR_ZWOLLE) await expect(map.getByRole('link', { name: new RegExp(`^${name}, `) })).toBeVisible();
	// The list is on the page too, the same results.
	expect(await resultNames(page)).toEqual(NEAR_ZWOLLE);
	// No tiles yet: the visitor is told where they come from and decides.
	await expect(page.getByText('De kaart haalt plaatjes op bij tile.openstreetmap.org. Die zien dan je IP-adres.')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Kaart tonen' })).toBeEnabled();
	await expect(page.locator('.leaflet-tile')).toHaveCount(0);
	await expectAccessible(page);

	// A marker is an ordinary link: focus it and press Enter.
	await map.getByRole('link', { name: /^Het Veerhuis, / }).focus();
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/initiatieven\/het-veerhuis-hattem$/);

	// Other pages keep the strict image policy.
	const list = await page.goto('/initiatieven');
	expect(list?.headers()['content-security-policy']).not.toContain('openstreetmap');
});

test('only the association admin downloads the directory as a spreadsheet', async ({ page, browser, baseURL }) => {
	const anonymous = await page.request.get('/beheer/initiatieven.csv', { maxRedirects: 0 });
	expect(anonymous.status()).toBe(303);
	expect(anonymous.headers()['location']).toContain('/inloggen');

	const memberContext = await browser.newContext({ baseURL });
	const member = await memberContext.newPage();
	await signUp(member, newPerson('Lid'));
	expect((await member.request.get('/beheer/initiatieven.csv')).status()).toBe(404);
	await memberContext.close();

	await signIn(page, { email: 'beheer@demo.herstelplein.nl', password: 'demo-herstelplein' });
	await page.goto('/beheer');
	await expect(page.getByRole('link', { name: /Alle initiatieven als spreadsheet/ })).toBeVisible();
	await expectAccessible(page);
	const csv = await page.request.get('/beheer/initiatieven.csv');
	expect(csv.status()).toBe(200);
	expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
	const bytes = await csv.body();
	expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	const body = bytes.toString('utf8');
	expect(body).toContain('naam;status;plaats');
	expect(body).toContain('Nieuw Begin;pending;Almere');
	expect(body).toContain('De Kroon;published;Zwolle;Kamperstraat 12;8011 LK');
});
