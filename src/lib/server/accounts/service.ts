import { createHash } from 'node:crypto';
import { and, count, eq, not } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { log } from '../log/index.ts';
import type { Auth } from './auth.ts';
import { enqueueAccountMail } from './mail-jobs.ts';
import { allowAttempt, attemptsSoFar, clearAttempts, LIMITS } from './rate-limit.ts';
import { account, session, user } from './schema.ts';
import type { SignedIn, Viewer } from './viewer.ts';

export interface AccountsContext {
	db: Db;
	auth: Auth;
}

/** What the service needs to know about the request. */
export interface RequestInfo {
	/** Client address as seen by our server (for rate limits only; not stored). */
	ip: string;
	/** The request's cookie and user-agent headers. */
	headers: Headers;
}

export type AuthError =
	| 'invalid_credentials'
	| 'too_many_guesses'
	| 'weak_password'
	| 'invalid_token'
	| 'rate_limited'
	| 'failed';

export type AuthResult = { ok: true; setCookies: string[] } | { ok: false; error: AuthError };

const accountKey = (email: string) => createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32);

async function call(run: () => Promise<Response>): Promise<{ response: Response; body: { code?: string } | null }> {
	const response = await run();
	const body = await response
		.clone()
		.json()
		.catch(() => null);
	return { response, body };
}

function toResult(response: Response, body: { code?: string } | null, map: Record<string, AuthError> = {}): AuthResult {
	if (response.ok || response.status === 302) return { ok: true, setCookies: response.headers.getSetCookie() };
	const error = (body?.code && map[body.code]) || 'failed';
	if (error === 'failed') log.warn({ status: response.status, code: body?.code }, 'auth call failed');
	return { ok: false, error };
}

/**
 * Create an account and sign in; a welcome mail with a link to confirm the
 * address follows. An address that already has an account gets the same
 * answer (nothing made, nobody signed in) and its owner gets a mail about it,
 * so the form does not tell who has an account. The first account on a new
 * installation becomes association admin.
 */
export async function signUp(
	{ db, auth }: AccountsContext,
	req: RequestInfo,
	input: { name: string; email: string; password: string; locale: 'nl' | 'en' }
): Promise<AuthResult & { userId?: string }> {
	if (!(await allowAttempt(db, [{ key: `signup:ip:${req.ip}`, limit: LIMITS.signUpPerIp }]))) {
		return { ok: false, error: 'rate_limited' };
	}
	const [existing] = await db.select({ id: user.id }).from(user).where(eq(user.email, input.email.trim().toLowerCase()));
	if (existing) return answerForExistingAddress({ db, auth }, existing.id, input.password);
	const { response, body } = await call(() =>
		auth.api.signUpEmail({
			body: { name: input.name, email: input.email, password: input.password, locale: input.locale },
			headers: req.headers,
			asResponse: true
		})
	);
	const code = body?.code ?? '';
	// Someone took the address in the same moment.
	if (code.startsWith('USER_ALREADY_EXISTS')) {
		const [taken] = await db.select({ id: user.id }).from(user).where(eq(user.email, input.email.trim().toLowerCase()));
		if (taken) return answerForExistingAddress({ db, auth }, taken.id, input.password);
	}
	const result = toResult(response, body, { PASSWORD_TOO_SHORT: 'weak_password', PASSWORD_TOO_LONG: 'weak_password' });
	if (!result.ok) return result;
	const userId = (body as { user?: { id: string } } | null)?.user?.id;
	if (userId) {
		await makeFirstAccountAdmin(db, userId);
		await enqueueAccountMail(db, { kind: 'welcome', userId });
	}
	return { ...result, userId };
}

/** The answer of a sign-up with a known address: as long as a real one (the password is hashed too), and a mail to the owner. */
async function answerForExistingAddress({ db, auth }: AccountsContext, ownerId: string, password: string): Promise<AuthResult> {
	await (await auth.$context).password.hash(password);
	await enqueueAccountMail(db, { kind: 'signup-existing', userId: ownerId });
	return { ok: true, setCookies: [] };
}

async function makeFirstAccountAdmin(db: Db, userId: string): Promise<void> {
	const [{ n }] = await db.select({ n: count() }).from(user).where(not(eq(user.id, userId)));
	if (n > 0) return;
	await db.update(user).set({ isAdmin: true }).where(eq(user.id, userId));
	log.warn({ userId }, 'FIRST ACCOUNT: this account is now the association admin (verenigingsbeheerder)');
}

/** How long each attempt waits, per failure beyond a slow-down limit, and at most. */
export const SLOW_DOWN = { stepMs: 500, maxMs: 5_000 };

/**
 * Sign in with e-mail and password. Every failure looks the same from outside.
 * Failures are counted per account and address together: after eight, this
 * account cannot be tried from this address for a while ('too_many_guesses'),
 * while its owner elsewhere and the others behind this address sign in as
 * always. Many failures for one account, or from one address, slow every
 * further attempt down instead of refusing it. A sign-in link and a new
 * password by mail are never held back by these counts.
 */
export async function signIn(
	{ db, auth }: AccountsContext,
	req: RequestInfo,
	input: { email: string; password: string }
): Promise<AuthResult> {
	const account = accountKey(input.email);
	const pairKey = `signin:pair:${account}:${req.ip}`;
	const accountFailures = `signin:account:${account}`;
	const ipFailures = `signin:ip:${req.ip}`;
	if (!(await allowAttempt(db, [{ key: pairKey, limit: LIMITS.signInPerPair }]))) return { ok: false, error: 'too_many_guesses' };
	// Each failure from the limit on adds a step of waiting.
	const excess = Math.max(
		(await attemptsSoFar(db, accountFailures, LIMITS.signInSlowPerAccount)) - LIMITS.signInSlowPerAccount.max + 1,
		(await attemptsSoFar(db, ipFailures, LIMITS.signInSlowPerIp)) - LIMITS.signInSlowPerIp.max + 1,
		0
	);
	if (excess > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(SLOW_DOWN.maxMs, excess * SLOW_DOWN.stepMs)));
	const { response, body } = await call(() =>
		auth.api.signInEmail({ body: { email: input.email, password: input.password }, headers: req.headers, asResponse: true })
	);
	// A wrong password is expected, not worth a warning; anything else is logged by toResult.
	const result = toResult(response, body, { INVALID_EMAIL_OR_PASSWORD: 'invalid_credentials' });
	if (!result.ok) {
		await allowAttempt(db, [{ key: accountFailures, limit: LIMITS.signInSlowPerAccount }]);
		await allowAttempt(db, [{ key: ipFailures, limit: LIMITS.signInSlowPerIp }]);
		return { ok: false, error: 'invalid_credentials' };
	}
	// Only failed attempts count: signing in on several devices is normal.
	await clearAttempts(db, pairKey);
	await clearAttempts(db, accountFailures);
	return result;
}

/**
 * Count one e-mail request (link or reset) per IP address, per account and
 * address, and per account. The per-account limit is higher, so that someone
 * asking for links to another person's address cannot use up that person's own.
 */
function allowMail(db: Db, req: RequestInfo, email: string): Promise<boolean> {
	const account = accountKey(email);
	return allowAttempt(db, [
		{ key: `mail:ip:${req.ip}`, limit: LIMITS.mailPerIp },
		{ key: `mail:pair:${account}:${req.ip}`, limit: LIMITS.mailPerPair },
		{ key: `mail:account:${account}`, limit: LIMITS.mailPerAccount }
	]);
}

/** Send a sign-in link when an account exists; the answer and its time are the same either way (a job sends it). */
export async function requestMagicLink({ db }: AccountsContext, req: RequestInfo, email: string): Promise<AuthResult> {
	if (!(await allowMail(db, req, email))) return { ok: false, error: 'rate_limited' };
	await enqueueAccountMail(db, { kind: 'magic-link', email: email.trim().toLowerCase() });
	return { ok: true, setCookies: [] };
}

/**
 * Use a sign-in link. `withoutPassword`: the person has no password now —
 * better-auth removes one that was set before the address was proven, so
 * they are sent to choose a new one instead of finding it refused later.
 */
export async function useMagicLink({ db, auth }: AccountsContext, req: RequestInfo, token: string): Promise<AuthResult & { withoutPassword?: boolean }> {
	const { response } = await call(() =>
		auth.api.magicLinkVerify({ query: { token, callbackURL: '/', errorCallbackURL: '/inloggen' }, headers: req.headers, asResponse: true })
	);
	const location = response.headers.get('location') ?? '';
	const setCookies = response.headers.getSetCookie();
	if (location.includes('error=') || !setCookies.some((c) => c.includes('session_token'))) {
		return { ok: false, error: 'invalid_token' };
	}
	const cookie = setCookies.map((c) => c.split(';')[0]).join('; ');
	const signedIn = await auth.api.getSession({ headers: new Headers({ cookie }) });
	return { ok: true, setCookies, withoutPassword: !!signedIn && !(await hasPassword(db, signedIn.user.id)) };
}

/** Does this person have a password? Not after a sign-in link removed one that was never proven. */
export async function hasPassword(db: Db, userId: string): Promise<boolean> {
	const [credential] = await db
		.select({ hash: account.password })
		.from(account)
		.where(and(eq(account.userId, userId), eq(account.providerId, 'credential')));
	return !!credential?.hash;
}

/** Send a link to choose a new password when an account exists; the answer and its time are the same either way (a job sends it). */
export async function requestPasswordReset({ db }: AccountsContext, req: RequestInfo, email: string): Promise<AuthResult> {
	if (!(await allowMail(db, req, email))) return { ok: false, error: 'rate_limited' };
	await enqueueAccountMail(db, { kind: 'reset', email: email.trim().toLowerCase() });
	return { ok: true, setCookies: [] };
}

/** Choose a new password with the token from the e-mail; signs out every other session. */
export async function resetPassword({ auth }: AccountsContext, token: string, newPassword: string): Promise<AuthResult> {
	const { response, body } = await call(() =>
		auth.api.resetPassword({ body: { token, newPassword }, asResponse: true })
	);
	return toResult(response, body, {
		INVALID_TOKEN: 'invalid_token',
		PASSWORD_TOO_SHORT: 'weak_password',
		PASSWORD_TOO_LONG: 'weak_password'
	});
}

export async function signOut({ auth }: AccountsContext, req: RequestInfo): Promise<AuthResult> {
	const { response } = await call(() => auth.api.signOut({ headers: req.headers, asResponse: true }));
	return { ok: true, setCookies: response.headers.getSetCookie() };
}

/** End every session of this person, on every device, including this one. */
export async function signOutEverywhere(ctx: AccountsContext, viewer: SignedIn, req: RequestInfo): Promise<AuthResult> {
	await ctx.db.delete(session).where(eq(session.userId, viewer.userId));
	return signOut(ctx, req);
}

/** The signed-in person for these request headers, or null. */
export async function getViewer({ auth }: AccountsContext, headers: Headers): Promise<Viewer> {
	const found = await auth.api.getSession({ headers });
	if (!found) return null;
	const u = found.user as typeof found.user & { locale?: string; isAdmin?: boolean };
	return { userId: u.id, name: u.name, email: u.email, locale: u.locale === 'en' ? 'en' : 'nl', isAdmin: u.isAdmin === true };
}

/** Make an existing account association admin (`npm run admin -- create <email>`). */
export async function makeAdmin(db: Db, email: string): Promise<boolean> {
	const rows = await db
		.update(user)
		.set({ isAdmin: true })
		.where(eq(user.email, email.trim().toLowerCase()))
		.returning({ id: user.id });
	return rows.length > 0;
}
