import type { Browser, Page } from '@playwright/test';
import { expect, expectAccessible, test } from './fixtures.ts';
import { confirmAddress, fillSignUp, newPerson, signIn, signUp, startInitiative } from './helpers.ts';
import { linkFromOutbox, mailFor, readOutbox } from './outbox.ts';

/*
 * Taking part without dead ends, at 360 px: the coordinator's browser runs
 * JavaScript, the newcomer's does not. A visitor sees the ways in before
 * signing in; a newcomer asks to take part in an initiative by invitation
 * (confirming the address brings them straight back), the coordinator says
 * yes from the to-do on their start page; "Ik kom elke week" shows the full
 * date; cancelling asks once and says where the place goes; every form post
 * lands on a page with its message at the top. Mails are read in the outbox.
 */

const PHONE = { width: 360, height: 740 };

async function check(page: Page) {
	await expectAccessible(page);
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	expect(overflow, `horizontal overflow on ${page.url()}`).toBeLessThanOrEqual(0);
}

/** The message of the form post, at the top of the page it led to. */
const flash = (page: Page) => page.locator('main > p.flash');

async function approve(browser: Browser, baseURL: string, name: string) {
	const context = await browser.newContext({ baseURL });
	const admin = await context.newPage();
	await signIn(admin, { email: process.env.E2E_ADMIN_EMAIL!, password: process.env.E2E_ADMIN_PASSWORD! });
	await admin.goto('/beheer');
	await admin.getByRole('button', { name: `Goedkeuren: ${name}` }).click();
	await expect(admin.getByText('Opgeslagen.')).toBeVisible();
	await context.close();
}

/** The next Tuesday at least two days away, as the date field wants it. */
function nextTuesday() {
	const day = new Date(Date.now() + 2 * 86_400_000);
	while (new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', weekday: 'short' }).format(day) !== 'Tue') day.setTime(day.getTime() + 86_400_000);
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(day);
}

test('a newcomer finds the way in, asks to take part, comes every week and cancels one date; the coordinator answers from the to-do list', async ({ browser, baseURL }) => {
	test.slow();
	const dataDir = process.env.E2E_DATA_DIR!;
	const name = 'Het Anker doe mee';

	// The coordinator (with JavaScript) starts an initiative by invitation and plans a weekly walk for one person.
	const coordinatorContext = await browser.newContext({ baseURL, viewport: PHONE });
	const coordinator = await coordinatorContext.newPage();
	const anna = newPerson('Anna');
	await signUp(coordinator, anna);
	await confirmAddress(coordinator, anna);
	const slug = await startInitiative(coordinator, name);
	await approve(browser, baseURL!, name);
	await coordinator.goto(`/initiatieven/${slug}/activiteiten/nieuw`);
	await coordinator.getByLabel('Naam van de activiteit').fill('Dinsdagwandeling');
	await coordinator.getByLabel('Datum', { exact: true }).fill(nextTuesday());
	await coordinator.getByLabel('Begintijd').fill('19:00');
	await coordinator.getByLabel('Eindtijd').fill('21:00');
	await coordinator.getByLabel('Elke week, op dezelfde dag').check();
	await coordinator.getByLabel('Hoeveel mensen kunnen mee? (mag leeg blijven)').fill('1');
	await coordinator.getByLabel('Iedereen, ook mensen die geen lid zijn').check();
	await coordinator.getByRole('button', { name: 'Activiteit plaatsen' }).click();
	await expect(coordinator.getByRole('heading', { level: 1 })).toHaveText('Dinsdagwandeling');
	const walk = new URL(coordinator.url()).pathname;
	// The coordinator takes the first date's only place: post, redirect, and the message on top.
	await coordinator.getByRole('button', { name: 'Ik doe mee' }).click();
	await expect(flash(coordinator)).toHaveText('Je bent aangemeld. Fijn dat je komt!');
	const firstDate = coordinator.url();
	await check(coordinator);

	await test.step('a visitor sees the ways in before signing in: an account, or without one', async () => {
		const newcomerContext = await browser.newContext({ baseURL, javaScriptEnabled: false, viewport: PHONE });
		const page = await newcomerContext.newPage();
		await page.goto(walk);
		const join = page.getByRole('region', { name: 'Meedoen' });
		await expect(join.getByText('Zo kun je meedoen:')).toBeVisible();
		await expect(join.getByText(`${name} werkt met uitnodigingen.`, { exact: false })).toBeVisible();
		// Guest sign-up is on for new initiatives.
		await expect(join.getByText('Zonder account. Vul hieronder je naam en e-mailadres in.')).toBeVisible();
		await check(page);

		// Making an account comes back here; asking waits for a confirmed address, and the link brings her straight back.
		const dewi = newPerson('Dewi');
		await join.getByRole('link', { name: 'Account maken' }).click();
		await fillSignUp(page, dewi);
		await page.getByRole('button', { name: 'Account maken' }).click();
		await expect(page).toHaveURL(new RegExp(`${walk}\\?datum=[0-9-]+$`));
		await linkFromOutbox(dataDir, dewi.email, '/e-mail-bevestigen');
		const before = (await readOutbox(dataDir)).length;
		await expect(join.getByRole('button', { name: 'Vraag of je mag meedoen' })).toHaveCount(0);
		await join.getByRole('button', { name: 'Stuur mij de bevestigingslink' }).click();
		await expect(flash(page)).toHaveText('We hebben je een mail gestuurd. Klik op de link: die brengt je terug naar deze pagina.');
		await check(page);
		await page.goto(await linkFromOutbox(dataDir, dewi.email, '/e-mail-bevestigen', before));
		await expect(page).toHaveURL(new RegExp(`${walk}\\?datum=[0-9-]+$`));
		await expect(flash(page)).toHaveText('Je e-mailadres is bevestigd. Je kunt nu verder.');
		await join.getByRole('button', { name: 'Vraag of je mag meedoen' }).click();
		await expect(flash(page)).toHaveText('Je vraag is verstuurd. De coördinatoren laten het je per mail weten.');
		await expect(join.getByText(`Je hebt gevraagd of je mag meedoen bij ${name}.`, { exact: false })).toBeVisible();
		await check(page);

		// The coordinator gets a mail without her name, and a to-do; says yes; she hears it.
		const asked = await mailFor(anna.email, `Iemand vraagt of ze mogen meedoen bij ${name}`);
		expect(asked.text).not.toContain('Dewi');
		await coordinator.goto('/');
		await coordinator.getByRole('region', { name: 'Wacht op jou' }).getByRole('link', { name: `1 mensen vragen of ze mogen meedoen bij ${name}` }).click();
		await check(coordinator);
		await coordinator.getByRole('button', { name: 'Ja, Dewi mag meedoen' }).click();
		await expect(flash(coordinator)).toHaveText('Gelukt: deze persoon is nu lid. Er gaat een mail naar hem of haar.');
		await expect(coordinator.getByText('Er wacht niemand.')).toBeVisible();
		await mailFor(dewi.email, `Welkom bij ${name}`);

		await test.step('"Ik kom elke week": every coming date, the full one marked', async () => {
			await page.goto(walk);
			await join.getByRole('button', { name: 'Ik kom elke week' }).click();
			await expect(flash(page)).toHaveText('Je bent aangemeld voor de komende data. Hieronder zie je welke data vol zijn.');
			await expect(join.getByRole('listitem').filter({ hasText: 'vol, je staat op de wachtlijst' })).toHaveCount(1);
			await check(page);
		});

		await test.step('cancelling asks once and says where the place goes; it goes to the first on the waitlist', async () => {
			await coordinator.goto(firstDate);
			await coordinator.getByRole('link', { name: 'Ik kan toch niet' }).click();
			await expect(coordinator.getByRole('heading', { level: 1 })).toHaveText('Weet je het zeker?');
			await expect(coordinator.getByText('Je plek gaat dan naar de eerste op de wachtlijst.', { exact: false })).toBeVisible();
			await check(coordinator);
			await coordinator.getByRole('button', { name: 'Ja, meld me af' }).click();
			await expect(flash(coordinator)).toHaveText('Je doet niet meer mee. Je kunt je altijd opnieuw aanmelden.');
			// The mail carries the date for her calendar.
			expect((await mailFor(dewi.email, 'Je hebt een plek: Dinsdagwandeling')).attachments).toEqual(['afspraak.ics']);

			// Without JavaScript the same page; "Nee, ik kom toch" leads back to the date.
			await page.goto(firstDate);
			await join.getByRole('link', { name: 'Ik kan toch niet' }).click();
			await expect(page.getByText('Je plek komt dan vrij voor iemand anders.')).toBeVisible();
			await check(page);
			await page.getByRole('link', { name: 'Nee, ik kom toch' }).click();
			await expect(join.getByText('Je doet mee. Fijn!')).toBeVisible();

			// "Stop ermee" ends every coming date at once.
			await join.getByRole('button', { name: 'Stop ermee: ik kom niet meer elke week' }).click();
			await expect(flash(page)).toHaveText('Je komt niet meer elke week. Je aanmeldingen voor de komende data zijn gestopt.');
			await expect(join.getByRole('button', { name: 'Ik kom elke week' })).toBeVisible();
			await check(page);
		});
		await newcomerContext.close();
	});
	await coordinatorContext.close();
});
