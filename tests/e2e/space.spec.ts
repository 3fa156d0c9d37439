import { expect, expectAccessible, test } from './fixtures.ts';
import type { Page } from '@playwright/test';
import { initiativeWithInviteLink, joinWithLink } from './helpers.ts';

/** On the 360 px phone nothing may need sideways scrolling. */
async function expectNoSideways(page: Page) {
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	expect(overflow, `horizontal overflow on ${page.url()}`).toBeLessThanOrEqual(0);
}

// The owner works without JavaScript on a 360 px phone (one reflection with it); the buddy reads with it.
test('a member fills two blocks and a crisis plan, prints the wallet card, keeps a journal, reflects on a web, shares the crisis plan with a buddy and stops it, takes everything along and throws it away, at 360 px', async ({ browser, baseURL }) => {
	test.slow();
	const { page: buddy, link, slug } = await initiativeWithInviteLink(browser, baseURL!, true, 'De Kroon ruimte');
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

	// A line to talk about, on the conversation sheet; the blank paper version for the walk-in.
	await owner.goto(crisisPath);
	await owner.getByLabel('Poes Saar: eten in de kast').check();
	await owner.getByRole('button', { name: 'Aanvinken bewaren' }).click();
	await expect(owner.getByRole('status')).toHaveText('Bewaard. Je gespreksblad is bijgewerkt.');
	await owner.getByRole('link', { name: 'Naar mijn gespreksblad' }).click();
	await expect(owner.getByRole('listitem').filter({ hasText: 'Poes Saar: eten in de kast' })).toBeVisible();
	await expect(owner.locator('main')).not.toContainText('Mijn zus Anouk');
	await expectAccessible(owner);
	await owner.goto('/herstelruimte/op-papier');
	await expect(owner.getByRole('heading', { name: 'Als ik het zelf niet meer kan zeggen' })).toBeVisible();
	await expectAccessible(owner);
	// Blank and the same for anyone: a visitor's copy may be kept, unlike a shared block (below).
	const paper = await fetch(new URL('/herstelruimte/op-papier', baseURL));
	expect(paper.status).toBe(200);
	expect(paper.headers.get('cache-control') ?? '').not.toContain('no-store');

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

	// Reflecting: a web of CHIME's five, three moments (the last one with JavaScript), the web and its table.
	await owner.getByRole('link', { name: 'Hoe het gaat' }).click();
	await owner.getByLabel(/Herstel \(CHIME\)/).check();
	await owner.getByRole('button', { name: 'Web bewaren' }).click();
	await expect(owner.getByRole('status')).toHaveText('Je web is bewaard.');
	await owner.getByRole('button', { name: 'Bewaren', exact: true }).click();
	await expect(owner.getByRole('alert')).toContainText('Schrijf iets op, of kies ergens een punt op je web.');
	await expectAccessible(owner);
	const reflect = async (page: Page, day: string, words: string, points: string[]) => {
		await page.getByLabel('Dag', { exact: true }).fill(day);
		await page.getByLabel('Hoe gaat het?').fill(words);
		for (const [i, name] of ['Verbinding', 'Hoop', 'Identiteit', 'Betekenis', 'Eigen regie'].entries()) await page.getByLabel(name, { exact: true }).selectOption(points[i]);
		await page.getByRole('button', { name: 'Bewaren', exact: true }).click();
		await expect(page.getByRole('status')).toHaveText('Bewaard.');
	};
	await reflect(owner, '2026-09-01', 'Zwaar, maar ik ben er nog.', ['2', '3', '2', '1', '2']);
	await reflect(owner, '2026-10-01', 'Weer wat contact met mijn zus.', ['5', '4', '3', '3', '4']);
	const ownerWithScript = await (await browser.newContext({ baseURL, javaScriptEnabled: true, viewport: { width: 360, height: 740 }, storageState: await owner.context().storageState() })).newPage();
	await ownerWithScript.goto('/mijn-herstelruimte/reflecties');
	await reflect(ownerWithScript, '2026-11-01', 'Ik durf weer plannen te maken.', ['6', '7', '5', '6', '7']);
	await expect(ownerWithScript.getByRole('img', { name: 'Mijn web' })).toBeVisible();
	await expectAccessible(ownerWithScript);
	await expectNoSideways(ownerWithScript);
	await ownerWithScript.context().close();
	await owner.goto('/mijn-herstelruimte/reflecties');
	await expect(owner.getByRole('img', { name: 'Mijn web' })).toBeVisible();
	const table = owner.getByRole('table', { name: /Mijn punten per moment/ });
	await expect(table.getByRole('row', { name: /Hoop/ }).getByRole('cell')).toHaveText(['3', '4', '7']);
	await expect(owner.getByText('Ik durf weer plannen te maken.')).toBeVisible();
	await expectAccessible(owner);
	await expectNoSideways(owner);

	// Sharing the crisis plan with a buddy: the coordinator, once their name shows in the member list.
	await buddy.goto(`/initiatieven/${slug}/leden`);
	await buddy.getByLabel('Laat mijn naam zien in de ledenlijst').check();
	await buddy.getByRole('button', { name: 'Bewaar', exact: true }).click();
	await owner.getByRole('link', { name: 'Delen', exact: true }).click();
	await owner.getByLabel('Welk blok?').first().selectOption({ label: 'Mijn crisisplan' });
	await owner.getByLabel('Met wie?').selectOption({ index: 0 });
	await owner.getByRole('button', { name: 'Delen', exact: true }).click();
	await expect(owner.getByRole('status')).toBeVisible();
	await expectAccessible(owner);
	await buddy.goto('/mijn-herstelruimte');
	await buddy.getByRole('link', { name: /Noor Ruimte: Mijn crisisplan/ }).click();
	await expect(buddy.getByText('Poes Saar: eten in de kast')).toBeVisible();
	await expect(buddy.locator('main')).not.toContainText('Wandelen langs de rivier');
	await expectAccessible(buddy);
	const sharedPath = new URL(buddy.url()).pathname;
	const sharedHeaders = (await buddy.request.get(sharedPath)).headers();
	expect(sharedHeaders['cache-control']).toContain('no-store');
	expect(sharedHeaders['x-robots-tag']).toBe('noindex, nofollow');
	expect(sharedHeaders['referrer-policy']).toBe('no-referrer');
	// Read only: the block's own page in the owner's space stays closed to the buddy.
	expect((await buddy.goto(crisisPath))?.status()).toBe(404);
	await owner.reload();
	await expect(owner.getByText(/las Mijn crisisplan op/)).toBeVisible();
	await owner.getByRole('button', { name: /Stoppen met delen/ }).click();
	await expect(owner.getByRole('status')).toBeVisible();
	expect((await buddy.goto(sharedPath))?.status()).toBe(404);

	// Take it along, then throw it all away.
	await owner.getByRole('link', { name: 'Meenemen of weggooien' }).click();
	await expectAccessible(owner);
	const file = await owner.context().request.get('/mijn-herstelruimte/meenemen/bestand');
	const exported = JSON.parse(await file.text());
	expect(exported.reflections.map((r: { text: string }) => r.text)).toContain('Ik durf weer plannen te maken.');
	expect(exported.webDimensions).toEqual(['Verbinding', 'Hoop', 'Identiteit', 'Betekenis', 'Eigen regie']);
	await owner.getByRole('link', { name: 'Alles op één pagina, om af te drukken' }).click();
	await expect(owner.getByText('Zwaar, maar ik ben er nog.')).toBeVisible();
	await expectAccessible(owner);
	await owner.goBack();
	await owner.getByLabel('Ja, gooi alles uit mijn herstelruimte weg').check();
	await owner.getByRole('button', { name: 'Alles weggooien' }).click();
	await expect(owner.getByRole('status')).toHaveText('Je herstelruimte is leeg. Alles is weg.');
	await owner.goto('/mijn-herstelruimte/reflecties');
	await expect(owner.getByText('Je hebt nog niets opgeschreven.')).toBeVisible();
	await buddy.close();
});
