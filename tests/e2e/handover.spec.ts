import type { Browser, Page } from '@playwright/test';
import { expect, expectAccessible, JOURNEY_SCRIPTING, test } from './fixtures.ts';
import { confirmAddress, newPerson, signIn, signUp, startInitiative } from './helpers.ts';
import { readOutbox } from './outbox.ts';

/*
 * Warme overdracht: a huisarts passes a person on to an initiative and
 * confirms by mail, a coordinator takes it and records "doet mee", the
 * huisarts sees the step through the link; a person asks directly. With and
 * without JavaScript, on a 360 px phone, axe on every page. The rules and
 * edge cases (rate limits, expiry, deletion after 90 days) are in Vitest.
 */

const PHONE = { width: 360, height: 740 };

async function expectNoSideways(page: Page) {
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	expect(overflow, `horizontal overflow on ${page.url()}`).toBeLessThanOrEqual(0);
}

/** The secret link in the newest mail to this address. */
async function handoverLink(to: string): Promise<string> {
	let link: string | undefined;
	await expect
		.poll(
			async () => {
				const mail = (await readOutbox(process.env.E2E_DATA_DIR!)).filter((m) => m.to.includes(to)).at(-1);
				link = mail && /https?:\/\/[^\s/]+(\/doorverwijzing\/[A-Za-z0-9_-]{43})/.exec(mail.text)?.[1];
				return link;
			},
			{ timeout: 10_000 }
		)
		.toBeTruthy();
	return link!;
}

async function phonePage(browser: Browser, baseURL: string, javaScriptEnabled: boolean): Promise<Page> {
	const context = await browser.newContext({ baseURL, javaScriptEnabled, viewport: PHONE });
	return context.newPage();
}

let initiative = { name: '', slug: '' };
const coordinator = newPerson('Coördinator');

test.beforeAll(async ({ browser, baseURL }) => {
	test.setTimeout(120_000);
	// One published initiative for both runs: its coordinator starts it, the admin approves it.
	const page = await (await browser.newContext({ baseURL })).newPage();
	await signUp(page, coordinator);
	await confirmAddress(page, coordinator);
	initiative = { name: `Herstelcafé Overdracht ${Date.now() % 100_000}`, slug: '' };
	initiative.slug = await startInitiative(page, initiative.name);
	const admin = await (await browser.newContext({ baseURL })).newPage();
	await signIn(admin, { email: process.env.E2E_ADMIN_EMAIL!, password: process.env.E2E_ADMIN_PASSWORD! });
	await admin.goto('/beheer');
	await admin.getByRole('button', { name: `Goedkeuren: ${initiative.name}` }).click();
	await expect(admin.getByRole('status')).toBeVisible();
});

for (const javaScriptEnabled of JOURNEY_SCRIPTING) {
	test.describe(`warme overdracht (${javaScriptEnabled ? 'with' : 'without'} JavaScript)`, () => {
		test.use({ javaScriptEnabled, viewport: PHONE });

		test('a huisarts passes someone on and confirms by mail; a coordinator takes it and records "doet mee"; the huisarts sees the step; a person asks directly', async ({ page, browser, baseURL }) => {
			test.slow();
			const run = javaScriptEnabled ? 'js' : 'zonder';
			const huisarts = `huisarts-${run}-${Date.now()}@praktijk.test`;
			const person = `Sanne ${run}`;

			// The huisarts finds the initiative near Zwolle and opens its form.
			await page.goto('/doorverwijzen');
			await expectAccessible(page);
			await page.getByLabel('Plaats', { exact: true }).fill('Zwolle');
			await page.getByRole('button', { name: 'Zoeken' }).click();
			await page.getByRole('link', { name: `Doorverwijzen naar ${initiative.name}` }).click();
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Iemand doorverwijzen naar ${initiative.name}`);
			await expectAccessible(page);

			// Forgetting the consent: a clear message, and nothing typed is lost.
			await page.getByLabel('Je naam').fill('Dokter Vos');
			await page.getByLabel('Huisartsenpraktijk').check();
			await page.getByLabel('Je werkmail').fill(huisarts);
			await page.getByLabel('Voornaam, of hoe de persoon genoemd wil worden').fill(person);
			await page.getByLabel('Bellen', { exact: true }).check();
			await page.getByLabel('Telefoonnummer (bij bellen)').fill('06 12345678');
			await page.getByLabel('Wat zoekt de persoon?').fill('Zoekt mensen om mee te wandelen.');
			await page.getByRole('button', { name: 'Doorverwijzing versturen' }).click();
			await expect(page.getByRole('alert')).toContainText('Vink aan dat de persoon het goed vindt.');
			await expect(page.getByLabel('Voornaam, of hoe de persoon genoemd wil worden')).toHaveValue(person);
			await expect(page.getByLabel('Wat zoekt de persoon?')).toHaveValue('Zoekt mensen om mee te wandelen.');
			await expect(page.getByLabel('Huisartsenpraktijk')).toBeChecked();
			await expectAccessible(page);
			await expectNoSideways(page);
			await page.getByLabel(/De persoon vindt het goed dat ik haar of hem doorverwijs/).check();
			await page.getByLabel(/De persoon vindt het goed dat ik zie hoe het gaat/).check();
			await page.getByRole('button', { name: 'Doorverwijzing versturen' }).click();
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kijk in je mail');
			await expectAccessible(page);

			// The mail holds the link, never the person; the link confirms with a button.
			const link = await handoverLink(huisarts);
			const mail = (await readOutbox(process.env.E2E_DATA_DIR!)).filter((m) => m.to.includes(huisarts)).at(-1)!;
			expect(mail.text).not.toContain(person);
			await page.goto(link);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bevestig je doorverwijzing');
			await expectAccessible(page);
			await page.getByRole('button', { name: 'Ja, bevestigen' }).click();
			await expect(page.getByRole('status')).toContainText('Bevestigd.');
			await expect(page.getByText('Aangekomen')).toBeVisible();
			await expectAccessible(page);

			// The coordinator gets a mail without the person, and finds the handover from the initiative's page.
			await expect
				.poll(async () => (await readOutbox(process.env.E2E_DATA_DIR!)).filter((m) => m.to.includes(coordinator.email) && m.subject.startsWith('Nieuwe doorverwijzing') && !m.text.includes(person)).length, { timeout: 20_000 })
				.toBeGreaterThan(0);
			const coordinatorPage = await phonePage(browser, baseURL!, javaScriptEnabled);
			await signIn(coordinatorPage, coordinator);
			await coordinatorPage.goto(`/initiatieven/${initiative.slug}`);
			await coordinatorPage.getByRole('link', { name: 'Doorverwijzingen bekijken' }).click();
			await expectAccessible(coordinatorPage);
			await coordinatorPage.getByRole('link', { name: person }).click();
			await expect(coordinatorPage.getByText('06 12345678')).toBeVisible();
			await expect(coordinatorPage.getByText('Zoekt mensen om mee te wandelen.')).toBeVisible();
			await expectAccessible(coordinatorPage);
			await coordinatorPage.getByRole('button', { name: 'Ik neem contact op' }).click();
			await expect(coordinatorPage.getByRole('status')).toHaveText('Opgeslagen.');
			await coordinatorPage.getByLabel('Doet mee').check();
			await coordinatorPage.getByRole('button', { name: 'Stap opslaan' }).click();
			await expect(coordinatorPage.getByRole('status')).toHaveText('Opgeslagen.');
			await expect(coordinatorPage.getByRole('listitem').filter({ hasText: 'Doet mee —' })).toBeVisible();
			await expectAccessible(coordinatorPage);
			await expectNoSideways(coordinatorPage);

			// The huisarts sees the step, and nothing more.
			await page.goto(link);
			await expect(page.locator('.step')).toHaveText('Doet mee');
			await expect(page.getByText('06 12345678')).toHaveCount(0);
			await expect(page.getByText(person)).toHaveCount(0);

			// A wrong link is a plain Dutch 404.
			const wrong = await page.goto('/doorverwijzing/' + 'x'.repeat(43));
			expect(wrong?.status()).toBe(404);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('Deze link werkt niet');
			await expectAccessible(page);

			// A person asks directly, and lands in the same queue.
			const zelf = `zelf-${run}-${Date.now()}@thuis.test`;
			await page.goto(`/initiatieven/${initiative.slug}`);
			await page.getByRole('link', { name: 'Ik wil graag dat iemand contact met mij opneemt' }).click();
			await expectAccessible(page);
			await page.getByLabel('Je naam, of hoe je genoemd wilt worden').fill(`Kees ${run}`);
			await page.getByLabel('Je e-mailadres').fill(zelf);
			await page.getByLabel('Mail me').check();
			await page.getByRole('button', { name: 'Versturen' }).click();
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kijk in je mail');
			await page.goto(await handoverLink(zelf));
			await page.getByRole('button', { name: 'Ja, bevestigen' }).click();
			await expect(page.getByRole('status')).toContainText('Bevestigd.');
			await coordinatorPage.goto(`/initiatieven/${initiative.slug}/doorverwijzingen`);
			await expect(coordinatorPage.getByRole('link', { name: `Kees ${run}` })).toBeVisible();

			// Without an account the queue asks to sign in first (who may see it: access/handover.test.ts).
			await page.goto(`/initiatieven/${initiative.slug}/doorverwijzingen`);
			await expect(page).toHaveURL(/\/inloggen\?naar=/);
			await expect(page.getByText(`Kees ${run}`)).toHaveCount(0);
		});
	});
}
