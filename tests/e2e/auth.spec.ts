import type { Page } from '@playwright/test';
import { expect, expectAccessible, JOURNEY_SCRIPTING, test } from './fixtures.ts';
import { linkFromOutbox, readOutbox } from './outbox.ts';

/*
 * A newcomer makes an account, signs out and in with a password, signs in with
 * a link from the e-mail, and chooses a new password — with JavaScript and
 * without. Mail is read from the outbox folder (no SMTP server in tests).
 */

const PASSWORD = 'een lange zin als wachtwoord';
const NEW_PASSWORD = 'mijn nieuwe wachtwoord';

const header = (page: Page) => page.getByRole('navigation', { name: /./ }).first();

async function expectSignedIn(page: Page) {
	await expect(page.getByRole('link', { name: 'Mijn pagina' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Inloggen', exact: true })).toHaveCount(0);
}

async function expectSignedOut(page: Page) {
	await expect(page.getByRole('link', { name: 'Inloggen', exact: true })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Mijn pagina' })).toHaveCount(0);
}

async function signOut(page: Page) {
	// Signing out lives on the start page, one tap from every page.
	await header(page).getByRole('link', { name: 'Mijn pagina' }).click();
	await page.getByRole('button', { name: 'Uitloggen' }).click();
	await expect(page).toHaveURL(/\/uitloggen$/);
	await expect(page.getByRole('status')).toHaveText('Je bent uitgelogd. Tot ziens!');
	await expectSignedOut(page);
	await expectAccessible(page);
}

async function signInWithPassword(page: Page, email: string, password: string) {
	await page.goto('/');
	await page.getByRole('link', { name: 'Inloggen', exact: true }).click();
	await expect(page).toHaveURL(/\/inloggen$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Inloggen');
	await expectAccessible(page);
	const withPassword = page.getByRole('region', { name: 'Met je wachtwoord' });
	await withPassword.getByLabel('E-mailadres').fill(email);
	await withPassword.getByLabel('Wachtwoord').fill(password);
	await withPassword.getByRole('button', { name: 'Inloggen' }).click();
}

for (const javaScriptEnabled of JOURNEY_SCRIPTING) {
	test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
		test.use({ javaScriptEnabled });
		// Long journeys: axe runs on every page on the way.
		test.describe.configure({ timeout: 300_000 });
		const email = `nieuwkomer-${javaScriptEnabled ? 'js' : 'geen-js'}@voorbeeld.nl`;

		test('a newcomer makes an account, signs out, and signs in with a password and with a link', async ({ page }) => {
			const dataDir = process.env.E2E_DATA_DIR!;

			await page.goto('/');
			await page.getByRole('link', { name: 'Inloggen', exact: true }).click();
			await page.getByRole('link', { name: 'Maak een account' }).click();
			await expect(page).toHaveURL(/\/aanmelden$/);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('Account maken');
			await expectAccessible(page);

			// A mistake first: the form says what to fix and keeps what was typed.
			await page.getByLabel('Naam die anderen zien').fill('Sam');
			await page.getByLabel('E-mailadres').fill(email);
			await page.getByLabel('Wachtwoord').fill('kort');
			await page.getByRole('button', { name: 'Account maken' }).click();
			await expect(page.getByRole('alert')).toContainText('Kies een wachtwoord van minstens 8 tekens.');
			await expect(page.getByLabel('E-mailadres')).toHaveValue(email);
			await expect(page.getByLabel('Naam die anderen zien')).toHaveValue('Sam');
			await expectAccessible(page);

			await page.getByLabel('Wachtwoord').fill(PASSWORD);
			await page.getByRole('button', { name: 'Account maken' }).click();
			await expect(page).toHaveURL(/\/$/);
			await expectSignedIn(page);
			await expectAccessible(page);

			await signOut(page);

			// A wrong password: the same calm message as for an unknown address.
			await signInWithPassword(page, email, 'niet mijn wachtwoord');
			await expect(page.getByRole('alert')).toContainText('Dit e-mailadres en wachtwoord horen niet bij elkaar.');
			await expect(page.getByRole('region', { name: 'Met je wachtwoord' }).getByLabel('E-mailadres')).toHaveValue(email);
			await expectAccessible(page);

			await signInWithPassword(page, email, PASSWORD);
			await expect(page).toHaveURL(/\/$/);
			await expectSignedIn(page);
			await signOut(page);

			// Sign in with a link from the e-mail.
			const mailsBefore = (await readOutbox(dataDir)).length;
			await page.goto('/inloggen');
			const withLink = page.getByRole('region', { name: 'Inloggen zonder wachtwoord' });
			await withLink.getByLabel('E-mailadres').fill(email);
			await withLink.getByRole('button', { name: 'Stuur mij een link' }).click();
			await expect(page.getByRole('status')).toContainText('Als er een account is met dit e-mailadres');
			await expectAccessible(page);

			const link = await linkFromOutbox(dataDir, email, '/inloggen/link', mailsBefore);
			await page.goto(link);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('Inloggen met je link');
			await expectAccessible(page);
			await page.getByRole('button', { name: 'Inloggen' }).last().click();
			// The address was not confirmed yet, so the link removed the unproven password: the person lands
			// where it says so and chooses a new one without the old.
			await expect(page).toHaveURL(/\/account\/wachtwoord$/);
			await expect(page.getByRole('status')).toContainText('Je hebt op dit moment geen wachtwoord.');
			await expectAccessible(page);
			await page.getByLabel('Nieuw wachtwoord').fill('een nieuwe lange zin');
			await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
			await expect(page.getByRole('status')).toContainText('Je wachtwoord is veranderd.');
			await signOut(page);
			await signInWithPassword(page, email, 'een nieuwe lange zin');
			await expect(page).toHaveURL(/\/$/);
			await expectSignedIn(page);
			await signOut(page);

			// The link works once.
			await page.goto(link);
			await page.getByRole('button', { name: 'Inloggen' }).last().click();
			await expect(page).toHaveURL(/\/inloggen\?link-ongeldig$/);
			await expect(page.getByRole('status')).toContainText('Deze link werkt niet meer');
			await expectSignedOut(page);
			await expectAccessible(page);
		});

		test('someone who forgot their password chooses a new one', async ({ page }) => {
			const dataDir = process.env.E2E_DATA_DIR!;
			await page.goto('/inloggen');
			await page.getByRole('link', { name: 'Wachtwoord vergeten?' }).click();
			await expect(page).toHaveURL(/\/wachtwoord-vergeten$/);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('Wachtwoord vergeten');
			await expectAccessible(page);

			const mailsBefore = (await readOutbox(dataDir)).length;
			await page.getByLabel('E-mailadres').fill(email);
			await page.getByRole('button', { name: 'Stuur mij een link' }).click();
			await expect(page.getByRole('status')).toContainText('Als er een account is met dit e-mailadres');
			await expectAccessible(page);

			const link = await linkFromOutbox(dataDir, email, '/wachtwoord-herstellen', mailsBefore);
			await page.goto(link);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nieuw wachtwoord kiezen');
			await expectAccessible(page);
			await page.getByLabel('Nieuw wachtwoord').fill(NEW_PASSWORD);
			await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
			await expect(page.getByRole('status')).toHaveText('Je wachtwoord is veranderd. Je kunt nu inloggen met je nieuwe wachtwoord.');
			await expectAccessible(page);

			// The link works once.
			await page.goto(link);
			await page.getByLabel('Nieuw wachtwoord').fill('nog een ander wachtwoord');
			await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
			await expect(page.getByRole('alert')).toContainText('Deze link werkt niet meer');
			await expect(page.getByRole('link', { name: 'Stuur mij een link' })).toBeVisible();
			await expectAccessible(page);

			await signInWithPassword(page, email, PASSWORD);
			await expect(page.getByRole('alert')).toContainText('Dit e-mailadres en wachtwoord horen niet bij elkaar.');
			await signInWithPassword(page, email, NEW_PASSWORD);
			await expect(page).toHaveURL(/\/$/);
			await expectSignedIn(page);
			await signOut(page);
		});
	});
}

test('an English speaker gets the sign-in pages in English', async ({ page }) => {
	test.setTimeout(120_000);
	for (const path of ['/en/inloggen', '/en/aanmelden', '/en/wachtwoord-vergeten', '/en/wachtwoord-herstellen?token=x', '/en/inloggen/link?token=x']) {
		await page.goto(path);
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await expectAccessible(page);
	}
});
