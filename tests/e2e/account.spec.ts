import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, expectAccessible, test } from './fixtures.ts';

const PASSWORD = 'mijn veilige wachtzin';
const uniqueEmail = (name: string) => `${name}-${randomBytes(4).toString('hex')}@voorbeeld.nl`;

/** Sign up in the browser, as a newcomer does. */
async function signUp(page: Page, name: string, email: string): Promise<void> {
	await page.goto('/aanmelden');
	await page.getByLabel('Naam die anderen zien').fill(name);
	await page.getByLabel('E-mailadres').fill(email);
	await page.getByLabel('Wachtwoord').fill(PASSWORD);
	await page.getByRole('button', { name: 'Account maken' }).click();
	await expect(page).toHaveURL(/\/$/);
}

/** The text of the newest e-mail in the outbox sent to `to` (quoted-printable decoded). */
async function lastMailTo(to: string): Promise<string> {
	const dir = path.join(process.env.E2E_DATA_DIR!, 'outbox');
	const files = (await readdir(dir)).sort().reverse();
	for (const file of files) {
		const raw = await readFile(path.join(dir, file), 'utf8');
		if (!raw.includes(`To: ${to}`)) continue;
		return Buffer.from(raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => `%${hex}`), 'utf8')
			.toString()
			.replace(/(%[0-9A-F]{2})+/g, (s) => decodeURIComponent(s));
	}
	throw new Error(`no mail to ${to}`);
}

test.describe('my account', () => {
	test('a member changes their name, downloads their data, changes e-mail and password, and deletes the account', async ({ page }) => {
		test.setTimeout(120_000);
		const email = uniqueEmail('sanne');
		await signUp(page, 'Sanne', email);

		await page.getByRole('link', { name: 'Mijn pagina' }).click();
		await page.getByRole('link', { name: 'Mijn account en instellingen' }).click();
		await expect(page).toHaveURL(/\/account$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mijn account');
		await expect(page.getByText(`Je logt in met ${email}.`)).toBeVisible();
		await expect(page.getByText('Je bent nog geen lid van een initiatief.')).toBeVisible();
		await expectAccessible(page);

		// Name: an empty name is refused next to the field, then a pseudonym is saved.
		await page.getByLabel('Naam die anderen zien').fill('');
		await page.getByRole('button', { name: 'Naam opslaan' }).click();
		await expect(page.locator('#veld-name-error')).toHaveText(/Vul een naam in/);
		await expectAccessible(page);
		await page.getByLabel('Naam die anderen zien').fill('Zonnetje');
		await page.getByRole('button', { name: 'Naam opslaan' }).click();
		await expect(page.getByRole('status')).toHaveText('Je naam is opgeslagen.');
		await page.reload();
		await expect(page.getByLabel('Naam die anderen zien')).toHaveValue('Zonnetje');

		// Export: a JSON file with my data and no secrets.
		const downloading = page.waitForEvent('download');
		await page.getByRole('link', { name: 'Mijn gegevens downloaden (JSON)' }).click();
		const download = await downloading;
		expect(download.suggestedFilename()).toMatch(/^herstelplein-mijn-gegevens-\d{4}-\d{2}-\d{2}\.json$/);
		const exported = JSON.parse(await readFile((await download.path())!, 'utf8'));
		expect(exported.parts.account).toMatchObject({ name: 'Zonnetje', email, locale: 'nl' });
		expect(exported.parts.memberships).toEqual([]);
		expect(exported.parts.sessions.length).toBeGreaterThanOrEqual(1);
		expect(exported.parts.sessions[0].userAgent).toContain('Chrome');
		expect(JSON.stringify(exported)).not.toMatch(/argon2|"token"|"password"/);

		// E-mail: nothing changes until the link in the mail to the new address is used.
		const newEmail = uniqueEmail('zonnetje');
		await page.getByRole('link', { name: 'E-mailadres veranderen' }).click();
		await expectAccessible(page);
		await page.getByLabel('Nieuw e-mailadres').fill(newEmail);
		await page.getByLabel('Je huidige wachtwoord').fill('fout');
		await page.getByRole('button', { name: 'Stuur de link' }).click();
		await expect(page.locator('#veld-currentPassword-error')).toHaveText('Dit is niet je huidige wachtwoord. Probeer het nog eens.');
		await expect(page.getByLabel('Nieuw e-mailadres')).toHaveValue(newEmail);
		await expect(page.getByLabel('Je huidige wachtwoord')).toHaveValue('');
		await expectAccessible(page);
		await page.getByLabel('Je huidige wachtwoord').fill(PASSWORD);
		await page.getByRole('button', { name: 'Stuur de link' }).click();
		await expect(page.getByRole('status')).toContainText(`We hebben een e-mail gestuurd naar ${newEmail}`);
		await page.goto('/account');
		await expect(page.getByText(`Je logt in met ${email}.`)).toBeVisible();

		const link = /(http\S+\/account\/e-mail\/bevestigen\?token=\S+)/.exec(await lastMailTo(newEmail))![1];
		await page.goto(new URL(link).pathname + new URL(link).search);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nieuw e-mailadres bevestigen');
		await expectAccessible(page);
		await page.getByRole('button', { name: 'Ja, dit is mijn nieuwe e-mailadres' }).click();
		await expect(page.getByRole('status')).toContainText(`Je e-mailadres is nu ${newEmail}`);
		expect(await lastMailTo(email)).toContain(newEmail);
		// The same link a second time: a calm message, not an error page.
		const again = await page.goto(new URL(link).pathname + new URL(link).search);
		expect(again?.status()).toBe(200);
		await expect(page.getByText(/Deze link werkt niet meer/)).toBeVisible();
		await expectAccessible(page);

		// Password.
		await page.goto('/account/wachtwoord');
		await expectAccessible(page);
		await page.getByLabel('Je huidige wachtwoord').fill(PASSWORD);
		await page.getByLabel('Nieuw wachtwoord').fill('kort');
		await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
		await expect(page.locator('#veld-newPassword-error')).toHaveText('Kies een wachtwoord van minstens 8 tekens.');
		await page.getByLabel('Je huidige wachtwoord').fill(PASSWORD);
		await page.getByLabel('Nieuw wachtwoord').fill('een nieuwe wachtzin');
		await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
		await expect(page.getByRole('status')).toContainText('Je wachtwoord is veranderd.');

		// Delete: explained first, then a tick and the password.
		await page.goto('/account');
		await page.getByRole('link', { name: 'Mijn account verwijderen' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Account verwijderen');
		await expect(page.getByText('Je bent geen lid meer van je initiatieven.')).toBeVisible();
		await expectAccessible(page);
		await page.getByLabel('Je huidige wachtwoord').fill('een nieuwe wachtzin');
		await page.getByRole('button', { name: 'Mijn account verwijderen' }).click();
		await expect(page.locator('#veld-understood-error')).toHaveText(/Zet een vinkje/);
		await expectAccessible(page);
		await page.getByLabel('Ik weet dat mijn account weg is en niet terug kan komen.').check();
		await page.getByLabel('Je huidige wachtwoord').fill('een nieuwe wachtzin');
		await page.getByRole('button', { name: 'Mijn account verwijderen' }).click();
		await expect(page).toHaveURL(/\/account\/verwijderd$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Je account is verwijderd');
		await expect(page.getByRole('link', { name: 'Inloggen' })).toBeVisible();
		await expectAccessible(page);

		// Really gone: signing in with it fails.
		await page.goto('/inloggen');
		await page.locator('#veld-email').fill(newEmail);
		await page.locator('#veld-password').fill('een nieuwe wachtzin');
		await page.getByRole('button', { name: 'Inloggen' }).click();
		await expect(page.getByRole('alert')).toContainText('horen niet bij elkaar');
	});

	test('the account pages ask to sign in first', async ({ page }) => {
		for (const path of ['/account', '/account/e-mail', '/account/wachtwoord', '/account/verwijderen', '/account/aanmeldingen', '/account/agenda']) {
			await page.goto(path);
			await expect(page, path).toHaveURL(`/inloggen?naar=${encodeURIComponent(path)}`);
		}
		// The export sends people back to the account page, where the download link is.
		await page.goto('/account/export');
		await expect(page).toHaveURL('/inloggen?naar=%2Faccount');
		const forged = await page.goto('/account/e-mail/bevestigen?token=verzonnen');
		expect(forged?.status()).toBe(200);
		await expect(page.getByText(/Deze link werkt niet meer/)).toBeVisible();
		await expectAccessible(page);
	});

	test('choosing English shows the account page in English', async ({ page }) => {
		await signUp(page, 'Robin', uniqueEmail('robin'));
		await page.goto('/account');
		await page.getByRole('radio', { name: 'English' }).check();
		await page.getByRole('button', { name: 'Taal opslaan' }).click();
		await expect(page).toHaveURL(/\/en\/account\?taal-opgeslagen$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('My account');
		await expect(page.getByRole('status')).toHaveText('Your language has been saved.');
		await expect(page.getByRole('radio', { name: 'English' })).toBeChecked();
		await expectAccessible(page);
	});
});

test.describe('my account without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('change the name, download the data and delete the account with plain forms', async ({ page, request }) => {
		test.setTimeout(90_000);
		const email = uniqueEmail('noor');
		await signUp(page, 'Noor', email);
		await page.goto('/account');
		await expectAccessible(page);

		const refused = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/account?/naam'));
		await page.getByLabel('Naam die anderen zien').fill('   ');
		await page.getByRole('button', { name: 'Naam opslaan' }).click();
		expect((await refused).status()).toBe(400);
		await expect(page.getByRole('alert')).toContainText('Vul een naam in');
		await page.getByLabel('Naam die anderen zien').fill('Noortje');
		await page.getByRole('button', { name: 'Naam opslaan' }).click();
		await expect(page.getByRole('status')).toHaveText('Je naam is opgeslagen.');

		const response = await page.context().request.get('/account/export');
		expect(response.status()).toBe(200);
		expect(response.headers()['content-disposition']).toMatch(/^attachment; filename="herstelplein-mijn-gegevens-/);
		expect((await response.json()).parts.account).toMatchObject({ name: 'Noortje', email });
		// Someone else's browser gets nothing.
		const stranger = await request.get('/account/export', { maxRedirects: 0 });
		expect(stranger.status()).toBe(303);

		await page.goto('/account/verwijderen');
		const wrong = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/account/verwijderen'));
		await page.getByLabel('Ik weet dat mijn account weg is en niet terug kan komen.').check();
		await page.getByLabel('Je huidige wachtwoord').fill('niet mijn wachtwoord');
		await page.getByRole('button', { name: 'Mijn account verwijderen' }).click();
		expect((await wrong).status()).toBe(400);
		await expect(page.locator('#veld-currentPassword-error')).toHaveText('Dit is niet je huidige wachtwoord. Probeer het nog eens.');
		await expectAccessible(page);

		await page.getByLabel('Ik weet dat mijn account weg is en niet terug kan komen.').check();
		await page.getByLabel('Je huidige wachtwoord').fill(PASSWORD);
		await page.getByRole('button', { name: 'Mijn account verwijderen' }).click();
		await expect(page).toHaveURL(/\/account\/verwijderd$/);
		await expect(page.getByRole('status')).toContainText('Je account en je gegevens zijn weg');
		await expectAccessible(page);
		await page.goto('/account');
		await expect(page).toHaveURL(/\/inloggen\?naar=%2Faccount$/);
	});

	test('sign out everywhere', async ({ page, browser }) => {
		await signUp(page, 'Wim', uniqueEmail('wim'));
		await page.goto('/account');
		await expectAccessible(page);
		await page.getByRole('button', { name: 'Overal uitloggen' }).click();
		await expect(page).toHaveURL(/\/uitloggen$/);
		await expect(page.getByRole('status')).toHaveText('Je bent uitgelogd. Tot ziens!');
		await page.goto('/account');
		await expect(page).toHaveURL(/\/inloggen/);
	});
});

test.describe('my account on a small phone', () => {
	test.use({ viewport: { width: 360, height: 740 } });

	test('no page needs sideways scrolling', async ({ page }) => {
		test.setTimeout(90_000);
		await signUp(page, 'Een heel lange schuilnaam zonder spaties', uniqueEmail('een-heel-lang-emailadres-voor-de-test'));
		for (const path of ['/account', '/account/e-mail', '/account/wachtwoord', '/account/verwijderen', '/account/aanmeldingen', '/en/account/aanmeldingen', '/en/account']) {
			await page.goto(path);
			const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
			expect(overflow, `horizontal overflow on ${path}`).toBeLessThanOrEqual(0);
			await expectAccessible(page);
		}
	});
});
