import type { Browser, Page } from '@playwright/test';
import { expect, expectAccessible, test } from './fixtures.ts';
import { newPerson, signIn, signUp, type Person } from './helpers.ts';
import { mailFor, readOutbox } from './outbox.ts';

/*
 * A request to the expertise pool, the whole way: an organisation without an
 * account asks for a gastles and confirms by mail; a pool coordinator asks a
 * question and proposes a duo; both experts accept; the organisation and the
 * experts confirm the afsprakenkaart; it is delivered; the organisation gives
 * feedback and the expert reads it; the overview counts it. The organisation
 * and one expert work without JavaScript, the coordinator and the other
 * expert with it; phones at 360 px; axe on every page. The rules (stale
 * clicks, late cancelling, retention, who sees what) are in Vitest.
 */

const PHONE = { width: 360, height: 740 };

async function expectNoSideways(page: Page) {
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	expect(overflow, `horizontal overflow on ${page.url()}`).toBeLessThanOrEqual(0);
}

async function phone(browser: Browser, baseURL: string, javaScriptEnabled: boolean): Promise<Page> {
	return (await browser.newContext({ baseURL, javaScriptEnabled, viewport: PHONE })).newPage();
}

/** An expert with a published profile under their own name, doing gastlessen online. */
async function publishedExpert(page: Page, person: Person) {
	await signUp(page, person);
	await page.goto('/account/expertise');
	await page.getByLabel('Herstel', { exact: true }).check();
	await page.getByLabel('Gastles').check();
	await page.getByLabel('Ik werk ook online').check();
	await page.getByLabel('Over mij, in mijn eigen woorden').fill('Ik vertel over mijn herstel, rustig en eerlijk.');
	await page.getByRole('button', { name: 'Bewaren en publiceren' }).click();
	await expect(page.getByRole('status')).toHaveText('Je profiel is gepubliceerd.');
}

/** The secret link in the newest mail to this address. */
async function requestLink(to: string): Promise<string> {
	let link: string | undefined;
	await expect
		.poll(
			async () => {
				const mail = (await readOutbox(process.env.E2E_DATA_DIR!)).filter((m) => m.to.includes(to)).at(-1);
				link = mail && /https?:\/\/[^\s/]+(\/expertisepool\/aanvraag\/[A-Za-z0-9_-]{43})/.exec(mail.text)?.[1];
				return link;
			},
			{ timeout: 10_000 }
		)
		.toBeTruthy();
	return link!;
}

test('an organisation requests a gastles and confirms by mail; a pool coordinator asks a question and proposes a duo; both accept; everyone confirms the afsprakenkaart; after the work the organisation gives feedback and the expert reads it; the overview counts it', async ({ browser, baseURL }) => {
	test.setTimeout(480_000);
	const stamp = Date.now() % 1_000_000;
	const anouk = newPerson(`Anouk Verhaal ${stamp}`);
	const bas = newPerson(`Bas Verteller ${stamp}`);
	const poolPerson = newPerson(`Petra Pool ${stamp}`);
	const orgMail = `docent-${stamp}@hogeschool.test`;
	const today = new Intl.DateTimeFormat('nl-NL', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Europe/Amsterdam' }).format(new Date());

	// The people: two experts (one without JavaScript), a pool coordinator the admin appoints.
	const expertA = await phone(browser, baseURL!, false);
	const expertB = await phone(browser, baseURL!, true);
	const pool = await phone(browser, baseURL!, true);
	const org = await phone(browser, baseURL!, false);
	await publishedExpert(expertA, anouk);
	await publishedExpert(expertB, bas);
	await signUp(pool, poolPerson);
	const admin = await (await browser.newContext({ baseURL, javaScriptEnabled: false })).newPage();
	await signIn(admin, { email: process.env.E2E_ADMIN_EMAIL!, password: process.env.E2E_ADMIN_PASSWORD! });
	await admin.goto('/beheer/poolcoordinatoren');
	await admin.getByLabel('E-mailadres van het account').fill(poolPerson.email);
	await admin.getByRole('button', { name: 'Poolcoördinator maken' }).click();
	await expect(admin.getByRole('status')).toHaveText('De taak is gegeven.');

	// The organisation finds Anouk and asks for her; forgetting the fee names it, and nothing typed is lost.
	await expertA.goto('/account/expertise');
	const profilePath = await expertA.getByRole('link', { name: 'Bekijk je profiel zoals anderen het zien' }).getAttribute('href');
	await org.goto(profilePath!);
	await org.getByRole('link', { name: 'Vraag deze ervaringsdeskundige aan' }).click();
	await expect(org.getByRole('heading', { level: 1 })).toHaveText('Ervaringsdeskundigheid aanvragen');
	await expect(org.getByText(`U vraagt ${anouk.name} aan.`)).toBeVisible();
	await expectAccessible(org);
	await org.getByLabel('Naam van de organisatie').fill('Hogeschool IJsselland');
	await org.getByLabel('School of opleiding').check();
	await org.getByLabel('Contactpersoon').fill('Marieke de Boer');
	await org.getByLabel('E-mailadres', { exact: true }).fill(orgMail);
	await org.getByLabel('Gastles').check();
	await org.getByLabel('Herstel', { exact: true }).check();
	await org.getByLabel('Wat is het doel?').fill('Studenten horen hoe herstel echt gaat.');
	await org.getByLabel('Voor wie is het?').fill('Tweedejaars verpleegkunde');
	await org.getByLabel('Datum').fill(today);
	await org.getByLabel('Hoe lang duurt het?').fill('2 uur');
	await org.getByLabel('Online', { exact: true }).check();
	await org.getByLabel('Nee', { exact: true }).check();
	await org.getByLabel('Wat gebeurt er met wat de ervaringsdeskundige vertelt?').fill('Het blijft in de zaal.');
	await org.getByLabel('Hoe is de nazorg geregeld?').fill('Een nagesprek met de docent.');
	await org.getByRole('button', { name: 'Aanvraag versturen' }).click();
	await expect(org.getByRole('alert')).toContainText('Kies welke vergoeding u betaalt.');
	await expect(org.getByLabel('Wat is het doel?')).toHaveValue('Studenten horen hoe herstel echt gaat.');
	await expect(org.getByLabel('School of opleiding')).toBeChecked();
	await expectAccessible(org);
	await expectNoSideways(org);
	await org.getByLabel('Honorarium plus onkosten').check();
	await org.getByLabel('Bedrag per ervaringsdeskundige, in euro').fill('150');
	await org.getByRole('button', { name: 'Aanvraag versturen' }).click();
	await expect(org.getByRole('heading', { level: 1 })).toHaveText('Kijk in je mail');
	await expectAccessible(org);

	// The mail holds the link, never the request; the link confirms with a button.
	const link = await requestLink(orgMail);
	const mail = (await readOutbox(process.env.E2E_DATA_DIR!)).filter((m) => m.to.includes(orgMail)).at(-1)!;
	expect(mail.text).not.toContain('Studenten horen');
	await org.goto(link);
	await expect(org.getByRole('heading', { level: 1 })).toHaveText('Bevestig uw aanvraag');
	await expectAccessible(org);
	await org.getByRole('button', { name: 'Ja, bevestigen' }).click();
	await expect(org.getByRole('status')).toContainText('Uw aanvraag is bevestigd');
	await expectAccessible(org);

	// The pool coordinator hears of it, finds it in the queue and asks a question.
	await mailFor(poolPerson.email, 'Nieuws in de Expertisepool');
	await pool.goto('/expertisepool/coordinatie');
	await pool.getByRole('link', { name: 'Aanvragen van organisaties' }).click();
	await expectAccessible(pool);
	await pool.getByRole('link', { name: 'Hogeschool IJsselland' }).first().click();
	await expect(pool.getByText('Marieke de Boer')).toBeVisible();
	await expectAccessible(pool);
	await pool.getByLabel('Vraag of antwoord aan de organisatie').fill('Mag er een pauze in de les?');
	await pool.getByRole('button', { name: 'Bericht sturen' }).click();
	await expect(pool.getByRole('status')).toHaveText('Uw bericht is verstuurd.');

	// The organisation answers through its link.
	await org.goto(link);
	await expect(org.getByText('Mag er een pauze in de les?')).toBeVisible();
	await org.getByLabel('Uw bericht').fill('Ja, na een uur.');
	await org.getByRole('button', { name: 'Bericht sturen' }).click();
	await expect(org.getByText('Ja, na een uur.')).toBeVisible();
	await expectAccessible(org);

	// A duo: Anouk (asked for) and Bas.
	await pool.reload();
	await expect(pool.getByText('Ja, na een uur.')).toBeVisible();
	await pool.getByLabel(new RegExp(anouk.name)).check();
	await pool.getByLabel(new RegExp(bas.name)).check();
	await pool.getByRole('button', { name: 'Voorstellen' }).click();
	await expect(pool.getByRole('status')).toHaveText('Opgeslagen.');
	await expectAccessible(pool);

	// Both experts accept, privately, from their account.
	for (const page of [expertA, expertB]) {
		await page.goto('/account/expertise');
		await page.getByRole('link', { name: 'Aanvragen voor jou' }).click();
		await expectAccessible(page);
		await page.getByRole('link', { name: /Gastles/ }).first().click();
		await expect(page.getByText('Marieke de Boer')).toHaveCount(0);
		await expectAccessible(page);
		await page.getByRole('button', { name: 'Ja, ik doe het' }).click();
		await expect(page.getByText('Je zei ja.')).toBeVisible();
	}

	// Anouk asks the organisation something through the thread; it reads her shown name, never her address.
	await expertA.getByLabel('Jouw bericht aan de organisatie en de pool').fill('Is er een beamer in de zaal?');
	await expertA.getByRole('button', { name: 'Bericht sturen' }).click();
	await expect(expertA.getByRole('status')).toHaveText('Je bericht is verstuurd.');
	await org.goto(link);
	await expect(org.getByText(`${anouk.name}, ervaringsdeskundige`)).toBeVisible();
	await expect(org.getByText('Is er een beamer in de zaal?')).toBeVisible();

	// The coordinator writes the afsprakenkaart.
	await pool.reload();
	await pool.getByLabel('Rollen').fill(`${anouk.name} vertelt, ${bas.name} beantwoordt vragen.`);
	await pool.getByLabel('Wat er gevraagd wordt').fill('Hoe herstel ging, wat hielp.');
	await pool.getByLabel('Wat er niet gevraagd wordt').fill('Geen vragen over diagnoses.');
	await pool.getByRole('button', { name: 'Kaart opslaan' }).click();
	await expect(pool.getByRole('status')).toHaveText('Opgeslagen.');

	// The organisation sees the duo by name only, and confirms the card; so do both experts.
	await org.goto(link);
	await expect(org.getByRole('link', { name: anouk.name })).toBeVisible();
	await expect(org.getByRole('link', { name: bas.name })).toBeVisible();
	const html = await org.content();
	for (const secret of [anouk.email, bas.email]) expect(html).not.toContain(secret);
	await expect(org.getByText('Annuleert u minder dan 7 dagen voor de dag?')).toBeVisible();
	await expectAccessible(org);
	await expectNoSideways(org);
	await org.getByRole('button', { name: 'Ik bevestig de afsprakenkaart' }).click();
	await expect(org.getByText('U hebt de afsprakenkaart bevestigd.')).toBeVisible();
	for (const page of [expertA, expertB]) {
		await page.reload();
		await expect(page.getByText('Geen vragen over diagnoses.')).toBeVisible();
		await page.getByRole('button', { name: 'Ik bevestig de afsprakenkaart' }).click();
		await expect(page.getByText('Je hebt de afsprakenkaart bevestigd.')).toBeVisible();
		await expectAccessible(page);
	}
	await org.goto(link);
	await expect(org.locator('#stand .status')).toHaveText('Afgesproken');

	// The work is done; the organisation writes back; Anouk reads it and writes how it was for her.
	await pool.reload();
	await pool.getByRole('button', { name: 'Het werk is gedaan' }).click();
	await expect(pool.getByRole('status')).toHaveText('Opgeslagen.');
	await org.goto(link);
	await org.getByLabel('Uw woorden voor de ervaringsdeskundigen').fill('De studenten praten er nog steeds over.');
	await org.getByRole('button', { name: 'Versturen' }).click();
	await expect(org.getByRole('status')).toHaveText('Dank u wel. De ervaringsdeskundigen lezen uw woorden.');
	await expectAccessible(org);
	await expertA.reload();
	await expect(expertA.getByText('De studenten praten er nog steeds over.')).toBeVisible();
	await expertA.getByRole('textbox', { name: 'Hoe was het voor jou?' }).fill('Spannend, maar goed.');
	await expertA.getByRole('button', { name: 'Opslaan' }).click();
	await expect(expertA.getByRole('status')).toHaveText('Opgeslagen.');
	await expectAccessible(expertA);
	await expectNoSideways(expertA);

	// The overview counts it (small numbers as "< 10").
	await pool.goto('/expertisepool/overzicht');
	const month = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', timeZone: 'Europe/Amsterdam' }).format(new Date()).slice(0, 7);
	await expect(pool.getByRole('row', { name: new RegExp(month) })).toContainText('< 10');
	await expectAccessible(pool);
});
