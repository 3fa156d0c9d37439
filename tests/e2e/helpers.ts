import { randomBytes } from 'node:crypto';
import type { Browser, Locator, Page } from '@playwright/test';
import { expect, expectAccessible } from './fixtures.ts';
import { linkFromOutbox } from './outbox.ts';

export interface Person {
	name: string;
	email: string;
	password: string;
}

/** A new person with a unique e-mail address. */
export function newPerson(name: string): Person {
	const id = randomBytes(4).toString('hex');
	return { name, email: `${name.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase()}-${id}@voorbeeld.test`, password: `wachtwoord-${id}` };
}

/** Fill the sign-up form on the current page (also used on the invite page). */
export async function fillSignUp(page: Page, person: Person): Promise<void> {
	await page.getByLabel('Naam die anderen zien').fill(person.name);
	await page.getByLabel('E-mailadres').fill(person.email);
	await page.getByLabel('Wachtwoord').fill(person.password);
}

export async function signUp(page: Page, person: Person): Promise<void> {
	await page.goto('/aanmelden');
	await expectAccessible(page);
	await fillSignUp(page, person);
	await page.getByRole('button', { name: 'Account maken' }).click();
	await expect(page.getByRole('link', { name: 'Mijn pagina' })).toBeVisible();
}

/** Open the link from the welcome mail in this signed-in browser, as a newcomer does before starting or joining an initiative. */
export async function confirmAddress(page: Page, person: Pick<Person, 'email'>, dataDir = process.env.E2E_DATA_DIR!): Promise<void> {
	await page.goto(await linkFromOutbox(dataDir, person.email, '/e-mail-bevestigen'));
	await expect(page.getByText('Dank je! Je e-mailadres is bevestigd.')).toBeVisible();
}

export async function signIn(page: Page, person: Pick<Person, 'email' | 'password'>): Promise<void> {
	await page.goto('/inloggen');
	const form = page.locator('form[action="?/wachtwoord"]');
	await form.getByLabel('E-mailadres').fill(person.email);
	await form.getByLabel('Wachtwoord').fill(person.password);
	await form.getByRole('button', { name: 'Inloggen' }).click();
	await expect(page.getByRole('link', { name: 'Mijn pagina' })).toBeVisible();
}

/** The signed-in person starts an invite-only initiative in Zwolle; returns its slug (the page stays on it). */
export async function startInitiative(page: Page, name: string): Promise<string> {
	await page.goto('/initiatieven/nieuw');
	await page.getByLabel('Naam van het initiatief').fill(name);
	await page.getByLabel('Plaats').fill('Zwolle');
	await page.getByLabel('Alleen met een uitnodiging').check();
	await page.getByRole('button', { name: 'Initiatief aanmelden' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
	return new URL(page.url()).pathname.split('/')[2];
}

/** A new coordinator starts an initiative and makes an invite link for several people. */
export async function initiativeWithInviteLink(browser: Browser, baseURL: string, javaScriptEnabled: boolean, name: string) {
	const context = await browser.newContext({ baseURL, javaScriptEnabled });
	const page = await context.newPage();
	const coordinator = newPerson('Coördinator');
	await signUp(page, coordinator);
	await confirmAddress(page, coordinator);
	const slug = await startInitiative(page, name);
	await page.goto(`/initiatieven/${slug}/uitnodigen`);
	await page.getByLabel('Voor meer mensen').check();
	await page.getByRole('button', { name: 'Link maken' }).click();
	const link = await page.getByRole('textbox', { name: 'Uitnodigingslink' }).inputValue();
	return { page, slug, link };
}

/** A newcomer joins through the invite link, in their own browser. */
export async function joinWithLink(browser: Browser, baseURL: string, javaScriptEnabled: boolean, link: string, who: string | Person): Promise<Page> {
	const context = await browser.newContext({ baseURL, javaScriptEnabled });
	const page = await context.newPage();
	await page.goto(link);
	await fillSignUp(page, typeof who === 'string' ? newPerson(who) : who);
	await page.getByRole('button', { name: 'Account maken en lid worden' }).click();
	await expect(page.getByText('Welkom! Je bent nu lid.')).toBeVisible();
	return page;
}

/** The first screens people see: a phone and a laptop. */
export const FIRST_SCREENS = [
	{ width: 360, height: 740 },
	{ width: 1280, height: 800 }
] as const;

/** Asserts the element lies wholly on the first screen, without scrolling. */
export async function expectOnFirstScreen(page: Page, element: Locator): Promise<void> {
	const box = await element.boundingBox();
	const screen = page.viewportSize()!;
	expect(box, 'the element is shown').not.toBeNull();
	expect(box!.y, 'top on the first screen').toBeGreaterThanOrEqual(0);
	expect(box!.y + box!.height, `bottom within ${screen.height} px`).toBeLessThanOrEqual(screen.height);
	expect(box!.x + box!.width, `within ${screen.width} px wide`).toBeLessThanOrEqual(screen.width);
}
