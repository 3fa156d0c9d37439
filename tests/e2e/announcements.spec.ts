import type { Page } from '@playwright/test';
import { expect, expectAccessible, test } from './fixtures.ts';
import { initiativeWithInviteLink, joinWithLink, newPerson } from './helpers.ts';
import { mailFor } from './outbox.ts';

/** On the 360 px phone nothing may need sideways scrolling. */
async function expectNoSideways(page: Page) {
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	expect(overflow, `horizontal overflow on ${page.url()}`).toBeLessThanOrEqual(0);
}

/** A day `days` from today in Amsterdam, as a date field takes it. */
const dayFromNow = (days: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date(Date.now() + days * 86_400_000));

// The coordinator and Joost without JavaScript, Noor with it on a 360 px phone: each step both ways in one journey.
test('a coordinator writes to all members; a member reads it, replies, and only the coordinator gets the reply; a host writes to everyone coming to a date', async ({ browser, baseURL }) => {
	test.slow();
	const { page: coordinator, slug, link } = await initiativeWithInviteLink(browser, baseURL!, false, 'De Kroon groepsberichten');
	const noor = newPerson('Noor');
	const joost = newPerson('Joost');
	const noorPage = await joinWithLink(browser, baseURL!, true, link, noor);
	await noorPage.setViewportSize({ width: 360, height: 740 });
	const joostPage = await joinWithLink(browser, baseURL!, false, link, joost);

	// The coordinator writes to all members from the initiative's tools; an empty text gets a message.
	await coordinator.goto(`/initiatieven/${slug}`);
	await coordinator.getByRole('link', { name: 'Bericht aan alle leden' }).click();
	await expectAccessible(coordinator);
	await coordinator.getByRole('button', { name: 'Versturen naar iedereen' }).click();
	await expect(coordinator.getByRole('alert')).toContainText('Schrijf eerst een bericht.');
	await coordinator.getByLabel('Je bericht').fill('Donderdag is de huiskamer dicht. Vrijdag zijn we er weer, vanaf 10 uur.');
	await coordinator.getByRole('button', { name: 'Versturen naar iedereen' }).click();
	await expect(coordinator.getByRole('heading', { level: 1 })).toHaveText('Bericht van Jij');
	await expect(coordinator.getByText('Aan alle leden van De Kroon groepsberichten')).toBeVisible();
	await expect(coordinator.getByRole('status')).toContainText('Aantal mensen dat het nu kan lezen: 2.');
	await expectAccessible(coordinator);

	// Joost gets a mail that there is a message, without its text.
	const mail = await mailFor(joost.email, 'Je hebt een nieuw bericht op Herstelplein');
	expect(mail.text).toContain('/berichten/groep/');
	expect(mail.text).not.toContain('huiskamer');

	// Noor, on her phone with JavaScript, sees it as unread in the menu, reads it and replies.
	await noorPage.goto('/');
	await noorPage.getByRole('link', { name: 'Berichten, 1 ongelezen' }).click();
	await expect(noorPage.getByText('Aan alle leden van De Kroon groepsberichten')).toBeVisible();
	await expectAccessible(noorPage);
	await expectNoSideways(noorPage);
	await noorPage.getByRole('link', { name: 'Bericht van Coördinator' }).click();
	await expect(noorPage.getByText('Donderdag is de huiskamer dicht.')).toBeVisible();
	await expect(noorPage.getByText('Joost')).toHaveCount(0);
	await expect(noorPage.getByText('Reageer je? Dan gaat je antwoord alleen naar Coördinator')).toBeVisible();
	await expectAccessible(noorPage);
	await expectNoSideways(noorPage);
	await noorPage.getByLabel('Je bericht').fill('Dank je! Mag ik vrijdag iemand meenemen?');
	await noorPage.getByRole('button', { name: 'Stuur naar Coördinator' }).click();
	await expect(noorPage.getByRole('heading', { level: 1 })).toHaveText('Gesprek met Coördinator');
	await expect(noorPage.getByText('Mag ik vrijdag iemand meenemen?')).toBeVisible();
	await expectAccessible(noorPage);

	// Joost, without JavaScript, has the announcement but not Noor's reply.
	await joostPage.goto('/berichten');
	await expect(joostPage.getByRole('link', { name: 'Bericht van Coördinator' })).toBeVisible();
	await expect(joostPage.getByRole('link', { name: /Gesprek|Met / })).toHaveCount(0);
	await expect(joostPage.locator('main')).not.toContainText('Noor');
	await expectAccessible(joostPage);

	// The coordinator gets the reply in a conversation with Noor alone.
	await coordinator.goto('/berichten');
	await coordinator.getByRole('link', { name: 'Met Noor' }).click();
	await expect(coordinator.getByText('Mag ik vrijdag iemand meenemen?')).toBeVisible();
	await expect(coordinator.getByText('Alleen jullie twee kunnen dit gesprek lezen.')).toBeVisible();
	await expectAccessible(coordinator);

	// A date: the coordinator plans it, Noor signs up (with JavaScript), Joost does not.
	await coordinator.goto(`/initiatieven/${slug}/activiteiten/nieuw`);
	await coordinator.getByLabel('Naam van de activiteit').fill('Samen koken');
	await coordinator.getByLabel('Ontmoeting').check();
	await coordinator.getByLabel('Datum').fill(dayFromNow(9));
	await coordinator.getByLabel('Begintijd').fill('17:30');
	await coordinator.getByLabel('Eindtijd').fill('20:00');
	await coordinator.getByRole('button', { name: 'Activiteit plaatsen' }).click();
	await expect(coordinator.getByRole('heading', { level: 1 })).toHaveText('Samen koken');
	const activityPath = new URL(coordinator.url()).pathname;
	await noorPage.goto(activityPath);
	await noorPage.getByRole('button', { name: 'Ik doe mee' }).click();
	await expect(noorPage.getByRole('button', { name: 'Ik doe mee' })).toHaveCount(0);

	// The host writes to everyone coming, from the date's page.
	await coordinator.goto(activityPath);
	await coordinator.getByRole('link', { name: 'Bericht aan iedereen die komt' }).click();
	await expect(coordinator.getByText('Gasten zonder account krijgen dit bericht niet.')).toBeVisible();
	await expectAccessible(coordinator);
	await coordinator.getByLabel('Je bericht').fill('We koken buiten als het droog is. Neem een warme trui mee.');
	await coordinator.getByRole('button', { name: 'Versturen naar iedereen' }).click();
	await expect(coordinator.getByText(/Aan iedereen die zich heeft aangemeld voor Samen koken/)).toBeVisible();
	await expect(coordinator.getByRole('status')).toContainText('Aantal mensen dat het nu kan lezen: 1.');

	await noorPage.goto('/berichten');
	await noorPage.getByRole('link', { name: 'Bericht van Coördinator' }).first().click();
	await expect(noorPage.getByText('Neem een warme trui mee.')).toBeVisible();
	await expectAccessible(noorPage);
	// Joost did not sign up: the date's message is not his, not in his list and not by its address.
	const datePath = new URL(noorPage.url()).pathname;
	expect((await joostPage.goto(datePath))?.status()).toBe(404);
	await joostPage.goto('/berichten');
	await expect(joostPage.getByRole('link', { name: 'Bericht van Coördinator' })).toHaveCount(1);

	// A small group: Noor and Joost let fellow members see their names; the coordinator starts a conversation with both.
	for (const page of [noorPage, joostPage]) {
		await page.goto(`/initiatieven/${slug}/leden`);
		await page.getByLabel('Laat mijn naam zien in de ledenlijst').check();
		await page.getByRole('button', { name: 'Bewaar' }).click();
	}
	await coordinator.goto('/berichten');
	await coordinator.getByRole('link', { name: 'Een groepsgesprek beginnen' }).click();
	await expectAccessible(coordinator);
	await coordinator.getByRole('checkbox', { name: 'Noor' }).check();
	await coordinator.getByLabel('Je bericht').fill('Zullen we zaterdag samen naar de markt?');
	await coordinator.getByRole('button', { name: 'Gesprek beginnen' }).click();
	await expect(coordinator.getByRole('alert')).toContainText('Kies 2 tot 6 mensen.');
	await expect(coordinator.getByLabel('Je bericht')).toHaveValue('Zullen we zaterdag samen naar de markt?');
	await expectAccessible(coordinator);
	await coordinator.getByRole('checkbox', { name: 'Noor' }).check();
	await coordinator.getByRole('checkbox', { name: 'Joost' }).check();
	await coordinator.getByRole('button', { name: 'Gesprek beginnen' }).click();
	await expect(coordinator.getByText(/Alleen jullie kunnen dit lezen: .* en jij\./)).toBeVisible();
	await expectAccessible(coordinator);

	// Joost, without JavaScript, finds it in his inbox and answers; Noor, on her phone, reads both and leaves.
	await joostPage.goto('/berichten');
	await joostPage.getByRole('link', { name: /Groep: / }).click();
	await expect(joostPage.getByText('Zullen we zaterdag samen naar de markt?')).toBeVisible();
	await joostPage.getByLabel('Je bericht').fill('Goed plan, ik neem koffie mee.');
	await joostPage.getByRole('button', { name: 'Versturen' }).click();
	await expect(joostPage.getByText('Goed plan, ik neem koffie mee.')).toBeVisible();
	await expectAccessible(joostPage);
	await noorPage.goto('/berichten');
	await noorPage.getByRole('link', { name: /Groep: / }).click();
	await expect(noorPage.getByText('Goed plan, ik neem koffie mee.')).toBeVisible();
	await expectAccessible(noorPage);
	await expectNoSideways(noorPage);
	await noorPage.getByRole('button', { name: 'Uit het gesprek gaan' }).click();
	await expect(noorPage.getByText('Je bent uit het gesprek gegaan.')).toBeVisible();
	await noorPage.goto('/berichten');
	await expect(noorPage.getByRole('link', { name: /Groep: / })).toHaveCount(0);
});
