import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { databases } from '../helpers/databases.ts';
import { accountsWithJobs, from, mailTo, tokenIn } from '../helpers/accounts.ts';
import { LIMITS } from '#lib/server/accounts/rate-limit.ts';
import { account, rateLimit, session, user, verification } from '#lib/server/accounts/schema.ts';
import {
	SLOW_DOWN,
	getViewer,
	requestMagicLink,
	requestPasswordReset,
	resetPassword,
	signIn,
	signOut,
	signOutEverywhere,
	signUp,
	useMagicLink,
	hasPassword
} from '#lib/server/accounts/service.ts';
import { choosePassword } from '#lib/server/accounts/account.ts';
import { confirmEmail, isEmailConfirmed, requestConfirmationMail } from '#lib/server/accounts/confirm-email.ts';
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
		let accounts: Awaited<ReturnType<typeof accountsWithJobs>>;
		beforeAll(async () => {
			database = await target.open();
			accounts = await accountsWithJobs(database);
		});
		afterAll(async () => {
			await accounts?.stop();
			await database?.drop();
		});

		/** Ask for a link (sign-in or reset) and wait for the job to mail it; returns that mail. */
		async function linkMail(request: typeof requestMagicLink, email: string, subject: RegExp) {
			const before = accounts.mailer.sent.length;
			expect((await request(accounts.ctx, from(newIp()), email)).ok).toBe(true);
			return mailTo(accounts.mailer.sent, email, subject, before);
		}
		const MAGIC = /in te loggen|sign in/i;
		const RESET = /wachtwoord|password/i;
		const magicLinkFor = async (email: string) => tokenIn(await linkMail(requestMagicLink, email, MAGIC));
		const resetLinkFor = async (email: string) => tokenIn(await linkMail(requestPasswordReset, email, RESET));

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

			it('sends a welcome mail with a link that confirms the address; the account works before that', async () => {
				const before = accounts.mailer.sent.length;
				const { email, userId, ip, cookies } = await newcomer();
				expect(await getViewer(accounts.ctx, from(ip, cookies).headers)).toMatchObject({ userId });
				const welcome = await mailTo(accounts.mailer.sent, email, /welkom/i, before);
				expect(welcome.text).toContain('http://localhost/e-mail-bevestigen?token=');
				const [row] = await database.db.select({ emailVerified: user.emailVerified }).from(user).where(eq(user.id, userId));
				expect(row.emailVerified).toBe(false);
			});

			it('answers a sign-up with a known address as for a new one, whatever its case: no second account, nobody signed in, the owner hears of it', async () => {
				const owner = await newcomer();
				const before = accounts.mailer.sent.length;
				const again = await signUp(accounts.ctx, from(newIp()), { name: 'Kim', email: owner.email.toUpperCase(), password: 'een ander wachtwoord', locale: 'nl' });
				const fresh = await signUp(accounts.ctx, from(newIp()), { name: 'Kim', email: newEmail(), password: 'een ander wachtwoord', locale: 'nl' });
				expect(again).toEqual({ ok: true, setCookies: [] });
				expect(fresh.ok).toBe(true);
				expect(Object.keys(again).sort()).toEqual(['ok', 'setCookies']);
				const [{ n }] = await database.db.select({ n: sql<number>`count(*)::int` }).from(user).where(eq(user.email, owner.email));
				expect(n).toBe(1);
				const note = await mailTo(accounts.mailer.sent, owner.email, /account maken met jouw e-mailadres/, before);
				expect(note.text).toContain('http://localhost/inloggen');
				expect(note.text).toContain('http://localhost/wachtwoord-vergeten');
				// The owner's password still works; the one typed on the form does not.
				expect(await signIn(accounts.ctx, from(newIp()), { email: owner.email, password: PASSWORD })).toMatchObject({ ok: true });
				expect(await signIn(accounts.ctx, from(newIp()), { email: owner.email, password: 'een ander wachtwoord' })).toEqual({ ok: false, error: 'invalid_credentials' });
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
				await accounts.settled();
				const before = accounts.mailer.sent.length;
				const known = await requestMagicLink(accounts.ctx, from(newIp()), email);
				const unknown = await requestMagicLink(accounts.ctx, from(newIp()), nobody);
				expect(known).toEqual({ ok: true, setCookies: [] });
				expect(unknown).toEqual(known);
				await accounts.settled();
				const sent = accounts.mailer.sent.slice(before);
				expect(sent.map((m) => m.to)).toEqual([email]);
			});

			it('answers a password reset request the same for a known and an unknown address, and mails only the known one', async () => {
				const { email } = await newcomer();
				const nobody = newEmail();
				await accounts.settled();
				const before = accounts.mailer.sent.length;
				const known = await requestPasswordReset(accounts.ctx, from(newIp()), email);
				const unknown = await requestPasswordReset(accounts.ctx, from(newIp()), nobody);
				expect(known).toEqual({ ok: true, setCookies: [] });
				expect(unknown).toEqual(known);
				await accounts.settled();
				expect(accounts.mailer.sent.slice(before).map((m) => m.to)).toEqual([email]);
			});

			// The mail is sent by a job, so the request does the same work for every address.
			for (const [name, request] of [
				['a sign-in link', requestMagicLink],
				['a new password', requestPasswordReset]
			] as const) {
				it(`does not send the mail for ${name} inside the request`, async () => {
					const { email } = await newcomer();
					await accounts.settled();
					const before = accounts.mailer.sent.length;
					expect((await request(accounts.ctx, from(newIp()), email)).ok).toBe(true);
					expect(accounts.mailer.sent.length).toBe(before);
					await mailTo(accounts.mailer.sent, email, name === 'a sign-in link' ? MAGIC : RESET, before);
				});
			}
		});

		describe('sign-in links', () => {
			it('work once: a second use is refused', async () => {
				const { email, userId } = await newcomer();
				const mail = await linkMail(requestMagicLink, email, MAGIC);
				const token = tokenIn(mail);
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
				const token = await magicLinkFor(email);
				await database.db.update(verification).set({ expiresAt: new Date(Date.now() - 60_000) });
				expect(await useMagicLink(accounts.ctx, from(newIp()), token)).toEqual({ ok: false, error: 'invalid_token' });
			});

			it('open in the language of the person', async () => {
				const email = newEmail();
				const result = await signUp(accounts.ctx, from(newIp()), { name: 'Alex', email, password: PASSWORD, locale: 'en' });
				expect(result.ok).toBe(true);
				const mail = await linkMail(requestMagicLink, email, MAGIC);
				expect(mail.text).toContain('http://localhost/en/inloggen/link?token=');
				expect(mail.subject).not.toMatch(/inloggen/i);
			});

			// Sign-up does not prove the address is yours: someone could sign up with another
			// person's address first. So the first sign-in link (which does prove it) removes a
			// password that was never proven, and every session made with it (better-auth's
			// protection against account pre-hijacking). A password reset proves it too.
			it('remove an unproven password and its sessions on first use', async () => {
				const { email, userId } = await newcomer();
				const used = await useMagicLink(accounts.ctx, from(newIp()), await magicLinkFor(email));
				expect(used.ok).toBe(true);
				expect(await sessionsOf(userId)).toHaveLength(1);
				expect(await signIn(accounts.ctx, from(newIp()), { email, password: PASSWORD })).toEqual({ ok: false, error: 'invalid_credentials' });
				expect(await database.db.select().from(account).where(eq(account.userId, userId))).toHaveLength(0);
				const [row] = await database.db.select({ emailVerified: user.emailVerified }).from(user).where(eq(user.id, userId));
				expect(row.emailVerified).toBe(true);
			});

			it('say when the password is gone, so the person chooses a new one without the old, and signs in with it', async () => {
				const { email, userId } = await newcomer();
				const used = await useMagicLink(accounts.ctx, from(newIp()), await magicLinkFor(email));
				expect(used).toMatchObject({ ok: true, withoutPassword: true });
				if (!used.ok) return;
				const viewer = (await getViewer(accounts.ctx, from(newIp(), used.setCookies).headers))!;
				expect(await hasPassword(database.db, userId)).toBe(false);
				const deps = { ...accounts.ctx, mailer: accounts.mailer, origin: 'http://localhost' };
				expect(await choosePassword(deps, viewer, from(newIp(), used.setCookies), 'kort')).toEqual({ ok: false, error: 'weak_password' });
				expect((await choosePassword(deps, viewer, from(newIp(), used.setCookies), 'een nieuwe lange zin')).ok).toBe(true);
				expect((await signIn(accounts.ctx, from(newIp()), { email, password: 'een nieuwe lange zin' })).ok).toBe(true);
				// Once there is a password, changing it needs the current one again.
				expect(await choosePassword(deps, viewer, from(newIp(), used.setCookies), 'nog een andere zin')).toEqual({ ok: false, error: 'failed' });
				// A later sign-in link keeps the proven password.
				const again = await useMagicLink(accounts.ctx, from(newIp()), await magicLinkFor(email));
				expect(again).toMatchObject({ ok: true, withoutPassword: false });
			});
		});

		describe('choosing a new password', () => {
			it('works once, sets the new password, stops the old one and ends every session', async () => {
				const { email, userId, cookies, ip } = await newcomer();
				const laptop = await signIn(accounts.ctx, from(newIp()), { email, password: PASSWORD });
				expect(laptop.ok).toBe(true);
				expect(await sessionsOf(userId)).toHaveLength(2);

				const mail = await linkMail(requestPasswordReset, email, RESET);
				const token = tokenIn(mail);
				expect(mail.text).toContain('http://localhost/wachtwoord-herstellen?token=');

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
				const token = await resetLinkFor(email);
				expect(await resetPassword(accounts.ctx, token, 'kort')).toEqual({ ok: false, error: 'weak_password' });
				await database.db.update(verification).set({ expiresAt: new Date(Date.now() - 60_000) });
				expect(await resetPassword(accounts.ctx, token, 'een goed wachtwoord')).toEqual({ ok: false, error: 'invalid_token' });
				expect(await signIn(accounts.ctx, from(newIp()), { email, password: PASSWORD })).toMatchObject({ ok: true });
			});

			it('keeps the new password when the person later signs in with a link', async () => {
				const { email } = await newcomer();
				const NEW = 'mijn nieuwe wachtwoord';
				expect(await resetPassword(accounts.ctx, await resetLinkFor(email), NEW)).toMatchObject({ ok: true });
				expect(await useMagicLink(accounts.ctx, from(newIp()), await magicLinkFor(email))).toMatchObject({ ok: true });
				expect(await signIn(accounts.ctx, from(newIp()), { email, password: NEW })).toMatchObject({ ok: true });
			});
		});

		describe('confirming the address', () => {
			async function welcomeToken(email: string) {
				return tokenIn(await mailTo(accounts.mailer.sent, email, /welkom|welcome/i));
			}

			it('the link in the welcome mail confirms it, in a browser signed in to that account only', async () => {
				const me = await newcomer();
				const stranger = await newcomer();
				const token = await welcomeToken(me.email);
				const viewer = await getViewer(accounts.ctx, from(me.ip, me.cookies).headers);
				const other = await getViewer(accounts.ctx, from(stranger.ip, stranger.cookies).headers);
				expect(await isEmailConfirmed(database.db, viewer)).toBe(false);
				// Opened without being signed in, or signed in as someone else: sign in first.
				expect(await confirmEmail(accounts.ctx, null, token)).toBe('sign_in');
				expect(await confirmEmail(accounts.ctx, other, token)).toBe('sign_in');
				expect(await isEmailConfirmed(database.db, viewer)).toBe(false);
				expect(await confirmEmail(accounts.ctx, viewer, token)).toBe('confirmed');
				expect(await isEmailConfirmed(database.db, viewer)).toBe(true);
				// A second click changes nothing and does no harm.
				expect(await confirmEmail(accounts.ctx, viewer, token)).toBe('confirmed');
				expect(await isEmailConfirmed(database.db, other)).toBe(false);
			});

			it('refuses a forged link, and a link for an address the account no longer has', async () => {
				const me = await newcomer();
				const token = await welcomeToken(me.email);
				const viewer = await getViewer(accounts.ctx, from(me.ip, me.cookies).headers);
				expect(await confirmEmail(accounts.ctx, viewer, 'bedacht.token.123')).toBe('invalid');
				expect(await confirmEmail(accounts.ctx, viewer, token.slice(0, -2) + 'xx')).toBe('invalid');
				await database.db.update(user).set({ email: newEmail() }).where(eq(user.id, me.userId));
				expect(await confirmEmail(accounts.ctx, viewer, token)).toBe('invalid');
				expect(await isEmailConfirmed(database.db, viewer)).toBe(false);
			});

			it('a sign-in link confirms it too', async () => {
				const me = await newcomer();
				await useMagicLink(accounts.ctx, from(newIp()), await magicLinkFor(me.email));
				expect(await isEmailConfirmed(database.db, { userId: me.userId, name: 'Sam', email: me.email, locale: 'nl', isAdmin: false })).toBe(true);
			});

			it('sends the link again from the account page, a few times an hour at most', async () => {
				const me = await newcomer();
				const viewer = (await getViewer(accounts.ctx, from(me.ip, me.cookies).headers))!;
				await mailTo(accounts.mailer.sent, me.email, /welkom/i);
				const before = accounts.mailer.sent.length;
				for (let i = 0; i < LIMITS.confirmMailPerAccount.max; i++) expect(await requestConfirmationMail(database.db, viewer)).toBe('sent');
				expect(await requestConfirmationMail(database.db, viewer)).toBe('rate_limited');
				const again = await mailTo(accounts.mailer.sent, me.email, /bevestig/i, before);
				expect(await confirmEmail(accounts.ctx, viewer, tokenIn(again))).toBe('confirmed');
				expect(await requestConfirmationMail(database.db, viewer)).toBe('already_confirmed');
			});
		});

		describe('brute force', () => {
			const ageWindows = (prefix: string) =>
				database.db
					.update(rateLimit)
					.set({ windowStart: sql`now() - interval '1 day'` })
					.where(sql`${rateLimit.key} like ${prefix + '%'}`);

			it('stops guesses at one account from one address, not the owner elsewhere nor others behind that address', async () => {
				const victim = await newcomer();
				const attacker = newIp();
				for (let i = 0; i < LIMITS.signInPerPair.max; i++) {
					expect(await signIn(accounts.ctx, from(attacker), { email: victim.email, password: `gok ${i} fout` })).toEqual({
						ok: false,
						error: 'invalid_credentials'
					});
				}
				// From that address this account waits, even with the right password, also in another case.
				expect(await signIn(accounts.ctx, from(attacker), { email: victim.email, password: PASSWORD })).toEqual({ ok: false, error: 'too_many_guesses' });
				expect(await signIn(accounts.ctx, from(attacker), { email: ` ${victim.email.toUpperCase()}`, password: PASSWORD })).toEqual({
					ok: false,
					error: 'too_many_guesses'
				});
				// The owner at home signs in with the right password.
				expect(await signIn(accounts.ctx, from(newIp()), { email: victim.email, password: PASSWORD })).toMatchObject({ ok: true });
				// Someone else at the same café signs in as always.
				const bystander = await newcomer();
				expect(await signIn(accounts.ctx, from(attacker), { email: bystander.email, password: PASSWORD })).toMatchObject({ ok: true });
				// The owner's sign-in link and a new password by mail still work, from that very address.
				expect((await requestMagicLink(accounts.ctx, from(attacker), victim.email)).ok).toBe(true);
				expect((await requestPasswordReset(accounts.ctx, from(attacker), victim.email)).ok).toBe(true);

				await ageWindows('signin:');
				expect(await signIn(accounts.ctx, from(attacker), { email: victim.email, password: PASSWORD })).toMatchObject({ ok: true });
			});

			it('slows guesses at one account from many addresses down, without locking its owner out', async () => {
				const victim = await newcomer();
				for (let i = 0; i < LIMITS.signInSlowPerAccount.max; i++) {
					await signIn(accounts.ctx, from(newIp()), { email: victim.email, password: `gok ${i} fout` });
				}
				const started = performance.now();
				expect(await signIn(accounts.ctx, from(newIp()), { email: victim.email, password: 'nog een gok' })).toEqual({ ok: false, error: 'invalid_credentials' });
				expect(performance.now() - started).toBeGreaterThanOrEqual(SLOW_DOWN.stepMs);
				expect(await signIn(accounts.ctx, from(newIp()), { email: victim.email, password: PASSWORD })).toMatchObject({ ok: true });
			});

			it('does not count successful sign-ins: several devices in a row are fine', async () => {
				const person = await newcomer();
				const ip = newIp();
				for (let i = 0; i < LIMITS.signInPerPair.max + 3; i++) {
					expect(await signIn(accounts.ctx, from(ip), { email: person.email, password: PASSWORD })).toMatchObject({ ok: true });
				}
				// A success also forgets the earlier mistakes.
				for (let i = 0; i < LIMITS.signInPerPair.max - 1; i++) await signIn(accounts.ctx, from(ip), { email: person.email, password: 'typfout' });
				expect(await signIn(accounts.ctx, from(ip), { email: person.email, password: PASSWORD })).toMatchObject({ ok: true });
				for (let i = 0; i < LIMITS.signInPerPair.max - 1; i++) await signIn(accounts.ctx, from(ip), { email: person.email, password: 'typfout' });
				expect(await signIn(accounts.ctx, from(ip), { email: person.email, password: PASSWORD })).toMatchObject({ ok: true });
			});

			it('slows many failures from one address down, but does not lock out the accounts behind it', async () => {
				const target = await newcomer();
				const cafe = newIp();
				for (let i = 0; i < LIMITS.signInSlowPerIp.max; i++) {
					await signIn(accounts.ctx, from(cafe), { email: newEmail(), password: 'geraden wachtwoord' });
				}
				// Someone at the same address with the right password gets in.
				expect(await signIn(accounts.ctx, from(cafe), { email: target.email, password: PASSWORD })).toMatchObject({ ok: true });
				const started = performance.now();
				expect(await signIn(accounts.ctx, from(cafe), { email: newEmail(), password: 'geraden wachtwoord' })).toEqual({ ok: false, error: 'invalid_credentials' });
				expect(performance.now() - started).toBeGreaterThanOrEqual(SLOW_DOWN.stepMs);
				const other = await newcomer();
				expect(await signIn(accounts.ctx, from(newIp()), { email: other.email, password: PASSWORD })).toMatchObject({ ok: true });
			});

			for (const [name, request] of [
				['sign-in links', requestMagicLink],
				['password resets', requestPasswordReset]
			] as const) {
				it(`limits ${name} per account, and mails nothing more once limited`, async () => {
					const { email } = await newcomer();
					const ip = newIp();
					for (let i = 0; i < LIMITS.mailPerPair.max; i++) expect((await request(accounts.ctx, from(ip), email)).ok).toBe(true);
					await accounts.settled();
					const before = accounts.mailer.sent.length;
					expect(await request(accounts.ctx, from(ip), email)).toEqual({ ok: false, error: 'rate_limited' });
					// From other addresses more are allowed, up to the account's own limit.
					for (let i = LIMITS.mailPerPair.max; i < LIMITS.mailPerAccount.max; i++) expect((await request(accounts.ctx, from(newIp()), email)).ok).toBe(true);
					await accounts.settled();
					const allowed = accounts.mailer.sent.length;
					expect(allowed - before).toBe(LIMITS.mailPerAccount.max - LIMITS.mailPerPair.max);
					expect(await request(accounts.ctx, from(newIp()), email)).toEqual({ ok: false, error: 'rate_limited' });
					await accounts.settled();
					expect(accounts.mailer.sent.length).toBe(allowed);
					// An unknown address is limited the same way, so the limit reveals nothing either.
					const nobody = newEmail();
					for (let i = 0; i < LIMITS.mailPerPair.max; i++) await request(accounts.ctx, from(ip), nobody);
					expect(await request(accounts.ctx, from(ip), nobody)).toEqual({ ok: false, error: 'rate_limited' });

					const other = await newcomer();
					expect((await request(accounts.ctx, from(newIp()), other.email)).ok).toBe(true);

					await ageWindows('mail:');
					expect((await request(accounts.ctx, from(ip), email)).ok).toBe(true);
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
