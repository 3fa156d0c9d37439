import type { Browser, Page } from '@playwright/test';
import sharp from 'sharp';
import { expect, expectAccessible, test } from './fixtures.ts';
import { confirmAddress, newPerson, signIn, signUp, startInitiative, type Person } from './helpers.ts';
import { readOutbox } from './outbox.ts';

/**
 * An initiative's public page and how its coordinators keep it up to date.
 *
 * "Nu open" is computed by the server with the real clock. Rather than a test
 * clock (one more thing that could be switched on in production), these tests
 * set walk-in hours around the current time in Amsterdam: open all day today
 * (00:00–23:59, not closed on holidays) must read "Nu open tot 23:59"; hours
 * only on the day after tomorrow must read "weer open <that weekday> 10:00".
 */

const ZONE = 'Europe/Amsterdam';
const shots = process.env.SCREENSHOTS ? '.tmp/screenshots' : '';

/** Today in Amsterdam: ISO weekday (1 = Monday) and the Dutch names of it and of the day after tomorrow. */
async function amsterdamToday() {
	const time = () => new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date());
	// In the last minute of the day "open until 23:59" would be wrong: wait for the new day.
	while (time() === '23:59') await new Promise((r) => setTimeout(r, 1000));
	const name = (days: number) => new Intl.DateTimeFormat('nl-NL', { timeZone: ZONE, weekday: 'long' }).format(new Date(Date.now() + days * 86_400_000));
	return { today: name(0), later: name(2) };
}

/** A coordinator signs up and starts an initiative; the admin approves it, so it is public. */
async function publishedInitiative(browser: Browser, baseURL: string, name: string, javaScriptEnabled = true) {
	const context = await browser.newContext({ baseURL, javaScriptEnabled });
	const page = await context.newPage();
	const coordinator = newPerson('Coördinator');
	await signUp(page, coordinator);
	await confirmAddress(page, coordinator);
	const slug = await startInitiative(page, name);

	const adminContext = await browser.newContext({ baseURL });
	const admin = await adminContext.newPage();
	await signIn(admin, { email: process.env.E2E_ADMIN_EMAIL!, password: process.env.E2E_ADMIN_PASSWORD! });
	await admin.goto('/beheer');
	await admin.getByRole('button', { name: `Goedkeuren: ${name}` }).click();
	await expect(admin.getByText('Opgeslagen.')).toBeVisible();
	await adminContext.close();
	return { page, slug, coordinator };
}

async function screenshot(page: Page, name: string) {
	if (!shots) return;
	await page.screenshot({ path: `${shots}/${name}-desktop.png`, fullPage: true });
	const size = page.viewportSize()!;
	await page.setViewportSize({ width: 390, height: 844 });
	await page.screenshot({ path: `${shots}/${name}-390.png`, fullPage: true });
	await page.setViewportSize(size);
}

test('a coordinator edits the walk-in hours and the public page says "nu open" correctly', async ({ browser, baseURL }) => {
	test.slow();
	const { page, slug } = await publishedInitiative(browser, baseURL!, 'De Zonnebloem');
	const cspErrors: string[] = [];
	page.on('console', (message) => {
		// Only scripts here: the JSON-LD block must not trip script-src.
		if (/Content Security Policy directive 'script-src/i.test(message.text())) cspErrors.push(message.text());
	});
	await page.goto(`/initiatieven/${slug}`);
	await expect(page.getByText('Er zijn geen vaste inlooptijden.')).toBeVisible();
	await page.getByRole('link', { name: 'Pagina bijwerken' }).first().click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pagina van De Zonnebloem bijwerken');
	await expectAccessible(page);

	const { today, later } = await amsterdamToday();
	const day = (name: string) => page.getByRole('group', { name, exact: true });

	// Mistakes get a clear message and keep what was typed.
	await page.getByLabel('Wie zijn jullie en wat doen jullie?').fill('Een huiskamer voor iedereen.\n\nKoffie staat klaar.');
	await page.getByLabel('Postcode (mag leeg blijven)').fill('80111');
	await page.getByLabel('Plaats').fill('Atlantis aan Zee');
	await day(today).getByLabel('Van', { exact: true }).fill('16:00');
	await day(today).getByLabel('Tot', { exact: true }).fill('10:00');
	await page.getByLabel('Wandelen').check();
	await page.getByRole('button', { name: 'Opslaan' }).click();
	const summary = page.getByRole('alert');
	await expect(summary).toContainText('Vul een postcode in zoals 8011 AB');
	await expect(summary).toContainText('We kennen de plaats "Atlantis aan Zee" niet.');
	// A walk-in time's mistake names its day.
	await expect(summary).toContainText(new RegExp(`${today}: De eindtijd moet later zijn dan de begintijd.`, 'i'));
	await expect(day(today).getByLabel('Van', { exact: true })).toHaveValue('16:00');
	await expect(page.getByLabel('Plaats')).toHaveValue('Atlantis aan Zee');
	await expect(page.getByLabel('Wandelen')).toBeChecked();
	await expect(page.getByLabel('Wie zijn jullie en wat doen jullie?')).toHaveValue('Een huiskamer voor iedereen.\n\nKoffie staat klaar.');
	await expectAccessible(page);

	// Open all day today.
	await page.getByLabel('Straat en huisnummer (mag leeg blijven)').fill('Kerkstraat 12');
	await page.getByLabel('Postcode (mag leeg blijven)').fill('8011 ab');
	await page.getByLabel('Plaats').fill('zwolle');
	await page.getByLabel('Rolstoeltoegankelijk').check();
	await page.getByLabel('Telefoonnummer (mag leeg blijven)').fill('038 123 45 67');
	await page.getByLabel('Website (mag leeg blijven)').fill('dezonnebloem.example');
	await day(today).getByLabel('Van', { exact: true }).fill('00:00');
	await day(today).getByLabel('Tot', { exact: true }).fill('23:59');
	await page.getByLabel('Gesloten op feestdagen').uncheck();
	await page.getByRole('button', { name: 'Opslaan' }).click();
	await expect(page.getByText('Opgeslagen. De pagina is bijgewerkt.')).toBeVisible();
	await expect(page.getByLabel('Postcode (mag leeg blijven)')).toHaveValue('8011 AB');

	await page.getByRole('link', { name: 'Bekijk de pagina' }).click();
	await expect(page.getByText('Nu open tot 23:59')).toBeVisible();
	const hours = page.locator('dl.hours');
	await expect(hours.locator('div.today dt')).toContainText(today);
	await expect(hours.locator('div.today dd')).toHaveText('00:00–23:59');
	await expect(page.getByRole('list').filter({ hasText: 'Wandelen' })).toBeVisible();
	await expect(page.getByText('Rolstoeltoegankelijk')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Route plannen op OpenStreetMap' })).toHaveAttribute('href', /openstreetmap\.org\/directions\?to=Kerkstraat%2012%2C%208011%20AB%20Zwolle/);
	await expectAccessible(page);

	// Search engines get the same facts; the JSON-LD is inert data that the CSP lets through.
	const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
	expect(jsonLd['@graph'][0]).toMatchObject({ '@type': 'Organization', name: 'De Zonnebloem', telephone: '038 123 45 67' });
	expect(jsonLd['@graph'][1]).toMatchObject({ '@type': 'Place', address: { postalCode: '8011 AB', addressLocality: 'Zwolle' } });
	await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', 'De Zonnebloem');
	await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', 'Een huiskamer voor iedereen. Koffie staat klaar.');
	expect(cspErrors).toEqual([]);

	// Only on the day after tomorrow: closed now, and the page says when it opens again.
	await page.goto(`/initiatieven/${slug}/profiel`);
	await day(today).getByLabel('Van', { exact: true }).fill('');
	await day(today).getByLabel('Tot', { exact: true }).fill('');
	await day(later).getByLabel('Van', { exact: true }).fill('10:00');
	await day(later).getByLabel('Tot', { exact: true }).fill('12:00');
	await day(later).getByText('Nog een blok').click();
	await day(later).getByLabel('Later van').fill('18:00');
	await day(later).getByLabel('Later tot').fill('20:00');
	await page.getByRole('button', { name: 'Opslaan' }).click();
	await expect(page.getByText('Opgeslagen. De pagina is bijgewerkt.')).toBeVisible();

	// A closure in a few weeks is listed on the page.
	const inTwoWeeks = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date(Date.now() + 14 * 86_400_000));
	const inThreeWeeks = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date(Date.now() + 21 * 86_400_000));
	await page.getByLabel('Eerste dag dicht').fill(inThreeWeeks);
	await page.getByLabel('Laatste dag dicht').fill(inTwoWeeks);
	await page.getByRole('button', { name: 'Sluiting toevoegen' }).click();
	await expect(page.getByRole('alert')).toContainText('De laatste dag mag niet voor de eerste dag liggen.');
	await page.getByLabel('Eerste dag dicht').fill(inTwoWeeks);
	await page.getByLabel('Laatste dag dicht').fill(inThreeWeeks);
	await page.getByLabel('Waarom dicht? (mag leeg blijven)').fill('Zomersluiting');
	await page.getByRole('button', { name: 'Sluiting toevoegen' }).click();
	await expect(page.getByText('De sluitingen zijn bijgewerkt.')).toBeVisible();
	await expectAccessible(page);
	await screenshot(page, 'profiel-bewerken');

	await page.goto(`/initiatieven/${slug}`);
	await expect(page.getByText(`Vandaag gesloten. Weer open ${later} om 10:00.`)).toBeVisible();
	await expect(page.locator('dl.hours')).toContainText('10:00–12:00, 18:00–20:00');
	await expect(page.getByText(/^Zomersluiting: van .* tot en met /)).toBeVisible();
	await expectAccessible(page);
	await screenshot(page, 'initiatief');
	await page.context().close();
});

test('a visitor without an account and without JavaScript sends a message; the coordinator and the visitor get it', async ({ browser, baseURL }) => {
	const { page: coordinatorPage, slug, coordinator } = await publishedInitiative(browser, baseURL!, 'Het Kompas');
	await coordinatorPage.context().close();
	const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto(`/initiatieven/${slug}`);
	await expectAccessible(page);
	const form = page.locator('form.contact-form');
	await form.getByLabel('Je naam').fill('Eva');
	await form.getByLabel('Je e-mailadres').fill('eva@voorbeeld.test');
	await form.getByRole('button', { name: 'Bericht versturen' }).click();

	// Forgot the message: the contact page says so and keeps the rest.
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bericht aan Het Kompas');
	await expect(page.getByRole('alert')).toContainText('Schrijf je bericht.');
	await expect(page.getByLabel('Je naam')).toHaveValue('Eva');
	await expect(page.getByLabel('Je e-mailadres')).toHaveValue('eva@voorbeeld.test');
	await expectAccessible(page);
	await page.getByLabel('Je bericht').fill('Mag ik donderdag een keer langskomen?');
	await page.getByRole('button', { name: 'Bericht versturen' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Je bericht is verstuurd');
	await expectAccessible(page);
	await screenshot(page, 'contact-verstuurd');

	const deadline = Date.now() + 10_000;
	let mails = await readOutbox(process.env.E2E_DATA_DIR!);
	while (!mails.some((m) => m.to.includes(coordinator.email) && m.subject.includes('Eva')) && Date.now() < deadline) {
		await new Promise((r) => setTimeout(r, 200));
		mails = await readOutbox(process.env.E2E_DATA_DIR!);
	}
	const toCoordinator = mails.find((m) => m.to.includes(coordinator.email) && m.subject.includes('Bericht via Herstelplein van Eva'));
	expect(toCoordinator?.text).toContain('Mag ik donderdag een keer langskomen?');
	// Eva is not signed in: no copy to an address nobody proved is hers.
	expect(mails.filter((m) => m.to.includes('eva@voorbeeld.test'))).toEqual([]);
	await context.close();
});

test('a coordinator adds a photo without JavaScript; other files get a clear message', async ({ browser, baseURL }) => {
	test.slow();
	const { page, slug } = await publishedInitiative(browser, baseURL!, 'De Vlinder', false);
	await page.goto(`/initiatieven/${slug}/profiel`);
	const upload = page.locator('form[action="?/foto"]');

	// A text file with a photo's name.
	await upload.getByLabel('Foto', { exact: true }).setInputFiles({ name: 'foto.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('Dit is geen foto.') });
	await upload.getByLabel('Wat staat er op de foto?').fill('Een tafel');
	await upload.getByRole('button', { name: 'Foto plaatsen' }).click();
	await expect(page.getByRole('alert')).toContainText('Dit bestand is geen foto die we kunnen gebruiken.');
	await expect(page.getByLabel('Wat staat er op de foto?')).toHaveValue('Een tafel');
	await expectAccessible(page);

	// Too large: a clear 413 message on the page, not an error page or a broken connection.
	const big = { name: 'groot.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(11 * 1024 * 1024, 1) };
	await upload.getByLabel('Foto', { exact: true }).setInputFiles(big);
	const tooLarge = page.waitForResponse((r) => r.request().method() === 'POST');
	await upload.getByRole('button', { name: 'Foto plaatsen' }).click();
	expect((await tooLarge).status()).toBe(413);
	await expect(page.getByRole('alert')).toContainText('Deze foto is te groot. Kies een foto van hooguit 10 MB.');

	// Larger than the server takes at all (BODY_SIZE_LIMIT, 12M): the same message, still a page.
	await upload.getByLabel('Foto', { exact: true }).setInputFiles({ ...big, buffer: Buffer.alloc(13 * 1024 * 1024, 1) });
	const overLimit = page.waitForResponse((r) => r.request().method() === 'POST');
	await upload.getByRole('button', { name: 'Foto plaatsen' }).click();
	expect((await overLimit).status()).toBe(413);
	await expect(page.getByRole('alert')).toContainText('Deze foto is te groot.');

	// A real photo, with a description.
	const jpeg = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#e8b04b' } })
		.jpeg()
		.withExif({ IFD0: { Copyright: 'Niet bewaren' } })
		.toBuffer();
	await upload.getByLabel('Foto', { exact: true }).setInputFiles({ name: 'huiskamer.jpg', mimeType: 'image/jpeg', buffer: jpeg });
	await upload.getByLabel('Wat staat er op de foto?').fill('Een gele muur met een lange tafel ervoor');
	await upload.getByRole('button', { name: 'Foto plaatsen' }).click();
	await expect(page.getByText("De foto's zijn bijgewerkt.")).toBeVisible();
	await expectAccessible(page);

	await page.goto(`/initiatieven/${slug}`);
	const img = page.getByRole('img', { name: 'Een gele muur met een lange tafel ervoor' });
	await expect(img).toBeVisible();
	const response = await page.request.get((await img.getAttribute('src'))!);
	expect(response.headers()['content-type']).toBe('image/webp');
	expect(response.headers()['x-content-type-options']).toBe('nosniff');
	expect((await sharp(await response.body()).metadata()).exif).toBeUndefined();
	await expectAccessible(page);

	// An activity shows the initiative's photo until it gets its own; the host puts one there, without and with
	// JavaScript. Anonymous visitors (served from the page cache) see the new photo at once.
	await page.goto(`/initiatieven/${slug}/activiteiten/nieuw`);
	await page.getByLabel('Naam van de activiteit').fill('Wandelen in het park');
	await page.getByLabel('Ontmoeting').check();
	await page.getByLabel('Datum').fill(new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date(Date.now() + 5 * 86_400_000)));
	await page.getByLabel('Begintijd').fill('13:30');
	await page.getByLabel('Eindtijd').fill('15:00');
	await page.getByLabel('Iedereen, ook mensen die geen lid zijn').check();
	await page.getByRole('button', { name: 'Activiteit plaatsen' }).click();
	await expect(page.getByRole('img', { name: 'Een gele muur met een lange tafel ervoor' })).toBeVisible();
	const activityPath = new URL(page.url()).pathname;
	const visitor = await browser.newContext({ baseURL });
	const anonymous = async () => (await visitor.request.get(activityPath)).text();
	expect(await anonymous()).toContain('alt="Een gele muur met een lange tafel ervoor"');
	await page.getByRole('link', { name: 'Foto bij de activiteit' }).click();
	await page.getByLabel('Foto', { exact: true }).setInputFiles({ name: 'pad.txt', mimeType: 'text/plain', buffer: Buffer.from('geen foto') });
	await page.getByLabel('Wat staat er op de foto?').fill('Een pad door het park');
	await page.getByRole('button', { name: 'Foto plaatsen' }).click();
	await expect(page.getByRole('alert')).toContainText('Dit bestand is geen foto die we kunnen gebruiken.');
	await expect(page.getByLabel('Wat staat er op de foto?')).toHaveValue('Een pad door het park');
	await page.getByLabel('Foto', { exact: true }).setInputFiles({ name: 'pad.jpg', mimeType: 'image/jpeg', buffer: jpeg });
	await page.getByRole('button', { name: 'Foto plaatsen' }).click();
	await expect(page.getByRole('status')).toContainText('De foto staat bij de activiteit.');
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Bekijk de activiteit' }).click();
	await expect(page.getByRole('img', { name: 'Een pad door het park' })).toBeVisible();
	expect(await anonymous()).toContain('alt="Een pad door het park"');
	await visitor.close();
	const withScripts = await browser.newContext({ baseURL, javaScriptEnabled: true, storageState: await page.context().storageState() });
	const scripted = await withScripts.newPage();
	await scripted.goto(`${activityPath}/foto`);
	await scripted.getByLabel('Foto', { exact: true }).setInputFiles({ name: 'bank.jpg', mimeType: 'image/jpeg', buffer: jpeg });
	await scripted.getByLabel('Wat staat er op de foto?').fill('Een bankje onder een boom');
	await scripted.getByRole('button', { name: 'Foto plaatsen' }).click();
	await expect(scripted.getByRole('status')).toContainText('De foto staat bij de activiteit.');
	await scripted.getByRole('link', { name: 'Bekijk de activiteit' }).click();
	await expect(scripted.getByRole('img', { name: 'Een bankje onder een boom' })).toBeVisible();
	await expectAccessible(scripted);
	await withScripts.close();

	await page.goto(`/initiatieven/${slug}/profiel`);
	await page.getByRole('button', { name: 'Foto weghalen: Een gele muur met een lange tafel ervoor' }).click();
	await expect(page.getByText("De foto's zijn bijgewerkt.")).toBeVisible();
	await page.goto(`/initiatieven/${slug}`);
	await expect(page.getByRole('img', { name: 'Een gele muur met een lange tafel ervoor' })).toHaveCount(0);
	await page.context().close();
});

test('only coordinators of the initiative may open its edit page', async ({ browser, baseURL, page }) => {
	const { page: coordinatorPage, slug } = await publishedInitiative(browser, baseURL!, 'De Lantaarn');
	await coordinatorPage.context().close();
	// Signed out: sign in first. Signed in without being its coordinator: not found.
	await page.goto(`/initiatieven/${slug}/profiel`);
	await expect(page).toHaveURL(/\/inloggen\?naar=/);
	const other: Person = newPerson('Buurvrouw');
	await signUp(page, other);
	expect((await page.goto(`/initiatieven/${slug}/profiel`))?.status()).toBe(404);
	await page.goto(`/initiatieven/${slug}`);
	await expect(page.getByRole('link', { name: 'Pagina bijwerken' })).toHaveCount(0);
});
