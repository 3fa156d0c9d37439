import { expect, expectAccessible, test } from './fixtures.ts';
import { initiativeWithInviteLink, joinWithLink } from './helpers.ts';

/*
 * Boundaries are normal: a member chooses who may write to her and how she
 * hears of messages, then takes "even pauze". She goes without JavaScript,
 * the other member with it; both on a 360 px wide phone.
 */

test('a member lets only people she wrote to first send messages and takes a short break; another member sees only that', async ({ browser, baseURL }) => {
	test.slow();
	const { link } = await initiativeWithInviteLink(browser, baseURL!, false, 'De Kroon grenzen');
	const sanne = await joinWithLink(browser, baseURL!, false, link, 'Sanne');
	const tim = await joinWithLink(browser, baseURL!, true, link, 'Tim');
	for (const page of [sanne, tim]) await page.setViewportSize({ width: 360, height: 740 });

	// Sanne offers to walk along to appointments.
	await sanne.goto('/vraag-en-aanbod/nieuw');
	await sanne.getByLabel('Ik bied iets aan').check();
	await sanne.getByLabel('Korte titel').fill('Meelopen naar een afspraak');
	await sanne.getByLabel('Thema').selectOption({ label: 'Vervoer en meelopen' });
	await sanne.getByLabel('Plaats', { exact: true }).fill('Zwolle');
	await sanne.getByRole('button', { name: 'Plaatsen' }).click();
	await expect(sanne.getByRole('heading', { level: 1 })).toHaveText('Meelopen naar een afspraak');
	const postPath = new URL(sanne.url()).pathname;

	// From her messages she sets: only people I wrote to first, and new messages once a day.
	await sanne.goto('/berichten');
	await sanne.getByRole('link', { name: 'Berichten en meldingen instellen' }).click();
	await expect(sanne.getByRole('heading', { level: 1 })).toHaveText('Berichten en meldingen');
	await expectAccessible(sanne);
	await sanne.getByLabel('Alleen mensen aan wie ik eerst schreef').check();
	await sanne.getByRole('button', { name: 'Opslaan' }).first().click();
	await expect(sanne.getByRole('status')).toHaveText('Opgeslagen. Dit geldt vanaf nu.');
	await sanne.getByLabel('Eén keer per dag, om 18:00').check();
	await sanne.getByRole('button', { name: 'Opslaan' }).last().click();
	await expect(sanne.getByRole('status')).toHaveText('Opgeslagen.');
	await sanne.reload();
	await expect(sanne.getByLabel('Alleen mensen aan wie ik eerst schreef')).toBeChecked();
	await expect(sanne.getByLabel('Eén keer per dag, om 18:00')).toBeChecked();
	await expectAccessible(sanne);

	// Tim sees her offer but cannot start a conversation: one calm sentence, nothing more.
	await tim.goto(postPath);
	await expect(tim.getByText('Deze persoon ontvangt nu geen nieuwe berichten.')).toBeVisible();
	await expect(tim.getByRole('link', { name: /Dit wil ik graag|Ik heb een vraag hierover/ })).toHaveCount(0);
	await expectAccessible(tim);
	await tim.goto(`${postPath}/reageren`);
	await expect(tim.getByText('Deze persoon ontvangt nu geen nieuwe berichten.')).toBeVisible();
	await expect(tim.getByLabel('Je bericht')).toHaveCount(0);
	await expectAccessible(tim);

	// Sanne takes a short break: her offer is gone for Tim; she still sees it, marked.
	await sanne.goto('/vraag-en-aanbod');
	await sanne.getByRole('link', { name: 'Even pauze nemen' }).click();
	await expectAccessible(sanne);
	await sanne.getByRole('button', { name: 'Pauze nemen' }).click();
	await expect(sanne.getByRole('status')).toHaveText('Je hebt nu even pauze.');
	await expect(sanne.getByText('Je hebt even pauze. Anderen zien je vragen en je aanbod nu niet.')).toBeVisible();
	await expectAccessible(sanne);
	await sanne.goto(postPath);
	await expect(sanne.getByText('Je hebt even pauze: anderen zien dit nu niet.')).toBeVisible();

	expect((await tim.goto(postPath))?.status()).toBe(404);
	await tim.goto('/vraag-en-aanbod');
	await expect(tim.getByText('Meelopen naar een afspraak')).toHaveCount(0);

	// She ends it, and it is back.
	await sanne.goto('/vraag-en-aanbod/pauze');
	await sanne.getByRole('button', { name: 'Pauze stoppen' }).click();
	await expect(sanne.getByRole('status')).toHaveText('Je pauze is voorbij. Anderen zien je vragen en je aanbod weer.');
	await tim.goto('/vraag-en-aanbod');
	await expect(tim.getByRole('link', { name: 'Meelopen naar een afspraak' })).toBeVisible();
	await expectAccessible(tim);
});
