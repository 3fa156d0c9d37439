import type { Page } from '@playwright/test';
import { expect, expectAccessible, test } from './fixtures.ts';
import { initiativeWithInviteLink, joinWithLink } from './helpers.ts';

/** On the 360 px phone nothing may need sideways scrolling. */
async function expectNoSideways(page: Page) {
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	expect(overflow, `horizontal overflow on ${page.url()}`).toBeLessThanOrEqual(0);
}

/** A day next week in Amsterdam, as a date field sends it. */
const nextWeek = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date(Date.now() + 7 * 86_400_000));

/*
 * From a conversation to afspraak, gedaan and bedankje. Noor uses no
 * JavaScript; Joost has it on, on a 360 px phone: every step is a plain form.
 */
test('a member offers help, another responds; they agree an afspraak, mark it done, say thanks, and the thanks shows on the profile', async ({ browser, baseURL }) => {
	test.slow();
	const { link } = await initiativeWithInviteLink(browser, baseURL!, false, 'De Kroon afspraken');
	const noor = await joinWithLink(browser, baseURL!, false, link, 'Noor');
	const joost = await joinWithLink(browser, baseURL!, true, link, 'Joost');
	await joost.setViewportSize({ width: 360, height: 740 });

	// Noor writes her profile and offers help with forms.
	await noor.goto('/account');
	await noor.getByRole('link', { name: 'Mijn profiel aanpassen' }).click();
	await noor.getByLabel('Wat ik graag doe').fill('Wandelen en puzzelen.');
	await noor.getByLabel('Mijn talenten').fill('Ik kan goed uitleggen wat er in een brief staat.');
	await noor.getByRole('button', { name: 'Opslaan' }).click();
	await expect(noor.getByRole('status')).toHaveText('Je profiel is opgeslagen.');
	await expectAccessible(noor);
	await noor.goto('/vraag-en-aanbod/nieuw');
	await noor.getByLabel('Ik bied iets aan').check();
	await noor.getByLabel('Korte titel').fill('Ik help met formulieren');
	await noor.getByLabel('Thema').selectOption({ label: 'Formulieren en geldzaken' });
	await noor.getByLabel('Plaats', { exact: true }).fill('Zwolle');
	await noor.getByRole('button', { name: 'Plaatsen' }).click();
	const postPath = new URL(noor.url()).pathname;

	// Joost opens her profile from the post (no contact details on it), then responds.
	await joost.goto(postPath);
	await joost.getByRole('link', { name: 'Van Noor' }).click();
	await expect(joost.getByRole('heading', { level: 1 })).toHaveText('Profiel van Noor');
	await expect(joost.getByText('Ik kan goed uitleggen wat er in een brief staat.')).toBeVisible();
	await expect(joost.getByText('@')).toHaveCount(0);
	await expectAccessible(joost);
	await expectNoSideways(joost);
	await joost.goto(postPath);
	await joost.getByRole('link', { name: 'Dit wil ik graag' }).click();
	await joost.getByLabel('Je bericht').fill('Hallo Noor, wil je met me naar de brief van de gemeente kijken?');
	await joost.getByRole('button', { name: 'Bericht sturen' }).click();
	const conversationPath = new URL(joost.url()).pathname;

	// He proposes an afspraak; without a day he is told so, and the place he typed stays.
	await joost.getByLabel('Waar').fill('Bibliotheek Zwolle');
	await joost.getByRole('button', { name: 'Voorstel sturen' }).click();
	await expect(joost.getByText('Vul een dag in, bijvoorbeeld 8-12-2026.')).toBeVisible();
	await expect(joost.getByLabel('Waar')).toHaveValue('Bibliotheek Zwolle');
	await expectAccessible(joost);
	await joost.getByLabel('Dag').fill(nextWeek());
	await joost.getByLabel('Tijd').fill('14:00');
	await joost.getByRole('button', { name: 'Voorstel sturen' }).click();
	await expect(joost.getByRole('status')).toHaveText('Je voorstel is verstuurd.');
	await expect(joost.getByText(/Je stelde voor: .*, 14:00, Bibliotheek Zwolle\./)).toBeVisible();
	await expectNoSideways(joost);

	// Noor says yes: it is agreed, and in her own calendar link.
	await noor.goto(conversationPath);
	await expect(noor.getByText(/Joost stelt voor: .*, 14:00, Bibliotheek Zwolle\./)).toBeVisible();
	await expectAccessible(noor);
	await noor.getByRole('button', { name: 'Ja, dat is goed' }).click();
	await expect(noor.getByText(/Jullie hebben afgesproken: .*, 14:00, Bibliotheek Zwolle\./)).toBeVisible();
	await expectAccessible(noor);
	await noor.goto('/account/agenda');
	await noor.getByRole('button', { name: 'Link maken' }).click();
	const feedLink = await noor.getByRole('textbox', { name: 'Jouw agenda-link' }).inputValue();
	const feed = await (await noor.request.get(new URL(feedLink).pathname)).text();
	expect(feed).toContain('SUMMARY:Afspraak: Ik help met formulieren');
	expect(feed).toContain('LOCATION:Bibliotheek Zwolle');
	expect(feed).not.toContain('brief van de gemeente');

	// Noor marks it done; Joost confirms.
	await noor.goto(conversationPath);
	await noor.getByRole('button', { name: 'Het is gedaan' }).click();
	await expect(noor.getByText('Je gaf aan dat het gedaan is. Joost moet dit nog bevestigen.')).toBeVisible();
	await joost.goto(conversationPath);
	await expect(joost.getByText('Noor zegt dat het gedaan is. Klopt dat?')).toBeVisible();
	await expectAccessible(joost);
	await joost.getByRole('button', { name: 'Ja, het is gedaan' }).click();
	await expect(joost.getByText(/Gedaan: .*, 14:00, Bibliotheek Zwolle\./)).toBeVisible();

	// Joost thanks her; Noor shows the bedankje on her profile, where Joost sees it.
	await joost.getByLabel('Je bedankje').fill('Dankjewel Noor, nu snap ik de brief.');
	await joost.getByRole('button', { name: 'Bedankje sturen' }).click();
	await expect(joost.getByRole('status')).toHaveText('Je bedankje is verstuurd.');
	await expectAccessible(joost);
	await noor.goto(conversationPath);
	await expect(noor.getByText('Dankjewel Noor, nu snap ik de brief.')).toBeVisible();
	await expect(noor.getByText('Alleen jij ziet dit bedankje.')).toBeVisible();
	await noor.getByRole('button', { name: 'Laat zien op mijn profiel' }).click();
	await expect(noor.getByRole('status')).toHaveText('Het bedankje staat nu op je profiel.');
	await expectAccessible(noor);
	await joost.goto(conversationPath);
	await joost.getByRole('link', { name: 'Profiel van Noor' }).click();
	await expect(joost.getByText('Dankjewel Noor, nu snap ik de brief.')).toBeVisible();
	await expect(joost.getByRole('main').getByText('Joost')).toHaveCount(0);
	await expectNoSideways(joost);

	// "Geven en ontvangen", for each alone: a plain list, no totals.
	await noor.goto('/account');
	await noor.getByRole('link', { name: 'Geven en ontvangen' }).click();
	await expect(noor.getByRole('heading', { name: 'Je gaf: Ik help met formulieren' })).toBeVisible();
	await expectAccessible(noor);
	await joost.goto('/account/geven-en-ontvangen');
	await expect(joost.getByRole('heading', { name: 'Je kreeg: Ik help met formulieren' })).toBeVisible();
	await expectAccessible(joost);
	await expectNoSideways(joost);
});
