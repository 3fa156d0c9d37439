import { expect, expectAccessible, JOURNEY_SCRIPTING, test } from './fixtures.ts';
import { fillSignUp, newPerson, signUp, startInitiative } from './helpers.ts';
import { linkFromOutbox, mailFor } from './outbox.ts';

/*
 * Safety around accounts: the sign-up form does not tell who has an account,
 * wrong passwords lock nobody out everywhere, and an address is confirmed
 * from the welcome mail before someone starts an initiative or mails invitations.
 */

for (const javaScriptEnabled of JOURNEY_SCRIPTING) {
	test.describe(`accounts and safety (${javaScriptEnabled ? 'with' : 'without'} JavaScript)`, () => {
		test.use({ javaScriptEnabled });

		test('signing up with an address that has an account answers as for a new one, and mails its owner', async ({ browser, baseURL }) => {
			const owner = newPerson('Eigenaar');
			const first = await browser.newContext({ baseURL, javaScriptEnabled });
			await signUp(await first.newPage(), owner);
			await first.close();

			const context = await browser.newContext({ baseURL, javaScriptEnabled });
			const page = await context.newPage();
			await page.goto('/aanmelden');
			await fillSignUp(page, { ...owner, name: 'Iemand anders', password: 'een ander wachtwoord' });
			await page.getByRole('button', { name: 'Account maken' }).click();
			// The same place as after a new account; no word about the address.
			await expect(page).toHaveURL(/\/$/);
			await expect(page.locator('body')).not.toContainText('Er is al een account');
			await expect(page.getByRole('alert')).toHaveCount(0);
			const mail = await mailFor(owner.email, 'Iemand wilde een account maken met jouw e-mailadres');
			expect(mail.text).toContain('/wachtwoord-vergeten');
			await context.close();
		});

		test('a newcomer confirms the address from the welcome mail before starting an initiative', async ({ browser, baseURL }) => {
			const context = await browser.newContext({ baseURL, javaScriptEnabled });
			const page = await context.newPage();
			const person = newPerson('Starter');
			await signUp(page, person);

			// Starting an initiative says what to do first, and sends the link again.
			await page.goto('/initiatieven/nieuw');
			await expect(page.getByText('Bevestig eerst je e-mailadres. Dan kun je een initiatief beginnen.')).toBeVisible();
			await expectAccessible(page);
			await page.getByRole('button', { name: 'Stuur de link opnieuw' }).click();
			await expect(page.getByText('We hebben je een nieuwe link gestuurd.')).toBeVisible();
			await expect(page.getByText('Je e-mailadres is nog niet bevestigd.')).toBeVisible();
			await expectAccessible(page);

			// The form refuses too, with the reason, and keeps what was typed.
			await page.goto('/initiatieven/nieuw');
			await page.getByLabel('Naam van het initiatief').fill('Nog niet bevestigd');
			await page.getByLabel('Plaats').fill('Zwolle');
			await page.getByRole('button', { name: 'Initiatief aanmelden' }).click();
			await expect(page.getByRole('alert')).toContainText('Bevestig eerst je e-mailadres');
			await expect(page.getByLabel('Naam van het initiatief')).toHaveValue('Nog niet bevestigd');

			// The link opened in another browser asks to sign in first, then confirms.
			const link = await linkFromOutbox(process.env.E2E_DATA_DIR!, person.email, '/e-mail-bevestigen');
			const phone = await browser.newContext({ baseURL, javaScriptEnabled });
			const other = await phone.newPage();
			await other.goto(link);
			await expect(other.getByText('Log eerst in.')).toBeVisible();
			await expectAccessible(other);
			await other.getByRole('link', { name: 'Inloggen en bevestigen' }).click();
			const withPassword = other.getByRole('region', { name: 'Met je wachtwoord' });
			await withPassword.getByLabel('E-mailadres').fill(person.email);
			await withPassword.getByLabel('Wachtwoord').fill(person.password);
			await withPassword.getByRole('button', { name: 'Inloggen' }).click();
			await expect(other.getByText('Dank je! Je e-mailadres is bevestigd.')).toBeVisible();
			await phone.close();

			await page.goto('/account');
			await expect(page.getByText('Je e-mailadres is bevestigd.')).toBeVisible();
			const slug = await startInitiative(page, `Bevestigd ${javaScriptEnabled ? 'JS' : 'zonder JS'}`);

			// Waiting for approval: invitations by mail wait too, and the page says why.
			await page.goto(`/initiatieven/${slug}/uitnodigen`);
			await expect(page.getByText('Uitnodigen per e-mail kan zodra de vereniging je initiatief heeft goedgekeurd.')).toBeVisible();
			await expect(page.getByLabel('E-mailadressen', { exact: false })).toHaveCount(0);
			await expectAccessible(page);
			await context.close();
		});
	});
}

test('wrong passwords lock that account out from this address only, and say what to do', async ({ browser, baseURL }) => {
	// Without JavaScript, so each form post is a real request with its own status.
	const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
	const page = await context.newPage();
	const person = newPerson('Gokker');
	await signUp(page, person);
	await context.clearCookies();
	const attempt = async (password: string) => {
		await page.goto('/inloggen');
		const withPassword = page.getByRole('region', { name: 'Met je wachtwoord' });
		await withPassword.getByLabel('E-mailadres').fill(person.email);
		await withPassword.getByLabel('Wachtwoord').fill(password);
		const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), withPassword.getByRole('button', { name: 'Inloggen' }).click()]);
		return response.status();
	};
	for (let i = 0; i < 8; i++) expect(await attempt(`fout ${i}`)).toBe(400);
	expect(await attempt(person.password)).toBe(429);
	await expect(page.getByRole('alert')).toContainText('Je hebt te vaak een verkeerd wachtwoord getypt. Wacht een kwartier');
	await expect(page.getByRole('alert')).toContainText('log hieronder in met een link per e-mail');
	await expectAccessible(page);
	// The sign-in link still works for the owner.
	await page.getByRole('region', { name: 'Inloggen zonder wachtwoord' }).getByLabel('E-mailadres').fill(person.email);
	await page.getByRole('button', { name: 'Stuur mij een link' }).click();
	await expect(page.getByText('Als er een account is met dit e-mailadres')).toBeVisible();
	await context.close();
});
