import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, expectAccessible } from './fixtures.ts';

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
	await expect(page.getByRole('link', { name: 'Mijn account' })).toBeVisible();
}

export async function signIn(page: Page, person: Pick<Person, 'email' | 'password'>): Promise<void> {
	await page.goto('/inloggen');
	const form = page.locator('form[action="?/wachtwoord"]');
	await form.getByLabel('E-mailadres').fill(person.email);
	await form.getByLabel('Wachtwoord').fill(person.password);
	await form.getByRole('button', { name: 'Inloggen' }).click();
	await expect(page.getByRole('link', { name: 'Mijn account' })).toBeVisible();
}
