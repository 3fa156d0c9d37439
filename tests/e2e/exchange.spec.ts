import { expect, expectAccessible, test } from './fixtures.ts';
import type { Page } from '@playwright/test';
import { initiativeWithInviteLink, joinWithLink } from './helpers.ts';

/** On the 360 px phone nothing may need sideways scrolling. */
async function expectNoSideways(page: Page) {
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	expect(overflow, `horizontal overflow on ${page.url()}`).toBeLessThanOrEqual(0);
}

// Every page is plain HTML with forms: the journey runs without JavaScript; one person uses a 360 px wide phone.
test.use({ javaScriptEnabled: false });

test('a member offers help with forms, another finds it and responds, they exchange messages; someone who is blocked cannot write', async ({ browser, baseURL }) => {
	test.slow();
	const { page: coordinator, link } = await initiativeWithInviteLink(browser, baseURL!, false, 'De Kroon vraag en aanbod');
	const noor = await joinWithLink(browser, baseURL!, false, link, 'Noor');
	const joost = await joinWithLink(browser, baseURL!, false, link, 'Joost');
	await joost.setViewportSize({ width: 360, height: 740 });
	const piet = await joinWithLink(browser, baseURL!, false, link, 'Piet');

	// Signed out, vraag & aanbod asks to sign in first and is never indexed.
	const visitor = await (await browser.newContext({ baseURL, javaScriptEnabled: false })).newPage();
	const answer = await visitor.goto('/vraag-en-aanbod');
	expect(new URL(visitor.url()).pathname).toBe('/inloggen');
	expect(answer?.ok()).toBe(true);

	// Noor offers help with forms; a missing title gets a message and what she typed stays.
	await noor.getByRole('link', { name: 'Vraag & aanbod' }).click();
	await expectAccessible(noor);
	await noor.getByRole('link', { name: 'Iets aanbieden of vragen' }).click();
	await noor.getByLabel('Ik bied iets aan').check();
	await noor.getByLabel('Vertel er meer over (mag leeg blijven)').fill('Brieven van de gemeente, toeslagen, de belastingaangifte. Samen kijken we wat er moet.');
	await noor.getByLabel('Thema').selectOption({ label: 'Formulieren en geldzaken' });
	await noor.getByLabel('Plaats', { exact: true }).fill('Zwolle');
	await noor.getByRole('button', { name: 'Plaatsen' }).click();
	await expect(noor.getByRole('alert')).toContainText('Vul een korte titel in.');
	await expect(noor.getByLabel('Vertel er meer over (mag leeg blijven)')).toHaveValue(/Brieven van de gemeente/);
	await expectAccessible(noor);
	await noor.getByLabel('Korte titel').fill('Ik help met formulieren');
	await noor.getByRole('button', { name: 'Plaatsen' }).click();
	await expect(noor.getByRole('heading', { level: 1 })).toHaveText('Ik help met formulieren');
	await expect(noor.getByText('Dit heb je zelf geplaatst.')).toBeVisible();
	await expectAccessible(noor);
	const postPath = new URL(noor.url()).pathname;

	// The coordinator prints the prikbord for the walk-in: Noor's offer is on it, with its address and without her name.
	await coordinator.goto('/vraag-en-aanbod');
	await coordinator.getByRole('link', { name: 'Prikbord van De Kroon vraag en aanbod om te printen' }).click();
	await expect(coordinator.getByRole('heading', { level: 3, name: 'Ik help met formulieren' })).toBeVisible();
	await expect(coordinator.getByText(postPath)).toBeVisible();
	await expect(coordinator.locator('main')).not.toContainText('Noor');
	await expectAccessible(coordinator);

	// Joost, on his phone, finds it by a word ("formulier" finds "formulieren") and responds.
	await joost.goto('/vraag-en-aanbod');
	await joost.getByLabel('Zoekwoorden').fill('formulier');
	await joost.getByRole('button', { name: 'Zoeken' }).click();
	await expectAccessible(joost);
	await expectNoSideways(joost);
	await joost.getByRole('link', { name: 'Ik help met formulieren' }).click();
	await expect(joost.getByText('Van Noor')).toBeVisible();
	await expect(joost.getByText('@')).toHaveCount(0);
	await expectAccessible(joost);
	await joost.getByRole('link', { name: 'Dit wil ik graag' }).click();
	await expect(joost.getByLabel('Je bericht')).toHaveValue(/Hallo Noor/);
	await expectAccessible(joost);
	await joost.getByLabel('Je bericht').fill('Hallo Noor, ik snap de brief over mijn huurtoeslag niet. Zie https://www.toeslagen.nl');
	await joost.getByRole('button', { name: 'Bericht sturen' }).click();
	await expect(joost.getByRole('heading', { level: 1 })).toHaveText('Gesprek met Noor');
	await expect(joost.getByText('Alleen jullie twee kunnen dit gesprek lezen.')).toBeVisible();
	await expect(joost.getByRole('link', { name: 'https://www.toeslagen.nl' })).toHaveAttribute('rel', /nofollow/);
	await expectAccessible(joost);
	await expectNoSideways(joost);
	const conversationPath = new URL(joost.url()).pathname;

	// Noor sees one unread conversation in the menu, reads it and answers; a too long answer keeps her text.
	await noor.goto('/');
	await noor.getByRole('link', { name: 'Berichten, 1 ongelezen' }).click();
	await expectAccessible(noor);
	await noor.getByRole('link', { name: 'Met Joost' }).click();
	await expect(noor.getByText('ik snap de brief over mijn huurtoeslag niet')).toBeVisible();
	await expect(noor.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Berichten', exact: true })).toBeVisible();
	const long = 'Ja hoor! '.repeat(300);
	await noor.getByLabel('Je bericht').fill(long);
	await noor.getByRole('button', { name: 'Versturen' }).click();
	await expect(noor.getByRole('alert')).toContainText('Je bericht is te lang');
	await expect(noor.getByLabel('Je bericht')).toHaveValue(long);
	await expectAccessible(noor);
	await noor.getByLabel('Je bericht').fill('Ja hoor! Kom dinsdag om tien uur langs bij de inloop.');
	await noor.getByRole('button', { name: 'Versturen' }).click();
	await expect(noor.getByRole('status')).toHaveText('Je bericht is verstuurd.');

	await joost.goto(conversationPath);
	await expect(joost.getByText('Kom dinsdag om tien uur langs bij de inloop.')).toBeVisible();

	// Piet responds too; Noor chooses "geen contact meer"; Piet can no longer write or see her posts, and is not told why.
	await piet.goto(postPath);
	await piet.getByRole('link', { name: 'Ik heb een vraag hierover' }).click();
	await piet.getByLabel('Je bericht').fill('Mag ik je nummer?');
	await piet.getByRole('button', { name: 'Bericht sturen' }).click();
	const pietConversation = new URL(piet.url()).pathname;
	await noor.goto('/berichten');
	await noor.getByRole('link', { name: 'Met Piet' }).click();
	await noor.getByRole('button', { name: 'Geen contact meer met Piet' }).click();
	await expect(noor.getByRole('status')).toHaveText('Je hebt geen contact meer met Piet.');
	await expectAccessible(noor);

	await piet.goto(pietConversation);
	await expect(piet.getByText('Je kunt in dit gesprek niet meer reageren.')).toBeVisible();
	await expect(piet.getByLabel('Je bericht')).toHaveCount(0);
	// Nothing says that Noor chose this: Piet sees the page as it is for anyone, with his own choice to stop contact.
	await expect(piet.getByText(/gekozen|geblokkeerd/)).toHaveCount(0);
	await expect(piet.getByRole('button', { name: 'Geen contact meer met Noor' })).toBeVisible();
	await expectAccessible(piet);
	expect((await piet.goto(postPath))?.status()).toBe(404);
	await piet.goto('/vraag-en-aanbod');
	await expect(piet.getByText('Ik help met formulieren')).toHaveCount(0);

	// Joost still sees it, with the way back to his conversation; the coordinator cannot open that conversation.
	await joost.goto(postPath);
	await expect(joost.getByRole('link', { name: 'Naar jullie gesprek' })).toBeVisible();
	expect((await coordinator.goto(conversationPath))?.status()).toBe(404);
});
