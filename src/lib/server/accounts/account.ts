import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { initiative, membership } from '../initiatives/schema.ts';
import type { Mailer } from '../mail/index.ts';
import { accountMails } from './account-mails.ts';
import { allowAttempt, type Limit } from './rate-limit.ts';
import { account, user } from './schema.ts';
import { hasPassword, type AccountsContext, type RequestInfo } from './service.ts';
import type { SignedIn } from './viewer.ts';

/*
 * The account page: what a signed-in person may see and change about their
 * own account. Every function takes the viewer and only ever touches the
 * viewer's own rows.
 */

/** What the account functions need: the database, better-auth, and mail. */
export interface AccountDeps extends AccountsContext {
	mailer: Mailer;
	/** Public address of the app, for links in e-mails. */
	origin: string;
}

export type Locale = 'nl' | 'en';
export type Role = 'member' | 'coordinator';

export interface MyInitiative {
	slug: string;
	name: string;
	role: Role;
}

export interface AccountOverview {
	name: string;
	email: string;
	locale: Locale;
	createdAt: Date;
	/** The address is confirmed (the link in the mail was followed). */
	confirmed: boolean;
	initiatives: MyInitiative[];
}

/** Attempts to type the current password (change e-mail, change password, delete) per account. */
export const PASSWORD_CHECK_LIMIT: Limit = { max: 8, windowSeconds: 15 * 60 };

export type PasswordCheck = 'ok' | 'wrong_password' | 'rate_limited';

/** The viewer's own account, with the initiatives they belong to. */
export async function getAccount(db: Db, viewer: SignedIn): Promise<AccountOverview | null> {
	const [[me], initiatives] = await Promise.all([
		db.select({ name: user.name, email: user.email, locale: user.locale, createdAt: user.createdAt, confirmed: user.emailVerified }).from(user).where(eq(user.id, viewer.userId)),
		listMyInitiatives(db, viewer)
	]);
	if (!me) return null;
	return { ...me, locale: me.locale === 'en' ? 'en' : 'nl', confirmed: me.confirmed === true, initiatives };
}

/** The initiatives the viewer is a member of, with their role, by name. */
export async function listMyInitiatives(db: Db, viewer: SignedIn): Promise<MyInitiative[]> {
	return db
		.select({ slug: initiative.slug, name: initiative.name, role: membership.role })
		.from(membership)
		.innerJoin(initiative, eq(initiative.id, membership.initiativeId))
		.where(eq(membership.userId, viewer.userId))
		.orderBy(asc(initiative.name));
}

/** Change the name others see. The name is validated by the form (account-forms.ts). */
export async function changeName(db: Db, viewer: SignedIn, name: string): Promise<void> {
	await db.update(user).set({ name, updatedAt: sql`now()` }).where(eq(user.id, viewer.userId));
}

/** Choose the language of the e-mails (and of the site after signing in). */
export async function changeLocale(db: Db, viewer: SignedIn, locale: Locale): Promise<void> {
	await db.update(user).set({ locale, updatedAt: sql`now()` }).where(eq(user.id, viewer.userId));
}

/**
 * Check the viewer's current password, with better-auth's hashing (argon2id,
 * see auth.ts). Counted per account, so the forms that ask for it cannot be
 * used to guess it.
 */
export async function checkCurrentPassword({ db, auth }: AccountsContext, viewer: SignedIn, password: string): Promise<PasswordCheck> {
	if (!(await allowAttempt(db, [{ key: `account:password:${viewer.userId}`, limit: PASSWORD_CHECK_LIMIT }]))) return 'rate_limited';
	const context = await auth.$context;
	const [credential] = await db
		.select({ hash: account.password })
		.from(account)
		.where(and(eq(account.userId, viewer.userId), eq(account.providerId, 'credential')));
	if (!credential?.hash) {
		await context.password.hash(password); // the same time either way
		return 'wrong_password';
	}
	return (await context.password.verify({ hash: credential.hash, password })) ? 'ok' : 'wrong_password';
}

export type PasswordChangeResult = { ok: true; setCookies: string[] } | { ok: false; error: 'wrong_password' | 'weak_password' | 'rate_limited' | 'failed' };

/**
 * Choose a new password. Every other session ends (a stolen session stops
 * working); this one gets a fresh session cookie. The person gets an e-mail
 * so they notice when it was not them.
 */
export async function changePassword(
	deps: AccountDeps,
	viewer: SignedIn,
	req: RequestInfo,
	input: { currentPassword: string; newPassword: string }
): Promise<PasswordChangeResult> {
	const check = await checkCurrentPassword(deps, viewer, input.currentPassword);
	if (check !== 'ok') return { ok: false, error: check };
	const response = await deps.auth.api.changePassword({
		body: { currentPassword: input.currentPassword, newPassword: input.newPassword, revokeOtherSessions: true },
		headers: req.headers,
		asResponse: true
	});
	if (!response.ok) {
		const body = (await response.json().catch(() => null)) as { code?: string } | null;
		if (body?.code === 'INVALID_PASSWORD') return { ok: false, error: 'wrong_password' };
		if (body?.code === 'PASSWORD_TOO_SHORT' || body?.code === 'PASSWORD_TOO_LONG') return { ok: false, error: 'weak_password' };
		return { ok: false, error: 'failed' };
	}
	const me = await getAccount(deps.db, viewer);
	if (me) await accountMails(deps.mailer, deps.origin).passwordChanged(me);
	return { ok: true, setCookies: response.headers.getSetCookie() };
}

/**
 * Choose a password when there is none. A sign-in link used before the
 * address was confirmed removes the password (better-auth: whoever made the
 * account may not have owned the address); the person, now proven, sets a
 * new one here without the old one.
 */
export async function choosePassword(deps: AccountDeps, viewer: SignedIn, req: RequestInfo, newPassword: string): Promise<PasswordChangeResult> {
	if (await hasPassword(deps.db, viewer.userId)) return { ok: false, error: 'failed' };
	const response = await deps.auth.api.setPassword({ body: { newPassword }, headers: req.headers, asResponse: true });
	if (!response.ok) {
		const body = (await response.json().catch(() => null)) as { code?: string } | null;
		if (body?.code === 'PASSWORD_TOO_SHORT' || body?.code === 'PASSWORD_TOO_LONG') return { ok: false, error: 'weak_password' };
		return { ok: false, error: 'failed' };
	}
	const me = await getAccount(deps.db, viewer);
	if (me) await accountMails(deps.mailer, deps.origin).passwordChanged(me);
	return { ok: true, setCookies: response.headers.getSetCookie() };
}
