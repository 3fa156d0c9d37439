import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { signUp as makeAccount } from '#lib/server/accounts/service.ts';
import { createActivity } from '#lib/server/activities/service.ts';
import { openDatabase } from '#lib/server/db/index.ts';
import { initiative, membership } from '#lib/server/initiatives/schema.ts';
import { createInitiative } from '#lib/server/initiatives/service.ts';
import { accountsOn, from } from '../helpers/accounts.ts';
import { makePerson } from '../helpers/people.ts';
import { expect, expectAccessible, test as base } from './fixtures.ts';
import { newPerson, signIn, type Person } from './helpers.ts';
import { linkFromOutbox, readOutbox } from './outbox.ts';
import { startApp, type RunningApp } from './server.ts';

/**
 * Guests (no account) need an initiative whose coordinators allow them; the
 * settings page for that is not part of this journey. So this file prepares its
 * own data folder before its own app starts: an initiative with the switch on
 * and one with it off, each with a public activity, plus a coordinator and a
 * member who can sign in. The foreign-request guard watches this app's host.
 */
interface World {
	app: RunningApp;
	dataDir: string;
	coordinator: Person;
	member: Person;
	open: string;
	membersOnly: string;
	switchedOff: string;
}

const TITLE = 'Gasten: open tekenochtend';

async function prepare(dataDir: string): Promise<Omit<World, 'app' | 'dataDir'>> {
	const database = await openDatabase({ dataDir });
	try {
		const db = database.db;
		const admin = await makePerson(db, 'Beheer', { isAdmin: true });
		const { ctx } = accountsOn(database);
		const account = async (person: Person) => {
			const made = await makeAccount(ctx, from('10.20.0.1'), { ...person, locale: 'nl' });
			if (!made.ok || !made.userId) throw new Error(`could not make ${person.name}`);
			return { userId: made.userId, name: person.name, email: person.email, locale: 'nl' as const, isAdmin: false };
		};
		const coordinator = newPerson('Gerda');
		const member = newPerson('Harm');
		const [coordinatorViewer, memberViewer] = [await account(coordinator), await account(member)];
		const start = async (name: string, guests: boolean) => {
			const made = await createInitiative(db, admin, { name, town: 'Zwolle', slug: '', description: '', joinPolicy: 'invite' });
			if (!made.ok) throw new Error(made.error);
			await db.update(initiative).set({ guestSignups: guests }).where(eq(initiative.id, made.initiative.id));
			await db.delete(membership).where(eq(membership.initiativeId, made.initiative.id));
			await db.insert(membership).values([
				{ initiativeId: made.initiative.id, userId: coordinatorViewer.userId, role: 'coordinator' },
				{ initiativeId: made.initiative.id, userId: memberViewer.userId, role: 'member' }
			]);
			return made.initiative;
		};
		const withGuests = await start('Gasten De Tekenkamer', true);
		const withoutGuests = await start('Gasten Het Slot', false);
		const startsAt = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 6 * 86_400_000);
		const base = { description: 'Samen tekenen, iedereen is welkom.', kind: 'ontplooiing' as const, startsAt, endsAt: new Date(startsAt.getTime() + 2 * 3_600_000), place: 'De zolder', capacity: 8 };
		const page = (slug: string, id: string) => `/initiatieven/${slug}/activiteiten/${id}`;
		const open = await createActivity(db, coordinatorViewer, withGuests.id, { ...base, title: TITLE, visibility: 'public' });
		const membersOnly = await createActivity(db, coordinatorViewer, withGuests.id, { ...base, title: 'Gasten: alleen leden', visibility: 'members' });
		const switchedOff = await createActivity(db, coordinatorViewer, withoutGuests.id, { ...base, title: 'Gasten: zonder gasten', visibility: 'public' });
		return {
			coordinator,
			member,
			open: page(withGuests.slug, open.id),
			membersOnly: page(withGuests.slug, membersOnly.id),
			switchedOff: page(withoutGuests.slug, switchedOff.id)
		};
	} finally {
		await database.close();
	}
}

const test = base.extend<{}, { world: World }>({
	world: [
		async ({}, use) => {
			const dataDir = mkdtempSync(path.join(tmpdir(), 'hp-e2e-guests-'));
			try {
				const prepared = await prepare(dataDir);
				const app = await startApp({ DATA_DIR: dataDir, ORIGIN: '{baseURL}' });
				await use({ ...prepared, app, dataDir });
				await app.stop();
			} finally {
				rmSync(dataDir, { recursive: true, force: true });
			}
		},
		{ scope: 'worker', timeout: 120_000 }
	],
	baseURL: async ({ world }, use) => use(world.app.baseURL)
});

test.describe('a visitor without an account', () => {
	test.use({ javaScriptEnabled: false });

	test('signs up as a guest, confirms with the link in the mail, and cancels with the link in the next mail', async ({ page, browser, world }) => {
		test.slow();
		const email = `ilse-${Date.now()}@gast.test`;
		await page.goto(world.open);
		await expect(page.getByRole('heading', { name: 'Aanmelden zonder account' })).toBeVisible();
		await expect(page.getByText('Een week na de activiteit wissen we je naam en e-mailadres.')).toBeVisible();
		await expectAccessible(page);

		// A mistake first: the form says what is wrong and keeps what was typed.
		await page.getByLabel('Je naam').fill('Ilse');
		await page.getByRole('button', { name: 'Stuur mij de link' }).click();
		await expect(page.getByText('Vul je e-mailadres in.')).toBeVisible();
		await expect(page.getByLabel('Je naam')).toHaveValue('Ilse');
		await expectAccessible(page);

		await page.getByLabel('Je e-mailadres').fill(email);
		await page.getByRole('button', { name: 'Stuur mij de link' }).click();
		await expect(page.getByText('Kijk in je mail.', { exact: false })).toBeVisible();
		await expect(page.getByText('Aanmeldingen: 0')).toBeVisible();
		await expectAccessible(page);

		// The link only shows a button (mail scanners open links too); the button signs up.
		const confirm = await linkFromOutbox(world.dataDir, email, '/gast/bevestigen');
		await page.goto(confirm);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Aanmelding bevestigen');
		await expect(page.getByText(`Wil je je aanmelden voor ${TITLE} bij Gasten De Tekenkamer?`)).toBeVisible();
		await expectAccessible(page);
		await page.getByRole('button', { name: 'Ja, meld mij aan' }).click();
		await expect(page.getByText('Je bent aangemeld. Fijn dat je komt!', { exact: false })).toBeVisible();
		await expectAccessible(page);
		await page.getByRole('link', { name: 'Naar de activiteit' }).click();
		await expect(page.getByText('Aanmeldingen: 1')).toBeVisible();

		// The same link again: a clear page, and a 410.
		const again = await page.goto(confirm);
		expect(again?.status()).toBe(410);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Deze link werkt niet');
		await expect(page.getByText('Deze link is al gebruikt.', { exact: false })).toBeVisible();
		await expectAccessible(page);

		// The coordinator sees the guest's name, marked; another member sees only how many come.
		const coordinator = await (await browser.newContext({ baseURL: world.app.baseURL, javaScriptEnabled: false })).newPage();
		await signIn(coordinator, world.coordinator);
		await coordinator.goto(world.open);
		await expect(coordinator.getByRole('listitem').filter({ hasText: 'Ilse' })).toHaveText('Ilse (gast)');
		await expect(coordinator.locator('body')).not.toContainText(email);
		await expectAccessible(coordinator);
		const member = await (await browser.newContext({ baseURL: world.app.baseURL, javaScriptEnabled: false })).newPage();
		await signIn(member, world.member);
		await member.goto(world.open);
		await expect(member.getByText('Aanmeldingen: 1')).toBeVisible();
		await expect(member.locator('body')).not.toContainText('Ilse');
		await expect(member.locator('body')).not.toContainText(email);

		// The confirmation mail carries a link to cancel without an account.
		const mail = (await readOutbox(world.dataDir)).find((m) => m.to.includes(email) && m.subject === `Je bent aangemeld: ${TITLE}`);
		expect(mail?.text).toContain('Kun je toch niet? Meld je dan af met deze link.');
		const cancel = await linkFromOutbox(world.dataDir, email, '/gast/afmelden');
		await page.goto(cancel);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Afmelden');
		await expectAccessible(page);
		await page.getByRole('button', { name: 'Ja, meld mij af' }).click();
		await expect(page.getByText('Je bent afgemeld.', { exact: false })).toBeVisible();
		await expectAccessible(page);
		await page.goto(world.open);
		await expect(page.getByText('Aanmeldingen: 0')).toBeVisible();
		expect((await page.goto(cancel))?.status()).toBe(410);
		await expect(page.getByText('Deze link werkt niet meer.', { exact: false })).toBeVisible();
		await coordinator.context().close();
		await member.context().close();
	});

	test('finds no guest form where guests are not welcome, and a made-up post is refused', async ({ page, request, world }) => {
		await page.goto(world.switchedOff);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Gasten: zonder gasten');
		await expect(page.getByRole('heading', { name: 'Aanmelden zonder account' })).toHaveCount(0);
		// The way in that exists: an account (sign in or make one), and back to this page after.
		await expect(page.getByText('Zo kun je meedoen:')).toBeVisible();
		const ways = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Account maken', exact: true }) });
		await expect(ways.getByRole('link', { name: 'Inloggen', exact: true })).toHaveAttribute('href', /\/inloggen\?naar=/);
		const headers = { origin: world.app.baseURL, accept: 'text/html' };
		const form = { name: 'Jan', email: 'jan@gast.test', homepage: '' };
		expect((await request.post(`${world.switchedOff}?/gast`, { headers, form, maxRedirects: 0 })).status()).toBe(403);
		// A members-only activity does not exist for a visitor at all.
		expect((await request.post(`${world.membersOnly}?/gast`, { headers, form, maxRedirects: 0 })).status()).toBe(404);
		expect((await page.goto(world.membersOnly))?.status()).toBe(404);
		// A made-up confirmation link: a plain Dutch page and a 404.
		const unknown = await page.goto(`/gast/bevestigen?token=${'a'.repeat(43)}`);
		expect(unknown?.status()).toBe(404);
		await expect(page.getByText('Deze link werkt niet.', { exact: false })).toBeVisible();
		await expectAccessible(page);
		expect((await readOutbox(world.dataDir)).filter((m) => m.to.includes('jan@gast.test'))).toEqual([]);
	});
});
