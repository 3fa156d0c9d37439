import type { Browser, Locator, Page } from '@playwright/test';
import { expect, expectAccessible, test } from './fixtures.ts';
import { confirmAddress, joinWithLink, newPerson, signIn, signUp, startInitiative } from './helpers.ts';

/*
 * Taking part without dead ends, on a 360 px phone, with JavaScript and
 * without: a new coordinator lands on a checklist with their tools on top,
 * shares an invite link without e-mail (copy, WhatsApp, a poster with a QR
 * code), plans a first activity; a member finds their own things on their
 * start page, and the coordinator their to-dos.
 */

const PHONE = { width: 360, height: 740 };

async function expectNoSideways(page: Page) {
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	expect(overflow, `horizontal overflow on ${page.url()}`).toBeLessThanOrEqual(0);
}

async function check(page: Page) {
	await expectAccessible(page);
	await expectNoSideways(page);
}

const top = async (locator: Locator) => (await locator.boundingBox())!.y;

async function approve(browser: Browser, baseURL: string, name: string) {
	const context = await browser.newContext({ baseURL });
	const admin = await context.newPage();
	await signIn(admin, { email: process.env.E2E_ADMIN_EMAIL!, password: process.env.E2E_ADMIN_PASSWORD! });
	await admin.goto('/beheer');
	await admin.getByRole('button', { name: `Goedkeuren: ${name}` }).click();
	await expect(admin.getByText('Opgeslagen.')).toBeVisible();
	await context.close();
}

/** A date two weeks from now, as the date field wants it. */
function inTwoWeeks() {
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + 14 * 86_400_000));
}

for (const javaScriptEnabled of [true, false]) {
	test.describe(`a start page for each person, and sharing without e-mail (${javaScriptEnabled ? 'with' : 'without'} JavaScript)`, () => {
		test.use({ javaScriptEnabled });

		test('a new coordinator ticks off first steps and shares an invite; a member finds their own things on their start page', async ({ browser, baseURL }) => {
			test.slow();
			const name = `De Vonk ${javaScriptEnabled ? 'JS' : 'zonder JS'}`;
			const context = await browser.newContext({ baseURL, javaScriptEnabled, viewport: PHONE, permissions: javaScriptEnabled ? ['clipboard-read', 'clipboard-write'] : [] });
			const page = await context.newPage();
			const coordinator = newPerson('Coördinator');
			await signUp(page, coordinator);

			// The header stays short: "Mijn pagina" instead of the account link and the sign-out button, which live there now.
			const menu = page.getByRole('navigation', { name: 'Hoofdmenu' });
			await expect(menu.getByRole('link', { name: 'Mijn pagina' })).toBeVisible();
			await expect(menu.getByRole('link', { name: 'Mijn account' })).toHaveCount(0);
			await expect(menu.getByRole('button', { name: 'Uitloggen' })).toHaveCount(0);

			// Starting an initiative lands on its page, with the first steps and the coordinator's tools above everything else.
			await confirmAddress(page, coordinator);
			const slug = await startInitiative(page, name);
			const steps = page.getByRole('region', { name: 'Je eerste stappen' });
			await expect(steps.getByRole('listitem')).toHaveCount(4);
			await expect(steps.getByRole('listitem').filter({ hasText: '(nog te doen)' })).toHaveCount(4);
			const tools = page.getByRole('navigation', { name: 'Voor coördinatoren' });
			await expect(tools.getByRole('link', { name: 'Pagina bijwerken' })).toBeVisible();
			expect(await top(tools)).toBeLessThan(await top(page.getByRole('heading', { name: 'Contact', exact: true })));
			await check(page);

			// Inviting people: the link is there to copy (selectable without JavaScript), to send with WhatsApp, or to print.
			await steps.getByRole('link', { name: 'Nodig mensen uit' }).click();
			await page.getByLabel('Voor meer mensen').check();
			await page.getByRole('button', { name: 'Link maken' }).click();
			const link = await page.getByRole('textbox', { name: 'Uitnodigingslink' }).inputValue();
			const copy = page.getByRole('button', { name: 'Kopieer link' });
			if (javaScriptEnabled) {
				await copy.click();
				await expect(page.getByText('De link is gekopieerd.')).toBeVisible();
				expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
			} else await expect(copy).toBeHidden();
			await expect(page.getByRole('link', { name: 'Deel via WhatsApp' })).toHaveAttribute('href', `https://wa.me/?text=${encodeURIComponent(`Doe je mee met ${name}? Met deze link word je lid: ${link}`)}`);
			await check(page);
			await page.getByRole('link', { name: 'Poster om op te hangen (met QR-code)' }).click();
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Doe mee met ${name}`);
			await expect(page.locator('svg.qr path').first()).toBeAttached();
			await expect(page.getByText(link, { exact: true })).toBeVisible();
			await check(page);

			// Back on the page, the step is ticked off.
			await page.goto(`/initiatieven/${slug}`);
			await expect(steps.getByRole('listitem').filter({ hasText: 'Nodig mensen uit' })).toContainText('(klaar)');

			// The coordinator's start page asks for what the page still misses.
			await menu.getByRole('link', { name: 'Mijn pagina' }).click();
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hallo Coördinator');
			const todo = page.getByRole('region', { name: 'Wacht op jou' });
			await expect(todo.getByRole('link')).toHaveText([`Zet de inlooptijden van ${name} op de pagina.`, `Zet een foto van ${name} op de pagina.`]);
			await check(page);
			await todo.getByRole('link').first().click();
			await expect(page).toHaveURL(new RegExp(`/initiatieven/${slug}/profiel#profiel$`));

			// Once approved, the initiative's own page can be shared as well.
			await approve(browser, baseURL!, name);
			await page.goto(`/initiatieven/${slug}`);
			const share = page.getByRole('region', { name: 'Deel' });
			await expect(share.getByRole('textbox', { name: 'Link naar deze pagina' })).toHaveValue(`${baseURL}/initiatieven/${slug}`);
			await share.getByRole('link', { name: 'Poster om op te hangen (met QR-code)' }).click();
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
			await check(page);

			// The first activity, from the checklist.
			await page.goto(`/initiatieven/${slug}`);
			await steps.getByRole('link', { name: 'Plan een eerste activiteit' }).click();
			await page.getByLabel('Naam van de activiteit').fill('Koffieochtend');
			await page.getByLabel('Datum', { exact: true }).fill(inTwoWeeks());
			await page.getByLabel('Begintijd').fill('10:00');
			await page.getByLabel('Eindtijd').fill('12:00');
			await page.getByRole('button', { name: 'Activiteit plaatsen' }).click();
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('Koffieochtend');
			const activityPath = new URL(page.url()).pathname;
			// Who runs it, where and how accessible it is, and a calendar file for it.
			await expect(page.getByRole('link', { name, exact: true })).toHaveAttribute('href', `/initiatieven/${slug}`);
			await expect(page.getByRole('definition').filter({ hasText: `Bij ${name}` })).toContainText('Zwolle');
			await expect(page.getByRole('link', { name: 'Route plannen op OpenStreetMap' })).toHaveAttribute('href', /^https:\/\/www\.openstreetmap\.org\/directions\?/);
			await expect(page.getByText(`Niet opgegeven. Vraag het gerust aan ${name}.`)).toBeVisible();
			await expect(page.getByRole('link', { name: 'Zet in mijn agenda' })).toHaveAttribute('href', `${activityPath}.ics`);
			await expect(page.getByRole('region', { name: 'Deel' }).getByRole('link', { name: 'Deel via WhatsApp' })).toHaveAttribute('href', /^https:\/\/wa\.me\/\?text=Koffieochtend/);
			await check(page);

			// A member joins with the link; their start page holds their initiative, their date and their own things, and no coordinator to-dos.
			const member = await joinWithLink(browser, baseURL!, javaScriptEnabled, link, 'Noor');
			await member.setViewportSize(PHONE);
			await member.goto(activityPath);
			await member.getByRole('button', { name: 'Ik doe mee' }).click();
			await member.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Mijn pagina' }).click();
			await expect(member.getByRole('heading', { level: 1 })).toHaveText('Hallo Noor');
			await expect(member.getByRole('region', { name: 'Wacht op jou' })).toHaveCount(0);
			await expect(member.getByRole('region', { name: 'Mijn initiatieven' }).getByRole('link', { name })).toBeVisible();
			await expect(member.getByRole('region', { name: 'Mijn volgende data' }).getByRole('link', { name: 'Koffieochtend' })).toBeVisible();
			const own = member.getByRole('navigation', { name: 'Mijn eigen dingen' });
			await expect(own.getByRole('link', { name: 'Mijn herstelruimte' })).toHaveAttribute('href', '/mijn-herstelruimte');
			await check(member);
			await own.getByRole('link', { name: 'Mijn aanmeldingen' }).click();
			await expect(member.getByRole('link', { name: 'Koffieochtend' })).toBeVisible();
			await member.goBack();

			// The personal calendar link opens as webcal:// in the phone's calendar, or is copied, with plain steps per kind of phone.
			await own.getByRole('link', { name: 'Mijn agenda-link' }).click();
			await member.getByRole('button', { name: 'Link maken' }).click();
			const feed = await member.getByRole('textbox', { name: 'Jouw agenda-link' }).inputValue();
			await expect(member.getByRole('link', { name: 'Open in mijn agenda' })).toHaveAttribute('href', feed.replace(/^http:/, 'webcal:'));
			await expect(member.getByRole('button', { name: 'Kopieer link' })).toBeVisible({ visible: javaScriptEnabled });
			for (const kind of ['iPhone of iPad', 'Android (Google Agenda)', 'Outlook']) await expect(member.getByRole('heading', { name: kind })).toBeVisible();
			await check(member);
			await member.goto('/');
			await own.getByRole('button', { name: 'Uitloggen' }).click();
			await expect(member.getByRole('status')).toHaveText('Je bent uitgelogd. Tot ziens!');

			// Signed out, the home page is the same as before.
			await member.goto('/');
			await expect(member.getByRole('heading', { level: 1 })).toHaveText('Welkom op Herstelplein');
			await context.close();
		});
	});
}
