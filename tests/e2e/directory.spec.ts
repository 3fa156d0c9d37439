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

test('the map: the outline before tiles, markers big enough to hit, clusters that open by keyboard, a preview before leaving; without JavaScript the list', async ({ page, browser, baseURL }) => {
	// The whole country: single markers and clusters on the outline of the Netherlands, no tiles yet.
	await page.goto('/initiatieven/kaart');
	const map = page.getByRole('region', { name: 'Kaart met initiatieven' });
	await expect(map.locator('path.outline')).toHaveCount(1);
	const clusters = map.getByRole('button', { name: /^\d+ initiatieven, inzoomen$/ });
	await expect(clusters.first()).toBeVisible();
	await expect(map.locator('.leaflet-marker-icon.marker').first()).toBeVisible();
	// WCAG 2.2 target size (2.5.8): every marker and cluster at least 24×24 CSS pixels.
	for (const box of await map.locator('.leaflet-marker-icon').evaluateAll((icons) => icons.map((i) => i.getBoundingClientRect().toJSON()))) {
		expect(box.width).toBeGreaterThanOrEqual(24);
		expect(box.height).toBeGreaterThanOrEqual(24);
	}
	await expect(page.locator('.leaflet-tile')).toHaveCount(0);
	await expectAccessible(page);
	// Enter on a cluster zooms in, and the focus goes to what it opened up.
	await clusters.first().focus();
	await page.keyboard.press('Enter');
	await expect(page.locator('.leaflet-marker-icon:focus')).toHaveCount(1);

	// Near Zwolle: one marker per result, the same as the list below.
	const response = await page.goto('/initiatieven/kaart?plaats=Zwolle');
	expect(response?.headers()['content-security-policy']).toMatch(/img-src [^;]*https:\/\/tile\.openstreetmap\.org/);
	for (const name of NEAR_ZWOLLE) await expect(map.getByRole('button', { name: new RegExp(`^${name}, `) })).toBeVisible();
	expect(await resultNames(page)).toEqual(NEAR_ZWOLLE);
	// No tiles yet: the visitor is told where they come from and decides.
	await expect(page.getByText('De kaart haalt plaatjes op bij tile.openstreetmap.org. Die zien dan je IP-adres.')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Kaart tonen' })).toBeEnabled();

	// Tab to a marker, Enter: a preview with the name, without leaving the map.
	await page.getByRole('button', { name: 'Kaart tonen' }).focus();
	const focused = page.locator('.leaflet-marker-icon.marker:focus');
	for (let i = 0; i < 4 && !(await focused.count()); i++) await page.keyboard.press('Tab');
	const name = (await focused.getAttribute('title'))!;
	expect(NEAR_ZWOLLE).toContain(name);
	await page.keyboard.press('Enter');
	const preview = page.getByRole('group', { name });
	await expect(preview).toBeFocused();
	await expect(preview.getByRole('heading', { name })).toBeVisible();
	await expect(preview).toContainText(/Volgende activiteit: |geen open activiteit/);
	await expect(page).toHaveURL(/\/initiatieven\/kaart\?plaats=Zwolle$/);
	await expectAccessible(page);
	// Escape closes it and gives the focus back to the marker.
	await page.keyboard.press('Escape');
	await expect(preview).toHaveCount(0);
	await expect(focused).toHaveAttribute('title', name);

	// With the mouse the same: a click previews, the link in the preview leads on.
	await map.getByRole('button', { name: /^Het Veerhuis, / }).click();
	await page.getByRole('link', { name: 'Naar de pagina van Het Veerhuis' }).click();
	await expect(page).toHaveURL(/\/initiatieven\/het-veerhuis-hattem$/);

	// Other pages keep the strict image policy.
	const list = await page.goto('/initiatieven');
	expect(list?.headers()['content-security-policy']).not.toContain('openstreetmap');

	// Without JavaScript on a phone: no empty frame and no button that cannot work, the list instead.
	const context = await browser.newContext({ baseURL, javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
	const plain = await context.newPage();
	await plain.goto('/initiatieven');
	await plain.getByRole('link', { name: 'Bekijk op de kaart' }).click();
	await expect(plain.getByText('De kaart werkt alleen met JavaScript. De lijst hieronder werkt altijd.')).toBeVisible();
	await expect(plain.getByRole('button', { name: 'Kaart tonen' })).toBeHidden();
	await expect(plain.locator('.map')).toBeHidden();
	await expect(plain.locator('.results h3').first()).toBeVisible();
	await expectAccessible(plain);
	await context.close();
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
