import type { Page } from '@playwright/test';
import { expect, expectAccessible, test } from './fixtures.ts';
import { newPerson, signIn, signUp } from './helpers.ts';

/** On the 360 px phone nothing may need sideways scrolling. */
async function expectNoSideways(page: Page) {
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	expect(overflow, `horizontal overflow on ${page.url()}`).toBeLessThanOrEqual(0);
}

const phone = { width: 360, height: 740 };

// The expert and the admin work without JavaScript, the visitor and the pool coordinator with it; expert and visitor on a 360 px phone.
test('a member publishes an expert profile under a professional name; a visitor finds it by theme and region without contact details; a pool coordinator reads "hier praat ik niet over"; she takes it offline and it is gone', async ({ browser, baseURL }) => {
	test.slow();
	const expert = newPerson('Fenna Hoekstra');
	const page = await (await browser.newContext({ baseURL, javaScriptEnabled: false, viewport: phone })).newPage();
	await signUp(page, expert);
	const visitor = await (await browser.newContext({ baseURL, javaScriptEnabled: true, viewport: phone })).newPage();
	const coordinator = newPerson('Pim Pool');
	const pool = await (await browser.newContext({ baseURL, javaScriptEnabled: true })).newPage();
	await signUp(pool, coordinator);
	const admin = await (await browser.newContext({ baseURL, javaScriptEnabled: false })).newPage();
	await signIn(admin, { email: process.env.E2E_ADMIN_EMAIL!, password: process.env.E2E_ADMIN_PASSWORD! });

	// She opens her profile from her account; publishing an empty profile names what is missing.
	await page.goto('/account');
	await page.getByRole('link', { name: 'Mijn profiel als ervaringsdeskundige' }).click();
	await expect(page.getByText('Je profiel is niet gepubliceerd. Alleen jij ziet het.')).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Bewaren en publiceren' }).click();
	await expect(page.getByRole('alert')).toContainText('Kies minstens één soort werk om te publiceren.');
	await expect(page.getByRole('alert')).toContainText('Schrijf iets over jezelf om te publiceren.');
	await expectAccessible(page);

	// A phone number in her introduction is refused; what she typed stays.
	await page.getByLabel('Een beroepsnaam (schuilnaam)').check();
	await page.getByRole('textbox', { name: 'Beroepsnaam' }).fill('Wadvogel');
	await page.getByLabel('Trauma').check();
	await page.getByLabel('Herstel', { exact: true }).check();
	await page.getByLabel('Gastles').check();
	await page.getByLabel('Fryslân').check();
	await page.getByLabel('Ik werk ook online').check();
	await page.getByLabel('Over mij, in mijn eigen woorden').fill('Ik vertel over herstel dat niet in een rechte lijn gaat. Bel me op 06-12345678.');
	await page.getByLabel('Hier praat ik niet over').fill('Mijn jeugd in Harlingen');
	await page.getByRole('button', { name: 'Bewaren en publiceren' }).click();
	await expect(page.getByRole('alert')).toContainText('Zet hier geen e-mailadres of telefoonnummer.');
	await expect(page.getByRole('textbox', { name: 'Beroepsnaam' })).toHaveValue('Wadvogel');
	await expect(page.getByLabel('Trauma')).toBeChecked();
	await expect(page.getByLabel('Hier praat ik niet over')).toHaveValue('Mijn jeugd in Harlingen');
	await page.getByLabel('Over mij, in mijn eigen woorden').fill('Ik vertel over herstel dat niet in een rechte lijn gaat.\n\nRustig en eerlijk.');
	await page.getByRole('button', { name: 'Bewaren en publiceren' }).click();
	await expect(page.getByRole('status')).toHaveText('Je profiel is gepubliceerd.');
	await expectAccessible(page);
	await expectNoSideways(page);

	// A visitor finds her by theme and region: the results come first, and her page has no contact details.
	await visitor.goto('/');
	await visitor.getByRole('link', { name: 'Expertisepool' }).click();
	await expectAccessible(visitor);
	await expectNoSideways(visitor);
	await visitor.getByLabel('Thema').selectOption({ label: 'Trauma' });
	await visitor.getByLabel('Regio').selectOption({ label: 'Fryslân' });
	await visitor.getByRole('button', { name: 'Zoeken' }).click();
	await expect(visitor).toHaveURL(/thema=trauma/);
	const result = visitor.getByRole('link', { name: 'Wadvogel' });
	await expect(result).toBeVisible();
	expect((await result.boundingBox())!.y).toBeLessThan((await visitor.getByRole('search').boundingBox())!.y);
	await expectAccessible(visitor);
	await result.click();
	await expect(visitor.getByRole('heading', { level: 1 })).toHaveText('Wadvogel');
	await expect(visitor.getByText('Organisaties kunnen hier een ervaringsdeskundige aanvragen')).toBeVisible();
	await expectAccessible(visitor);
	await expectNoSideways(visitor);
	const profilePath = new URL(visitor.url()).pathname;
	const html = await visitor.content();
	for (const secret of [expert.email, expert.name, 'Harlingen', 'Hier praat ik niet over']) expect(html).not.toContain(secret);

	// The admin makes Pim pool coordinator; he reads what she does not talk about.
	await admin.goto('/beheer');
	await admin.getByRole('link', { name: 'Poolcoördinatoren van de expertisepool' }).click();
	await expectAccessible(admin);
	await admin.getByLabel('E-mailadres van het account').fill('niemand@voorbeeld.test');
	await admin.getByRole('button', { name: 'Poolcoördinator maken' }).click();
	await expect(admin.getByRole('alert')).toContainText('Er is geen account met dit e-mailadres.');
	await admin.getByLabel('E-mailadres van het account').fill(coordinator.email);
	await admin.getByRole('button', { name: 'Poolcoördinator maken' }).click();
	await expect(admin.getByRole('status')).toHaveText('De taak is gegeven.');
	await expect(admin.getByText('Pim Pool')).toBeVisible();
	await expectAccessible(admin);
	await pool.goto('/expertisepool');
	await pool.getByRole('link', { name: 'Overzicht voor poolcoördinatoren' }).click();
	await expect(pool.getByText('Mijn jeugd in Harlingen')).toBeVisible();
	await expectAccessible(pool);
	await pool.goto(profilePath);
	await expect(pool.getByText('Mijn jeugd in Harlingen')).toBeVisible();

	// The fair pay page: the benefit warning, and a declaration to print.
	await page.goto('/expertisepool/vergoeding');
	await expect(page.getByRole('heading', { name: 'Heb je een uitkering? Kijk eerst wat dit voor jou betekent' })).toBeVisible();
	await expectAccessible(page);
	await page.getByLabel('Een honorarium').check();
	await page.getByLabel('Naam van de organisatie').fill('Hogeschool Noord');
	await page.getByLabel('Vergoeding of honorarium (€)').fill('150');
	await page.getByLabel('Reiskosten (€)').fill('twaalf');
	await page.getByRole('button', { name: 'Declaratie maken' }).click();
	await expect(page.getByRole('alert')).toContainText('Vul een bedrag in euro');
	await expect(page.getByLabel('Naam van de organisatie')).toHaveValue('Hogeschool Noord');
	await page.getByLabel('Reiskosten (€)').fill('12,40');
	await page.getByRole('button', { name: 'Declaratie maken' }).click();
	await expect(page.getByRole('row', { name: /Totaal/ })).toContainText('162,40');
	await expectAccessible(page);
	await expectNoSideways(page);

	// She takes her profile offline: gone from the search and from its address.
	await page.goto('/account/expertise');
	await page.getByRole('button', { name: 'Offline halen' }).click();
	await expect(page.getByRole('status')).toHaveText('Je profiel is offline. Niemand anders ziet het nu nog.');
	await expectAccessible(page);
	await visitor.goto('/expertisepool?thema=trauma&regio=friesland');
	await expect(visitor.getByText('Niemand gevonden met deze keuzes.')).toBeVisible();
	expect((await visitor.goto(profilePath))?.status()).toBe(404);
	await pool.goto('/expertisepool/coordinatie');
	await expect(pool.getByText('Mijn jeugd in Harlingen')).toHaveCount(0);
});
