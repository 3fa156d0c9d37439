import { expect, expectAccessible, test } from './fixtures.ts';
import type { Page } from '@playwright/test';
import { initiativeWithInviteLink, joinWithLink } from './helpers.ts';

/** On the 360 px phone nothing may need sideways scrolling. */
async function expectNoSideways(page: Page) {
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	expect(overflow, `horizontal overflow on ${page.url()}`).toBeLessThanOrEqual(0);
}

// The owner works without JavaScript on a 360 px phone; the buddy and the GP read with it.
test('a member fills two blocks and a crisis plan, prints the wallet card, moves a block and keeps a journal, without JavaScript at 360 px', async ({ browser, baseURL }) => {
	test.slow();
	const { page: buddy, link } = await initiativeWithInviteLink(browser, baseURL!, true, 'De Kroon ruimte');
	const owner = await joinWithLink(browser, baseURL!, false, link, 'Noor Ruimte');
	await owner.setViewportSize({ width: 360, height: 740 });

	// Two starter blocks and a block of her own, in her words.
	await owner.goto('/mijn-herstelruimte');
	await expect(owner.getByRole('heading', { level: 1 })).toHaveText('Mijn herstelruimte');
	await expectAccessible(owner);
	await expectNoSideways(owner);
	await owner.getByRole('button', { name: 'Wat mij helpt toevoegen' }).click();
	await owner.getByLabel('Tekst', { exact: true }).fill('Wandelen langs de rivier.\nMijn zus bellen.');
	await owner.getByRole('button', { name: 'Opslaan' }).click();
	await expect(owner.getByRole('status')).toHaveText('Opgeslagen.');
	await expectAccessible(owner);
	await owner.goto('/mijn-herstelruimte');
	await owner.getByRole('button', { name: 'Als ik het zelf niet meer kan zeggen toevoegen' }).click();
	await owner.getByLabel('Naam van het blok').fill('Mijn crisisplan');
	await owner.getByLabel('Tekst', { exact: true }).fill('Ik word stil. Geef me tijd.');
	await owner.getByLabel('Wie bellen').fill('Mijn zus Anouk');
	await owner.getByLabel('Huisdieren').fill('Poes Saar: eten in de kast');
	await owner.getByRole('button', { name: 'Opslaan' }).click();
	await expect(owner.getByRole('status')).toHaveText('Opgeslagen.');
	await expectAccessible(owner);
	await expectNoSideways(owner);
	const crisisPath = new URL(owner.url()).pathname;

	// The wallet card, dated.
	await owner.getByRole('link', { name: 'Afdrukken als kaartje voor in je portemonnee' }).click();
	await expect(owner.getByText('Poes Saar: eten in de kast')).toBeVisible();
	await expect(owner.getByText(/Gemaakt op .*\. Bijgewerkt op/)).toBeVisible();
	await expectAccessible(owner);

	await owner.goto('/mijn-herstelruimte');
	await owner.getByLabel('Naam van je blok').fill('Mijn tuin');
	await owner.getByRole('button', { name: 'Eigen blok toevoegen' }).click();
	await owner.goto('/mijn-herstelruimte');
	await owner.getByRole('button', { name: /Omhoog\s*: Mijn tuin/ }).click();
	await expect(owner.locator('.blocks h3')).toHaveText(['Wat mij helpt', 'Mijn tuin', 'Mijn crisisplan']);

	// The journal.
	await owner.getByRole('link', { name: 'Dagboek' }).click();
	await owner.getByLabel('Wat wil je opschrijven?').fill('Een goede dag aan het water.');
	await owner.getByRole('button', { name: 'Bewaren in mijn dagboek' }).click();
	await expect(owner.getByRole('status')).toHaveText('Bewaard in je dagboek.');
	await expect(owner.getByText('Een goede dag aan het water.')).toBeVisible();
	await expectAccessible(owner);
	// Sharing, export and delete-all are covered in Vitest (access/space.test.ts, tests/integration/space.test.ts); their browser steps are still to come.
	await buddy.close();
});
