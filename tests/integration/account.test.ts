import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { databases } from '../helpers/databases.ts';
import { createAuth } from '#lib/server/accounts/auth.ts';
import { changeLocale, changeName, changePassword, getAccount, type AccountDeps } from '#lib/server/accounts/account.ts';
import { deleteAccount, initiativesNeedingSuccessor } from '#lib/server/personal-data/delete.ts';
import { confirmEmailChange, isEmailChangeLinkValid, requestEmailChange } from '#lib/server/accounts/account-email.ts';
import { exportPersonalData, personalDataParts, type PersonalDataPart } from '#lib/server/personal-data/index.ts';
import { account, session, user, verification } from '#lib/server/accounts/schema.ts';
import { getViewer, signIn, signOutEverywhere, signUp, type RequestInfo } from '#lib/server/accounts/service.ts';
import type { SignedIn } from '#lib/server/accounts/viewer.ts';
import { queryRows, type Database } from '#lib/server/db/index.ts';
import { initiative, membership } from '#lib/server/initiatives/schema.ts';
import type { Mail, Mailer } from '#lib/server/mail/index.ts';

const PASSWORD = 'een lange zin als wachtwoord';

interface Member {
	viewer: SignedIn;
	req: RequestInfo;
	email: string;
	cookie: string;
}

for (const target of databases) {
	describe.skipIf(target.skip)(`the account page's services on ${target.name}`, () => {
		let database: Database & { drop(): Promise<void> };
		let deps: AccountDeps;
		const outbox: Mail[] = [];
		let ipCounter = 0;

		beforeAll(async () => {
			database = await target.open();
			const mailer: Mailer = { send: async (mail) => void outbox.push(mail) };
			const auth = createAuth({ db: database.db, mailer, origin: 'http://localhost', secret: 'x'.repeat(32) });
			deps = { db: database.db, auth, mailer, origin: 'http://localhost' };
		});
		afterAll(() => database?.drop());

		const cookieHeader = (setCookies: string[]) => setCookies.map((c) => c.split(';')[0]).join('; ');
		const requestWith = (cookie: string): RequestInfo => ({ ip: `10.0.0.${++ipCounter}`, headers: new Headers({ cookie, 'user-agent': 'Vitest-browser' }) });

		/** A new member, signed up and signed in through better-auth, as the sign-up page does it. */
		async function newMember(name: string): Promise<Member> {
			const email = `${name.toLowerCase()}-${randomBytes(3).toString('hex')}@voorbeeld.nl`;
			const result = await signUp(deps, { ip: `10.1.0.${++ipCounter}`, headers: new Headers({ 'user-agent': 'Vitest-browser' }) }, { name, email, password: PASSWORD, locale: 'nl' });
			expect(result.ok).toBe(true);
			const cookie = cookieHeader(result.ok ? result.setCookies : []);
			const viewer = await getViewer(deps, new Headers({ cookie }));
			expect(viewer).not.toBeNull();
			return { viewer: viewer!, req: requestWith(cookie), email, cookie };
		}

		async function newInitiative(name: string): Promise<string> {
			const slug = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${randomBytes(2).toString('hex')}`;
			const [row] = await database.db.insert(initiative).values({ slug, name, town: 'Zwolle' }).returning({ id: initiative.id });
			return row.id;
		}

		const join = (initiativeId: string, member: Member, role: 'member' | 'coordinator' = 'member') =>
			database.db.insert(membership).values({ initiativeId, userId: member.viewer.userId, role });

		const mailsTo = (email: string) => outbox.filter((mail) => mail.to === email);
		const linkToken = (mail: Mail) => decodeURIComponent(/bevestigen\?token=(\S+)/.exec(mail.text)![1]);

		describe('name and language', () => {
			it('a member changes the name others see; nobody else changes', async () => {
				const sam = await newMember('Sam');
				const kim = await newMember('Kim');
				await changeName(database.db, sam.viewer, 'Sammie');
				expect((await getAccount(database.db, sam.viewer))?.name).toBe('Sammie');
				expect((await getAccount(database.db, kim.viewer))?.name).toBe('Kim');
			});

			it('a member chooses English for e-mails', async () => {
				const jo = await newMember('Jo');
				await changeLocale(database.db, jo.viewer, 'en');
				expect((await getAccount(database.db, jo.viewer))?.locale).toBe('en');
				expect((await getViewer(deps, new Headers({ cookie: jo.cookie })))?.locale).toBe('en');
			});

			it('a member sees their initiatives with their role, and only theirs', async () => {
				const ans = await newMember('Ans');
				const other = await newMember('Piet');
				const kroon = await newInitiative('De Kroon');
				const haven = await newInitiative('De Haven');
				await join(kroon, ans, 'coordinator');
				await join(haven, other);
				const me = await getAccount(database.db, ans.viewer);
				expect(me?.initiatives).toEqual([{ slug: expect.stringMatching(/^de-kroon-/), name: 'De Kroon', role: 'coordinator' }]);
			});
		});

		describe('export', () => {
			it('contains my profile, memberships and sessions, and nothing of anyone else', async () => {
				const mila = await newMember('Mila');
				const noor = await newMember('Noor');
				const mine = await newInitiative('Het Anker');
				const theirs = await newInitiative('Geheime Tuin');
				await join(mine, mila);
				await join(mine, noor, 'coordinator');
				await join(theirs, noor);

				const data = await exportPersonalData(database.db, mila.viewer);
				const text = JSON.stringify(data);
				expect(data.format).toBe('herstelplein-export');
				expect(data.parts.account).toMatchObject({ name: 'Mila', email: mila.email, locale: 'nl' });
				expect(data.parts.memberships).toEqual([
					{ initiative: { name: 'Het Anker', slug: expect.any(String), town: 'Zwolle' }, role: 'member', joinedAt: expect.any(Date), nameInMemberList: false }
				]);
				expect(data.parts.sessions).toEqual([{ createdAt: expect.any(Date), expiresAt: expect.any(Date), userAgent: 'Vitest-browser' }]);

				expect(text).not.toContain(noor.email);
				expect(text).not.toContain('Noor');
				expect(text).not.toContain('Geheime Tuin');
				expect(text).not.toContain(mila.viewer.userId);
			});

			it('holds no password hash and no session token', async () => {
				const lot = await newMember('Lot');
				const data = JSON.stringify(await exportPersonalData(database.db, lot.viewer));
				const [credential] = await database.db.select({ hash: account.password }).from(account).where(eq(account.userId, lot.viewer.userId));
				const sessions = await database.db.select({ token: session.token }).from(session).where(eq(session.userId, lot.viewer.userId));
				expect(credential.hash).toMatch(/^\$argon2id\$/);
				expect(data).not.toContain(credential.hash!);
				expect(data).not.toContain('argon2');
				for (const { token } of sessions) expect(data).not.toContain(token);
				expect(data).not.toMatch(/"(password|token|accessToken|refreshToken|idToken|ipAddress)"/);
			});

			it('takes a part that another capability adds', async () => {
				const bo = await newMember('Bo');
				const stories: PersonalDataPart = { key: 'stories', collect: async (_db, viewer) => [{ by: viewer.name }] };
				const data = await exportPersonalData(database.db, bo.viewer, [...personalDataParts, stories]);
				expect(data.parts.stories).toEqual([{ by: 'Bo' }]);
			});
		});

		describe('changing the e-mail address', () => {
			it('changes nothing until the link sent to the new address is used; then tells the old address', async () => {
				const fee = await newMember('Fee');
				const newEmail = `fee-nieuw-${randomBytes(3).toString('hex')}@voorbeeld.nl`;
				expect(await requestEmailChange(deps, fee.viewer, { email: newEmail.toUpperCase(), currentPassword: PASSWORD })).toEqual({ ok: true });

				expect((await getAccount(database.db, fee.viewer))?.email).toBe(fee.email);
				const [mail] = mailsTo(newEmail);
				expect(mail.subject).toMatch(/nieuwe e-mailadres/);
				const token = linkToken(mail);
				// Only a hash of the token is stored.
				const stored = await queryRows<{ identifier: string; value: string }>(database.db, sql`select identifier, value from ${verification}`);
				expect(JSON.stringify(stored)).not.toContain(token);
				expect(await isEmailChangeLinkValid(database.db, token)).toBe(true);

				expect(await confirmEmailChange(deps, token)).toEqual({ ok: true, email: newEmail });
				expect((await getAccount(database.db, fee.viewer))?.email).toBe(newEmail);
				const [note] = mailsTo(fee.email);
				expect(note.text).toContain(newEmail);

				// The link works once.
				expect(await confirmEmailChange(deps, token)).toEqual({ ok: false, error: 'invalid_link' });
				// Signing in works with the new address, not with the old one.
				expect((await signIn(deps, { ip: '10.2.0.1', headers: new Headers() }, { email: newEmail, password: PASSWORD })).ok).toBe(true);
				expect((await signIn(deps, { ip: '10.2.0.2', headers: new Headers() }, { email: fee.email, password: PASSWORD })).ok).toBe(false);
			});

			it('asks for the current password and sends nothing without it', async () => {
				const gijs = await newMember('Gijs');
				const before = outbox.length;
				expect(await requestEmailChange(deps, gijs.viewer, { email: 'gijs-ander@voorbeeld.nl', currentPassword: 'niet mijn wachtwoord' })).toEqual({ ok: false, error: 'wrong_password' });
				expect(outbox.length).toBe(before);
			});

			it('refuses the address I already have, and an address another account uses', async () => {
				const ida = await newMember('Ida');
				const jan = await newMember('Jan');
				expect(await requestEmailChange(deps, ida.viewer, { email: ida.email, currentPassword: PASSWORD })).toEqual({ ok: false, error: 'same_email' });
				expect(await requestEmailChange(deps, ida.viewer, { email: jan.email, currentPassword: PASSWORD })).toEqual({ ok: false, error: 'email_taken' });
			});

			it('refuses an expired link and keeps the old address', async () => {
				const kees = await newMember('Kees');
				const newEmail = `kees-${randomBytes(3).toString('hex')}@voorbeeld.nl`;
				await requestEmailChange(deps, kees.viewer, { email: newEmail, currentPassword: PASSWORD });
				const token = linkToken(mailsTo(newEmail)[0]);
				await database.db.update(verification).set({ expiresAt: new Date(Date.now() - 1000) }).where(sql`${verification.identifier} like 'email-change:%' and split_part(${verification.value}, ' ', 1) = ${kees.viewer.userId}`);
				expect(await isEmailChangeLinkValid(database.db, token)).toBe(false);
				expect(await confirmEmailChange(deps, token)).toEqual({ ok: false, error: 'invalid_link' });
				expect((await getAccount(database.db, kees.viewer))?.email).toBe(kees.email);
			});

			it('refuses a forged or empty link', async () => {
				for (const token of [randomBytes(32).toString('base64url'), '', 'x'.repeat(600), "' or 1=1 --"]) {
					expect(await isEmailChangeLinkValid(database.db, token)).toBe(false);
					expect(await confirmEmailChange(deps, token)).toEqual({ ok: false, error: 'invalid_link' });
				}
			});

			it('a newer request makes the older link stop working', async () => {
				const lia = await newMember('Lia');
				const first = `lia-1-${randomBytes(3).toString('hex')}@voorbeeld.nl`;
				const second = `lia-2-${randomBytes(3).toString('hex')}@voorbeeld.nl`;
				await requestEmailChange(deps, lia.viewer, { email: first, currentPassword: PASSWORD });
				await requestEmailChange(deps, lia.viewer, { email: second, currentPassword: PASSWORD });
				expect(await confirmEmailChange(deps, linkToken(mailsTo(first)[0]))).toEqual({ ok: false, error: 'invalid_link' });
				expect(await confirmEmailChange(deps, linkToken(mailsTo(second)[0]))).toEqual({ ok: true, email: second });
			});

			it('when two people ask for the same new address, only the first to confirm gets it', async () => {
				const a = await newMember('Anna');
				const b = await newMember('Bert');
				const shared = `gedeeld-${randomBytes(3).toString('hex')}@voorbeeld.nl`;
				await requestEmailChange(deps, a.viewer, { email: shared, currentPassword: PASSWORD });
				await requestEmailChange(deps, b.viewer, { email: shared, currentPassword: PASSWORD });
				const [forA, forB] = mailsTo(shared);
				expect(await confirmEmailChange(deps, linkToken(forA))).toEqual({ ok: true, email: shared });
				expect(await confirmEmailChange(deps, linkToken(forB))).toEqual({ ok: false, error: 'email_taken' });
				expect((await getAccount(database.db, b.viewer))?.email).toBe(b.email);
			});
		});

		describe('changing the password', () => {
			it('needs the current password; then ends other sessions and keeps this one', async () => {
				const mo = await newMember('Mo');
				const otherDevice = await signIn(deps, { ip: '10.3.0.1', headers: new Headers() }, { email: mo.email, password: PASSWORD });
				expect(otherDevice.ok).toBe(true);
				const otherCookie = cookieHeader(otherDevice.ok ? otherDevice.setCookies : []);

				expect(await changePassword(deps, mo.viewer, mo.req, { currentPassword: 'fout wachtwoord', newPassword: 'een nieuwe lange zin' })).toEqual({ ok: false, error: 'wrong_password' });
				const result = await changePassword(deps, mo.viewer, mo.req, { currentPassword: PASSWORD, newPassword: 'een nieuwe lange zin' });
				expect(result.ok).toBe(true);

				expect(await getViewer(deps, new Headers({ cookie: otherCookie }))).toBeNull();
				expect(await getViewer(deps, new Headers({ cookie: cookieHeader(result.ok ? result.setCookies : []) }))).not.toBeNull();
				expect((await signIn(deps, { ip: '10.3.0.2', headers: new Headers() }, { email: mo.email, password: PASSWORD })).ok).toBe(false);
				expect((await signIn(deps, { ip: '10.3.0.3', headers: new Headers() }, { email: mo.email, password: 'een nieuwe lange zin' })).ok).toBe(true);
				const [hash] = await database.db.select({ hash: account.password }).from(account).where(eq(account.userId, mo.viewer.userId));
				expect(hash.hash).toMatch(/^\$argon2id\$/);
				expect(mailsTo(mo.email).at(-1)?.subject).toMatch(/wachtwoord/);
			});
		});

		it('signing out everywhere ends every session of that member only', async () => {
			const nel = await newMember('Nel');
			const oma = await newMember('Oma');
			await signIn(deps, { ip: '10.4.0.1', headers: new Headers() }, { email: nel.email, password: PASSWORD });
			await signOutEverywhere(deps, nel.viewer, nel.req);
			expect(await database.db.select().from(session).where(eq(session.userId, nel.viewer.userId))).toEqual([]);
			expect(await getViewer(deps, new Headers({ cookie: oma.cookie }))).not.toBeNull();
		});

		describe('deleting the account', () => {
			const rowsOf = async (userId: string) => ({
				users: (await database.db.select().from(user).where(eq(user.id, userId))).length,
				sessions: (await database.db.select().from(session).where(eq(session.userId, userId))).length,
				credentials: (await database.db.select().from(account).where(eq(account.userId, userId))).length,
				memberships: (await database.db.select().from(membership).where(eq(membership.userId, userId))).length
			});

			it('removes the account, its sessions and memberships, and nobody else', async () => {
				const pim = await newMember('Pim');
				const ria = await newMember('Ria');
				const plek = await newInitiative('De Plek');
				await join(plek, pim);
				await join(plek, ria, 'coordinator');
				await requestEmailChange(deps, pim.viewer, { email: `pim-nieuw-${randomBytes(3).toString('hex')}@voorbeeld.nl`, currentPassword: PASSWORD });

				const result = await deleteAccount(deps, pim.viewer, pim.req, { currentPassword: PASSWORD });
				expect(result.ok).toBe(true);
				expect(result.ok && result.setCookies.some((c) => /session_token=;/.test(c) || /Max-Age=0/i.test(c))).toBe(true);
				expect(await rowsOf(pim.viewer.userId)).toEqual({ users: 0, sessions: 0, credentials: 0, memberships: 0 });
				const pending = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from ${verification} where split_part(${verification.value}, ' ', 1) = ${pim.viewer.userId}`);
				expect(pending[0].n).toBe(0);
				expect(await getViewer(deps, new Headers({ cookie: pim.cookie }))).toBeNull();
				expect(await rowsOf(ria.viewer.userId)).toEqual({ users: 1, sessions: 1, credentials: 1, memberships: 1 });
			});

			it('needs the current password', async () => {
				const quin = await newMember('Quin');
				expect(await deleteAccount(deps, quin.viewer, quin.req, { currentPassword: 'niet goed' })).toEqual({ ok: false, error: 'wrong_password' });
				expect((await rowsOf(quin.viewer.userId)).users).toBe(1);
			});

			it('the last coordinator of an initiative with other members cannot leave before someone takes over', async () => {
				const rob = await newMember('Rob');
				const sara = await newMember('Sara');
				const huis = await newInitiative('Het Huis');
				await join(huis, rob, 'coordinator');
				await join(huis, sara);

				expect(await initiativesNeedingSuccessor(database.db, rob.viewer)).toEqual([{ slug: expect.stringMatching(/^het-huis-/), name: 'Het Huis' }]);
				const refused = await deleteAccount(deps, rob.viewer, rob.req, { currentPassword: PASSWORD });
				expect(refused).toEqual({ ok: false, error: 'last_coordinator', initiatives: [{ slug: expect.any(String), name: 'Het Huis' }] });
				expect(await rowsOf(rob.viewer.userId)).toEqual({ users: 1, sessions: 1, credentials: 1, memberships: 1 });

				// Sara takes over: now Rob may go.
				await database.db.update(membership).set({ role: 'coordinator' }).where(eq(membership.userId, sara.viewer.userId));
				expect(await initiativesNeedingSuccessor(database.db, rob.viewer)).toEqual([]);
				expect((await deleteAccount(deps, rob.viewer, rob.req, { currentPassword: PASSWORD })).ok).toBe(true);
				expect((await rowsOf(rob.viewer.userId)).users).toBe(0);
			});

			it('the only person in an initiative may delete their account', async () => {
				const tess = await newMember('Tess');
				await join(await newInitiative('Alleen Ik'), tess, 'coordinator');
				expect((await deleteAccount(deps, tess.viewer, tess.req, { currentPassword: PASSWORD })).ok).toBe(true);
			});

			it("runs every capability's erase step in the same transaction", async () => {
				const uma = await newMember('Uma');
				const erased: string[] = [];
				const stories: PersonalDataPart = { key: 'stories', collect: async () => [], erase: async (_tx, viewer) => void erased.push(viewer.userId) };
				expect((await deleteAccount(deps, uma.viewer, uma.req, { currentPassword: PASSWORD }, [...personalDataParts, stories])).ok).toBe(true);
				expect(erased).toEqual([uma.viewer.userId]);
			});
		});
	});
}
