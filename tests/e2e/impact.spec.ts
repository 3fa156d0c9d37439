import { readFile } from 'node:fs/promises';
import type { Browser, Page } from '@playwright/test';
import { expect, expectAccessible, JOURNEY_SCRIPTING, test as base } from './fixtures.ts';
import { signIn } from './helpers.ts';
import { startApp, type RunningApp } from './server.ts';

/*
 * Wat levert het op? A coordinator of a demo initiative opens last quarter's
 * figures, downloads the CSV and the printable report, and the turnout in
 * each matches a count this test makes itself from the turnout page (the
 * activities' own record). Small numbers stay hidden in every output. The
 * admin's network figures and the open figures are checked with axe too.
 * With and without JavaScript, on a 360 px phone. Each figure and rule is in
 * Vitest (tests/integration/impact.test.ts).
 */

const PHONE = { width: 360, height: 740 };
const COORDINATOR = { email: 'anna@demo.herstelplein.nl', password: 'demo-herstelplein' };
const ADMIN = { email: 'beheer@demo.herstelplein.nl', password: 'demo-herstelplein' };
const SLUG = 'de-kroon-zwolle';

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

/** The last whole quarter, as the figures page takes it by default: its months (`september 2026`) and name (`K3 2026`). */
function lastQuarter(now = new Date()) {
	const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit' }).formatToParts(now);
	let year = Number(parts.find((p) => p.type === 'year')!.value);
	let q = Math.floor((Number(parts.find((p) => p.type === 'month')!.value) - 1) / 3);
	if (q === 0) [year, q] = [year - 1, 4];
	const months = [1, 2, 3].map((k) => new Intl.DateTimeFormat('nl', { timeZone: 'Europe/Amsterdam', month: 'long', year: 'numeric' }).format(new Date(Date.UTC(year, (q - 1) * 3 + k - 1, 15))));
	return { months, name: `K${q} ${year}` };
}

/** What the figures must show for a count of people: hidden below 10, else rounded down to five. */
const shown = (n: number) => (n < 10 ? '< 10' : String(n - (n % 5)));

async function phonePage(browser: Browser, baseURL: string, javaScriptEnabled: boolean): Promise<Page> {
	const context = await browser.newContext({ baseURL, javaScriptEnabled, viewport: PHONE });
	return context.newPage();
}

const cellText = (page: Page, figure: string, key: string) => page.locator(`[data-figure="${figure}"] tr[data-key="${key}"] td`).first();

test('a coordinator reports last quarter: page, CSV and printed report agree with the turnout record, small numbers hidden', async ({ browser, baseURL }) => {
	test.setTimeout(240_000);
	const quarter = lastQuarter();
	for (const javaScriptEnabled of JOURNEY_SCRIPTING) {
		const page = await phonePage(browser, baseURL!, javaScriptEnabled);
		await signIn(page, COORDINATOR);

		// The independent count: the turnout page's totals per month, for the quarter's three months.
		await page.goto(`/initiatieven/${SLUG}/activiteiten/opkomst`);
		let people = 0;
		let dates = 0;
		for (const month of quarter.months) {
			const row = page.locator('tr', { has: page.locator('th', { hasText: new RegExp(`^${month}$`, 'i') }) });
			if (!(await row.count())) continue;
			const cells = await row.locator('td').allTextContents();
			dates += Number(cells[0]);
			people += Number(cells[1]);
		}
		expect(dates, 'the demo has turnout written down last quarter').toBeGreaterThan(0);

		// From the initiative's page, through the coordinator's tools.
		await page.goto(`/initiatieven/${SLUG}`);
		await page.getByRole('link', { name: 'Cijfers', exact: true }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Cijfers van De Kroon' })).toBeVisible();
		await expect(page.locator('p.lead strong')).toHaveText(quarter.name);
		await expect(cellText(page, 'turnout', 'people')).toHaveText(shown(people));
		await expect(cellText(page, 'turnout_dates', 'dates')).toHaveText(String(dates));
		// No story was published last quarter: a count of people below 10 is hidden, never "0".
		await expect(cellText(page, 'stories', 'published')).toHaveText('< 10');
		await expect(page.getByRole('heading', { name: 'Wat wij bewust niet meten' })).toBeVisible();
		await expectAccessible(page);

		// The CSV says the same.
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download als spreadsheet (CSV)' }).click()]);
		const csv = await readFile((await download.path())!, 'utf8');
		expect(csv).toContain(`Cijfers van De Kroon,${quarter.name}`);
		expect(csv).toContain(`Opkomst (zoals begeleiders hem noteerden),Mensen,${shown(people)},`);
		expect(csv).toContain(`Activiteiten met genoteerde opkomst,Activiteiten,${dates},`);
		expect(csv).toContain('Verhalen gepubliceerd,Verhalen,< 10,');

		// The printable report: name, period, the same numbers, and what we do not measure.
		await page.getByRole('link', { name: 'Printbaar verslag' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Cijfers van De Kroon' })).toBeVisible();
		await expect(page.locator('p.period strong')).toHaveText(quarter.name);
		await expect(page.locator('[data-figure="turnout"] tr[data-key="people"] td')).toHaveText(shown(people));
		await expect(page.locator('[data-figure="stories"] tr[data-key="published"] td')).toHaveText('< 10');
		await expect(page.getByRole('heading', { name: 'Wat wij bewust niet meten' })).toBeVisible();
		await page.emulateMedia({ media: 'print' });
		await expect(page.getByRole('button', { name: 'Afdrukken of bewaren als PDF' })).toBeHidden();
		await page.emulateMedia({ media: 'screen' });
		await expectAccessible(page);

		// Who made which report: the coordinators see it.
		await page.getByRole('link', { name: 'Terug naar de cijfers' }).click();
		await expect(page.getByText(`Anna maakte een spreadsheet van ${quarter.name.replace(/K(\d) (\d+)/, '$2-K$1')}`).first()).toBeVisible();
		await expect(page.getByText(`Anna maakte een printbaar verslag van ${quarter.name.replace(/K(\d) (\d+)/, '$2-K$1')}`).first()).toBeVisible();
		await page.context().close();
	}
});

test("the network's figures for the admin and the open figures for anyone are accessible and hide small numbers", async ({ browser, baseURL }) => {
	test.setTimeout(120_000);
	for (const javaScriptEnabled of JOURNEY_SCRIPTING) {
		const page = await phonePage(browser, baseURL!, javaScriptEnabled);
		await page.goto('/cijfers');
		await expect(page.getByRole('heading', { level: 1, name: 'Herstelplein in cijfers' })).toBeVisible();
		await expectAccessible(page);
		const open = await (await page.request.get('/cijfers.json')).json();
		expect(open.initiatives).toBeGreaterThan(0);
		expect(JSON.stringify(open)).not.toMatch(/members|people|leden/i);

		await signIn(page, ADMIN);
		await page.goto('/beheer');
		await page.getByRole('link', { name: 'Cijfers van het netwerk' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Cijfers van het netwerk' })).toBeVisible();
		await page.locator('select[name="periode"]').selectOption({ index: 9 });
		await page.getByRole('button', { name: 'Toon cijfers' }).click();
		await expect(page.getByRole('heading', { name: 'Groei van het netwerk' })).toBeVisible();
		// Every cell about people is a multiple of five of at least ten, or hidden.
		for (const text of await page.locator('[data-figure="turnout"] td, [data-figure="joined"] td').allTextContents()) {
			expect(text.trim()).toMatch(/^(< 10|\d*[05])$/);
		}
		await expectAccessible(page);
		await page.context().close();
	}
});
