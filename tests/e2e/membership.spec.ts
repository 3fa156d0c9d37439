import type { Browser } from '@playwright/test';
import { expect, expectAccessible, JOURNEY_SCRIPTING, test } from './fixtures.ts';
import { mailFor } from './outbox.ts';
import { confirmAddress, fillSignUp, newPerson, signIn, signUp } from './helpers.ts';

/** A coordinator starts an initiative and makes an invite link; returns the link. */
async function startInitiativeAndInvite(browser: Browser, baseURL: string, javaScriptEnabled: boolean, name: string, town: string) {
	const context = await browser.newContext({ baseURL, javaScriptEnabled });
	const page = await context.newPage();
	const coordinator = newPerson('Coördinator');
	await signUp(page, coordinator);
	await confirmAddress(page, coordinator);

	await page.getByRole('link', { name: 'Initiatieven', exact: true }).click();
	await page.getByRole('link', { name: 'Zelf een initiatief starten' }).click();
	await expectAccessible(page);
	await page.getByLabel('Naam van het initiatief').fill(name);
	await page.getByLabel('Plaats').fill(town);
	await page.getByLabel('Wie zijn jullie en wat doen jullie?').fill('Een plek om elkaar te ontmoeten.\n\nIedereen is welkom.');
	await page.getByLabel('Alleen met een uitnodiging').check();
	await page.getByRole('button', { name: 'Initiatief aanmelden' }).click();

	await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
	await expect(page.getByText('wacht op goedkeuring')).toBeVisible();
	await expect(page.getByText('Je bent coördinator van dit initiatief.')).toBeVisible();
	await expectAccessible(page);

	await page.getByRole('link', { name: 'Mensen uitnodigen' }).click();
	await expectAccessible(page);
	await page.getByLabel('Voor meer mensen').check();
	await page.getByRole('button', { name: 'Link maken' }).click();
	const link = await page.getByRole('textbox', { name: 'Uitnodigingslink' }).inputValue();
	expect(link).toMatch(/\/uitnodiging\/[A-Za-z0-9_-]{20,}$/);
	await expectAccessible(page);
	return { context, page, link, slug: new URL(page.url()).pathname.split('/')[2], coordinator };
}

for (const javaScriptEnabled of JOURNEY_SCRIPTING) {
	test.describe(`joining an initiative (${javaScriptEnabled ? 'with' : 'without'} JavaScript)`, () => {
		test.use({ javaScriptEnabled });

		test('a coordinator invites by link, a newcomer joins and sees the members page; others cannot', async ({ browser, baseURL, page }) => {
			test.slow(); // a long journey: two initiatives, three people
			const suffix = javaScriptEnabled ? 'JS' : 'zonder JS';
			const first = await startInitiativeAndInvite(browser, baseURL!, javaScriptEnabled, `De Kroon ${suffix}`, 'Zwolle');
			// The coordinator lets members see their name (off by default).
			await first.page.goto(`/initiatieven/${first.slug}/leden`);
			await first.page.getByLabel('Laat mijn naam zien in de ledenlijst').check();
			await first.page.getByRole('button', { name: 'Bewaar' }).click();
			await expect(first.page.getByText('Opgeslagen.')).toBeVisible();
			await expect(first.page.getByLabel('Laat mijn naam zien in de ledenlijst')).toBeChecked();

			// A newcomer opens the link and makes an account in one step.
			const newcomer = newPerson('Sam');
			await page.goto(first.link);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Je bent uitgenodigd voor De Kroon ${suffix}`);
			await expectAccessible(page);
			await fillSignUp(page, newcomer);
			await page.getByRole('button', { name: 'Account maken en lid worden' }).click();
			await expect(page.getByText('Welkom! Je bent nu lid.')).toBeVisible();
			await page.getByRole('link', { name: 'Naar de ledenpagina' }).click();
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Leden van De Kroon ${suffix}`);
			await expect(page.getByText('Sam (jij)')).toBeVisible();
			await expect(page.getByText('Coördinator', { exact: true })).toBeVisible();
			// No e-mail address is ever shown to other members.
			await expect(page.locator('body')).not.toContainText('@voorbeeld.test');
			await expectAccessible(page);

			// The coordinator sees the newcomer among the members.
			await first.page.goto(`/initiatieven/${first.slug}/leden`);
			await expect(first.page.getByText('Sam', { exact: true })).toBeVisible();
			await expect(first.page.getByText(/^lid sinds \d+ \w+ \d{4}$/).first()).toBeVisible();
			await first.context.close();

			// Leaving asks first; afterwards the members page is closed to them.
			await page.getByText('Ik stop als lid', { exact: true }).click();
			await page.getByRole('button', { name: 'Ja, ik stop als lid' }).click();
			await expect(page).toHaveURL(/\/initiatieven(\?.*)?$/);
			expect((await page.goto(`/initiatieven/${first.slug}/leden`))?.status()).toBe(404);

			// A member of another initiative cannot reach this members page.
			const second = await startInitiativeAndInvite(browser, baseURL!, javaScriptEnabled, `Het Anker ${suffix}`, 'Deventer');
			const response = await second.page.goto(`/initiatieven/${first.slug}/leden`);
			expect(response?.status()).toBe(404);
			// The initiative itself waits for approval, so it is not public either.
			expect((await second.page.goto(`/initiatieven/${first.slug}`))?.status()).toBe(404);
			await second.context.close();
		});
	});
}

test('an invite link that is used up, revoked or made up gives a clear message and a way forward', async ({ browser, baseURL, page }) => {
	const { context, page: coordinatorPage, link } = await startInitiativeAndInvite(browser, baseURL!, true, 'De Brug', 'Kampen');

	// A single-use link: make one and use it.
	await coordinatorPage.getByLabel('Voor één persoon').check();
	await coordinatorPage.getByRole('button', { name: 'Link maken' }).click();
	const single = await coordinatorPage.getByRole('textbox', { name: 'Uitnodigingslink' }).inputValue();
	await page.goto(single);
	await fillSignUp(page, newPerson('Eerste'));
	await page.getByRole('button', { name: 'Account maken en lid worden' }).click();
	await expect(page.getByText('Welkom! Je bent nu lid.')).toBeVisible();
	// Opening the link again: the new member is told they already belong, not offered to join.
	await page.goto(single);
	await expect(page.getByText('Je bent al lid van De Brug.')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Ja, ik word lid' })).toHaveCount(0);
	await expectAccessible(page);

	const stranger = await browser.newContext({ baseURL });
	const other = await stranger.newPage();
	const used = await other.goto(single);
	expect(used?.status()).toBe(200);
	await expect(other.getByText('Deze uitnodiging is al gebruikt.')).toBeVisible();
	await expect(other.getByRole('link', { name: 'Bekijk de initiatieven' })).toBeVisible();
	await expectAccessible(other);

	await other.goto('/uitnodiging/verzonnen-link-die-niet-bestaat');
	await expect(other.getByText('Deze uitnodiging kennen we niet.')).toBeVisible();

	// The used single-use link is no longer listed; revoking the multi-use link stops it.
	await coordinatorPage.goto(new URL(coordinatorPage.url()).pathname);
	await expect(coordinatorPage.getByRole('button', { name: 'Stop deze link' })).toHaveCount(1);
	await coordinatorPage.getByRole('button', { name: 'Stop deze link' }).click();
	await expect(coordinatorPage.getByText('Er zijn geen links die nog werken.')).toBeVisible();
	await other.goto(link);
	await expect(other.getByText('Deze uitnodiging werkt niet meer.')).toBeVisible();
	await stranger.close();
	await context.close();
});

test('the association admin hears of a new initiative and approves it, which then becomes public; another is declined with a reason its coordinator reads', async ({ browser, baseURL, page }) => {
	const { context, slug, coordinator } = await startInitiativeAndInvite(browser, baseURL!, true, 'Het Baken', 'Emmen');
	await context.close();
	expect((await page.goto(`/initiatieven/${slug}`))?.status()).toBe(404);
	const waiting = await mailFor(process.env.E2E_ADMIN_EMAIL!, 'Een nieuw initiatief wacht: Het Baken');
	expect(waiting.text).toContain('/beheer#wachtend');

	await signIn(page, { email: process.env.E2E_ADMIN_EMAIL!, password: process.env.E2E_ADMIN_PASSWORD! });
	await page.getByRole('link', { name: 'Beheer' }).click();
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Goedkeuren: Het Baken' }).click();
	await expect(page.getByText('Opgeslagen.')).toBeVisible();
	await mailFor(coordinator.email, 'Het Baken staat online');

	// Declining needs a reason; the coordinator reads it on the initiative's page, not in the mail.
	const declined = await startInitiativeAndInvite(browser, baseURL!, false, 'De Vuurtoren', 'Assen');
	await page.goto('/beheer');
	await page.getByRole('button', { name: 'Afwijzen: De Vuurtoren' }).click();
	await expect(page.getByText('Schrijf kort waarom. De coördinatoren lezen dit.')).toBeVisible();
	await page.getByRole('listitem').filter({ hasText: 'De Vuurtoren' }).getByLabel('Waarom niet? De coördinatoren lezen dit.').fill('Vertel wat meer over wie jullie zijn en wat jullie doen.');
	await page.getByRole('button', { name: 'Afwijzen: De Vuurtoren' }).click();
	await expect(page.getByRole('status')).toHaveText('Afgewezen. De coördinatoren krijgen een mail en lezen je reden op hun pagina.');
	await expectAccessible(page);
	const told = await mailFor(declined.coordinator.email, 'Over je nieuwe initiatief De Vuurtoren');
	expect(told.text).not.toContain('Vertel wat meer');
	await declined.page.goto(`/initiatieven/${declined.slug}`);
	await expect(declined.page.getByText('De vereniging heeft dit initiatief nog niet goedgekeurd. Zij schreven: Vertel wat meer over wie jullie zijn en wat jullie doen.')).toBeVisible();
	await expectAccessible(declined.page);
	await declined.context.close();

	const anonymous = await browser.newContext({ baseURL });
	const visitor = await anonymous.newPage();
	expect((await visitor.goto(`/initiatieven/${slug}`))?.status()).toBe(200);
	await expect(visitor.getByText('Lid worden gaat met een uitnodiging')).toBeVisible();
	await visitor.goto('/initiatieven');
	await expect(visitor.getByRole('link', { name: 'Het Baken' })).toBeVisible();
	await expectAccessible(visitor);
	await anonymous.close();
});

test('a coordinator checks a pasted list before sending: a typo stays to be fixed, a second invite is flagged', async ({ browser, baseURL, page: admin }) => {
	test.slow();
	const { context, page, slug } = await startInitiativeAndInvite(browser, baseURL!, false, 'De Wending', 'Hattem');
	// Inviting by mail waits for the association's approval.
	await expect(page.getByText('Uitnodigen per e-mail kan zodra de vereniging je initiatief heeft goedgekeurd.')).toBeVisible();
	await signIn(admin, { email: process.env.E2E_ADMIN_EMAIL!, password: process.env.E2E_ADMIN_PASSWORD! });
	await admin.goto('/beheer');
	await admin.getByRole('button', { name: 'Goedkeuren: De Wending' }).click();
	await expect(admin.getByText('Opgeslagen.')).toBeVisible();
	await page.goto(`/initiatieven/${slug}/uitnodigen`);
	await page.getByLabel('E-mailadressen').fill('Noor;noor@voorbeeld.test\nbram@voorbeeld');
	await page.getByRole('button', { name: 'Bekijk wat er gebeurt' }).click();
	await expect(page.getByText('1 uitnodigingen klaar om te versturen. 1 regels slaan we over.')).toBeVisible();
	// What was typed stays, so the typo can be fixed.
	await expect(page.getByLabel('E-mailadressen')).toHaveValue('Noor;noor@voorbeeld.test\nbram@voorbeeld');
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Verstuur 1 uitnodigingen' }).click();
	await expect(page.getByText('1 uitnodigingen verstuurd.')).toBeVisible();

	await page.getByLabel('E-mailadressen').fill('noor@voorbeeld.test');
	await page.getByRole('button', { name: 'Bekijk wat er gebeurt' }).click();
	await expect(page.getByText(/Heeft al een uitnodiging die werkt tot \d+ \w+\./)).toBeVisible();
	await context.close();
});
