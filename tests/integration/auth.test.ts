import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { databases } from '../helpers/databases.ts';
import { accountsOn, from, tokenFromMail } from '../helpers/accounts.ts';
import { LIMITS } from '#lib/server/accounts/rate-limit.ts';
import { account, rateLimit, session, user, verification } from '#lib/server/accounts/schema.ts';
import {
	getViewer,
	requestMagicLink,
	requestPasswordReset,
	resetPassword,
	signIn,
	signOut,
	signOutEverywhere,
	signUp,
	useMagicLink
} from '#lib/server/accounts/service.ts';
import type { Database } from '#lib/server/db/index.ts';

const PASSWORD = 'een lange zin als wachtwoord';

let nextIp = 1;
/** A fresh address for each test, so rate limits of one test do not touch another. */
const newIp = () => `192.0.2.${nextIp++}`;
let nextPerson = 1;
const newEmail = () => `persoon${nextPerson++}@voorbeeld.nl`;

for (const target of databases) {
	describe.skipIf(target.skip)(`accounts on ${target.name}`, () => {
		let database: Database & { drop(): Promise<void> };
		let accounts: ReturnType<typeof accountsOn>;
		beforeAll(async () => {
			database = await target.open();
			accounts = accountsOn(database);
		});
		afterAll(() => database?.drop());

		const sessionsOf = async (userId: string) => database.db.select().from(session).where(eq(session.userId, userId));

		async function newcomer(email = newEmail(), ip = newIp()) {
			const result = await signUp(accounts.ctx, from(ip), { name: 'Sam', email, password: PASSWORD, locale: 'nl' });
			if (!result.ok || !result.userId) throw new Error(`sign-up failed: ${JSON.stringify(result)}`);
			return { email, ip, userId: result.userId, cookies: result.setCookies };
		}

		describe('the first account', () => {
			it('on an empty installation becomes association admin; the second does not', async () => {
				const [{ n }] = await database.db.select({ n: sql<number>`count(*)::int` }).from(user);
				expect(n).toBe(0);
				const first = await newcomer();
				const second = await newcomer();
				const admins = await database.db.select({ id: user.id, isAdmin: user.isAdmin }).from(user);
				expect(admins.find((u) => u.id === first.userId)?.isAdmin).toBe(true);
				expect(admins.find((u) => u.id === second.userId)?.isAdmin).toBe(false);
				expect((await getViewer(accounts.ctx, from(first.ip, first.cookies).headers))?.isAdmin).toBe(true);
				expect((await getViewer(accounts.ctx, from(second.ip, second.cookies).headers))?.isAdmin).toBe(false);
			});
		});

		describe('signing up, in and out', () => {
			it('stores the password as an argon2id hash, never as typed', async () => {
				const { userId } = await newcomer();
				const [row] = await database.db.select().from(account).where(eq(account.userId, userId));
				expect(row.password).toMatch(/^\$argon2id\$/);
				expect(row.password).not.toContain(PASSWORD);
			});

			it('signs the newcomer in, with the session in the database', async () => {
				const { userId, cookies, ip, email } = await newcomer();
				expect(cookies.some((c) => c.startsWith('herstelplein.session_token='))).toBe(true);
				expect(await sessionsOf(userId)).toHaveLength(1);
				const viewer = await getViewer(accounts.ctx, from(ip, cookies).headers);
				expect(viewer).toMatchObject({ userId, email, name: 'Sam', locale: 'nl' });
			});

			it('refuses a second account with the same address, whatever its case', async () => {
				const { email } = await newcomer();
				const again = await signUp(accounts.ctx, from(newIp()), { name: 'Kim', email: email.toUpperCase(), password: PASSWORD, locale: 'nl' });
				expect(again).toEqual({ ok: false, error: 'email_taken' });
			});

			it('signs in with the password and out again; signing out removes the session row', async () => {
				const { userId, email, ip } = await newcomer();
				await database.db.delete(session).where(eq(session.userId, userId));
				const signedIn = await signIn(accounts.ctx, from(ip), { email, password: PASSWORD });
				expect(signedIn.ok).toBe(true);
				if (!signedIn.ok) return;
				expect(await sessionsOf(userId)).toHaveLength(1);
				expect(await getViewer(accounts.ctx, from(ip, signedIn.setCookies).headers)).toMatchObject({ userId });

				const out = await signOut(accounts.ctx, from(ip, signedIn.setCookies));
				expect(out.ok).toBe(true);
				expect(await sessionsOf(userId)).toHaveLength(0);
				expect(await getViewer(accounts.ctx, from(ip, signedIn.setCookies).headers)).toBeNull();
			});

			it('"sign out everywhere" ends every session of that person, and only theirs', async () => {
				const me = await newcomer();
				const other = await newcomer();
				const phone = await signIn(accounts.ctx, from(newIp()), { email: me.email, password: PASSWORD });
				expect(phone.ok).toBe(true);
				expect(await sessionsOf(me.userId)).toHaveLength(2);
				const viewer = await getViewer(accounts.ctx, from(me.ip, me.cookies).headers);
				expect(viewer).not.toBeNull();

				const result = await signOutEverywhere(accounts.ctx, viewer!, from(me.ip, me.cookies));
				expect(result.ok).toBe(true);
				expect(await sessionsOf(me.userId)).toHaveLength(0);
				expect(await sessionsOf(other.userId)).toHaveLength(1);
				expect(await getViewer(accounts.ctx, from(other.ip, other.cookies).headers)).toMatchObject({ userId: other.userId });
				// The browser that asked is told to forget its session cookie.
				expect(result.ok && result.setCookies.some((c) => /^herstelplein\.session_token=;/.test(c))).toBe(true);
			});
		});

		describe('what a response reveals', () => {
			it('gives the same sign-in error for a wrong password and for an unknown address', async () => {
				const { email } = await newcomer();
				const wrong = await signIn(accounts.ctx, from(newIp()), { email, password: 'niet het wachtwoord' });
				const unknown = await signIn(accounts.ctx, from(newIp()), { email: newEmail(), password: PASSWORD });
				expect(wrong).toEqual({ ok: false, error: 'invalid_credentials' });
				expect(unknown).toEqual(wrong);
			});

			it('answers a sign-in link request the same for a known and an unknown address, and mails only the known one', async () => {
				const { email } = await newcomer();
				const nobody = newEmail();
				const before = accounts.mailer.sent.length;
				const known = await requestMagicLink(accounts.ctx, from(newIp()), email);
				const unknown = await requestMagicLink(accounts.ctx, from(newIp()), nobody);
				expect(known).toEqual({ ok: true, setCookies: [] });
				expect(unknown).toEqual(known);
				const sent = accounts.mailer.sent.slice(before);
				expect(sent.map((m) => m.to)).toEqual([email]);
			});

			it('answers a password reset request the same for a known and an unknown address, and mails only the known one', async () => {
				const { email } = await newcomer();
				const nobody = newEmail();
				const before = accounts.mailer.sent.length;
				const known = await requestPasswordReset(accounts.ctx, from(newIp()), email);
				const unknown = await requestPasswordReset(accounts.ctx, from(newIp()), nobody);
				expect(known).toEqual({ ok: true, setCookies: [] });
				expect(unknown).toEqual(known);
				expect(accounts.mailer.sent.slice(before).map((m) => m.to)).toEqual([email]);
			});
		});

		describe('sign-in links', () => {
			it('work once: a second use is refused', async () => {
				const { email, userId } = await newcomer();
				await requestMagicLink(accounts.ctx, from(newIp()), email);
				const token = tokenFromMail(accounts.mailer.sent, email);
				const mail = accounts.mailer.sent.at(-1)!;
				expect(mail.text).toContain(`http://localhost/inloggen/link?token=`);

				const first = await useMagicLink(accounts.ctx, from(newIp()), token);
				expect(first.ok).toBe(true);
				if (!first.ok) return;
				expect(await getViewer(accounts.ctx, from(newIp(), first.setCookies).headers)).toMatchObject({ userId });

				expect(await useMagicLink(accounts.ctx, from(newIp()), token)).toEqual({ ok: false, error: 'invalid_token' });
			});

			it('refuse a forged token', async () => {
				expect(await useMagicLink(accounts.ctx, from(newIp()), 'bedacht-token-123')).toEqual({ ok: false, error: 'invalid_token' });
				expect(await useMagicLink(accounts.ctx, from(newIp()), 'x'.repeat(512))).toEqual({ ok: false, error: 'invalid_token' });
			});

			it('refuse an expired token', async () => {
				const { email } = await newcomer();
				await requestMagicLink(accounts.ctx, from(newIp()), email);
				const token = tokenFromMail(accounts.mailer.sent, email);
				await database.db.update(verification).set({ expiresAt: new Date(Date.now() - 60_000) });
				expect(await useMagicLink(accounts.ctx, from(newIp()), token)).toEqual({ ok: false, error: 'invalid_token' });
			});

			it('open in the language of the person', async () => {
				const email = newEmail();
				const result = await signUp(accounts.ctx, from(newIp()), { name: 'Alex', email, password: PASSWORD, locale: 'en' });
				expect(result.ok).toBe(true);
				await requestMagicLink(accounts.ctx, from(newIp()), email);
				const mail = accounts.mailer.sent.at(-1)!;
				expect(mail.to).toBe(email);
				expect(mail.text).toContain('http://localhost/en/inloggen/link?token=');
				expect(mail.subject).not.toMatch(/inloggen/i);
			});

			// Sign-up does not prove the address is yours: someone could sign up with another
			// person's address first. So the first sign-in link (which does prove it) removes a
			// password that was never proven, and every session made with it (better-auth's
			// protection against account pre-hijacking). A password reset proves it too.
			it('remove an unproven password and its sessions on first use', async () => {
				const { email, userId } = await newcomer();
				await requestMagicLink(accounts.ctx, from(newIp()), email);
				const used = await useMagicLink(accounts.ctx, from(newIp()), tokenFromMail(accounts.mailer.sent, email));
				expect(used.ok).toBe(true);
				expect(await sessionsOf(userId)).toHaveLength(1);
				expect(await signIn(accounts.ctx, from(newIp()), { email, password: PASSWORD })).toEqual({ ok: false, error: 'invalid_credentials' });
				expect(await database.db.select().from(account).where(eq(account.userId, userId))).toHaveLength(0);
				const [row] = await database.db.select({ emailVerified: user.emailVerified }).from(user).where(eq(user.id, userId));
				expect(row.emailVerified).toBe(true);
			});
		});

		describe('choosing a new password', () => {
			it('works once, sets the new password, stops the old one and ends every session', async () => {
				const { email, userId, cookies, ip } = await newcomer();
				const laptop = await signIn(accounts.ctx, from(newIp()), { email, password: PASSWORD });
				expect(laptop.ok).toBe(true);
				expect(await sessionsOf(userId)).toHaveLength(2);

				await requestPasswordReset(accounts.ctx, from(newIp()), email);
				const token = tokenFromMail(accounts.mailer.sent, email);
				expect(accounts.mailer.sent.at(-1)!.text).toContain('http://localhost/wachtwoord-herstellen?token=');

				const NEW = 'een heel ander wachtwoord';
				expect(await resetPassword(accounts.ctx, token, NEW)).toMatchObject({ ok: true });
				expect(await sessionsOf(userId)).toHaveLength(0);
				expect(await getViewer(accounts.ctx, from(ip, cookies).headers)).toBeNull();

				expect(await signIn(accounts.ctx, from(newIp()), { email, password: PASSWORD })).toEqual({ ok: false, error: 'invalid_credentials' });
				expect(await signIn(accounts.ctx, from(newIp()), { email, password: NEW })).toMatchObject({ ok: true });

				expect(await resetPassword(accounts.ctx, token, 'nog een ander wachtwoord')).toEqual({ ok: false, error: 'invalid_token' });
				expect(await signIn(accounts.ctx, from(newIp()), { email, password: NEW })).toMatchObject({ ok: true });
			});

			it('refuses a forged or expired token, and a short password', async () => {
				expect(await resetPassword(accounts.ctx, 'bedacht-token', 'een goed wachtwoord')).toEqual({ ok: false, error: 'invalid_token' });
				const { email } = await newcomer();
				await requestPasswordReset(accounts.ctx, from(newIp()), email);
				const token = tokenFromMail(accounts.mailer.sent, email);
				expect(await resetPassword(accounts.ctx, token, 'kort')).toEqual({ ok: false, error: 'weak_password' });
				await database.db.update(verification).set({ expiresAt: new Date(Date.now() - 60_000) });
				expect(await resetPassword(accounts.ctx, token, 'een goed wachtwoord')).toEqual({ ok: false, error: 'invalid_token' });
				expect(await signIn(accounts.ctx, from(newIp()), { email, password: PASSWORD })).toMatchObject({ ok: true });
			});

			it('keeps the new password when the person later signs in with a link', async () => {
				const { email } = await newcomer();
				await requestPasswordReset(accounts.ctx, from(newIp()), email);
				const NEW = 'mijn nieuwe wachtwoord';
				expect(await resetPassword(accounts.ctx, tokenFromMail(accounts.mailer.sent, email), NEW)).toMatchObject({ ok: true });
				await requestMagicLink(accounts.ctx, from(newIp()), email);
				expect(await useMagicLink(accounts.ctx, from(newIp()), tokenFromMail(accounts.mailer.sent, email))).toMatchObject({ ok: true });
				expect(await signIn(accounts.ctx, from(newIp()), { email, password: NEW })).toMatchObject({ ok: true });
			});
		});

		describe('brute force', () => {
			const ageWindows = (prefix: string) =>
				database.db
					.update(rateLimit)
					.set({ windowStart: sql`now() - interval '1 day'` })
					.where(sql`${rateLimit.key} like ${prefix + '%'}`);

			it('stops password guesses per account, even with the right password, without touching others', async () => {
				const victim = await newcomer();
				const attacker = newIp();
				for (let i = 0; i < LIMITS.signInPerAccount.max; i++) {
					expect(await signIn(accounts.ctx, from(i % 2 ? attacker : newIp()), { email: victim.email, password: `gok ${i} fout` })).toEqual({
						ok: false,
						error: 'invalid_credentials'
					});
				}
				expect(await signIn(accounts.ctx, from(newIp()), { email: victim.email, password: PASSWORD })).toEqual({ ok: false, error: 'rate_limited' });
				// The same address in another case is the same account.
				expect(await signIn(accounts.ctx, from(newIp()), { email: ` ${victim.email.toUpperCase()}`, password: PASSWORD })).toEqual({
					ok: false,
					error: 'rate_limited'
				});

				const bystander = await newcomer();
				expect(await signIn(accounts.ctx, from(newIp()), { email: bystander.email, password: PASSWORD })).toMatchObject({ ok: true });

				await ageWindows('signin:');
				expect(await signIn(accounts.ctx, from(newIp()), { email: victim.email, password: PASSWORD })).toMatchObject({ ok: true });
			});

			it('does not count successful sign-ins: several devices in a row are fine', async () => {
				const person = await newcomer();
				for (let i = 0; i < LIMITS.signInPerAccount.max + 3; i++) {
					expect(await signIn(accounts.ctx, from(newIp()), { email: person.email, password: PASSWORD })).toMatchObject({ ok: true });
				}
				// A success also forgets the earlier mistakes.
				for (let i = 0; i < LIMITS.signInPerAccount.max - 1; i++) await signIn(accounts.ctx, from(newIp()), { email: person.email, password: 'typfout' });
				expect(await signIn(accounts.ctx, from(newIp()), { email: person.email, password: PASSWORD })).toMatchObject({ ok: true });
				for (let i = 0; i < LIMITS.signInPerAccount.max - 1; i++) await signIn(accounts.ctx, from(newIp()), { email: person.email, password: 'typfout' });
				expect(await signIn(accounts.ctx, from(newIp()), { email: person.email, password: PASSWORD })).toMatchObject({ ok: true });
			});

			it('stops password guesses per address across many accounts', async () => {
				const target = await newcomer();
				const attacker = newIp();
				for (let i = 0; i < LIMITS.signInPerIp.max; i++) {
					await signIn(accounts.ctx, from(attacker), { email: newEmail(), password: 'geraden wachtwoord' });
				}
				expect(await signIn(accounts.ctx, from(attacker), { email: target.email, password: PASSWORD })).toEqual({ ok: false, error: 'rate_limited' });
				// Another person from another address signs in as always.
				const other = await newcomer();
				expect(await signIn(accounts.ctx, from(newIp()), { email: other.email, password: PASSWORD })).toMatchObject({ ok: true });
				expect(await signIn(accounts.ctx, from(newIp()), { email: target.email, password: PASSWORD })).toMatchObject({ ok: true });

				await ageWindows('signin:ip:');
				expect(await signIn(accounts.ctx, from(attacker), { email: target.email, password: PASSWORD })).toMatchObject({ ok: true });
			});

			for (const [name, request] of [
				['sign-in links', requestMagicLink],
				['password resets', requestPasswordReset]
			] as const) {
				it(`limits ${name} per account, and mails nothing more once limited`, async () => {
					const { email } = await newcomer();
					for (let i = 0; i < LIMITS.mailPerAccount.max; i++) expect((await request(accounts.ctx, from(newIp()), email)).ok).toBe(true);
					const before = accounts.mailer.sent.length;
					expect(await request(accounts.ctx, from(newIp()), email)).toEqual({ ok: false, error: 'rate_limited' });
					expect(accounts.mailer.sent.length).toBe(before);
					// An unknown address is limited the same way, so the limit reveals nothing either.
					const nobody = newEmail();
					for (let i = 0; i < LIMITS.mailPerAccount.max; i++) await request(accounts.ctx, from(newIp()), nobody);
					expect(await request(accounts.ctx, from(newIp()), nobody)).toEqual({ ok: false, error: 'rate_limited' });

					const other = await newcomer();
					expect((await request(accounts.ctx, from(newIp()), other.email)).ok).toBe(true);

					await ageWindows('mail:account:');
					expect((await request(accounts.ctx, from(newIp()), email)).ok).toBe(true);
				});

				it(`limits ${name} per address`, async () => {
					const ip = newIp();
					for (let i = 0; i < LIMITS.mailPerIp.max; i++) await request(accounts.ctx, from(ip), newEmail());
					const { email } = await newcomer();
					expect(await request(accounts.ctx, from(ip), email)).toEqual({ ok: false, error: 'rate_limited' });
					expect((await request(accounts.ctx, from(newIp()), email)).ok).toBe(true);
					await ageWindows(`mail:ip:${ip}`);
					expect((await request(accounts.ctx, from(ip), email)).ok).toBe(true);
				});
			}

			it('limits sign-ups per address', async () => {
				const ip = newIp();
				for (let i = 0; i < LIMITS.signUpPerIp.max; i++) await newcomer(newEmail(), ip);
				const result = await signUp(accounts.ctx, from(ip), { name: 'Sam', email: newEmail(), password: PASSWORD, locale: 'nl' });
				expect(result).toEqual({ ok: false, error: 'rate_limited' });
			});
		});
	});
}
