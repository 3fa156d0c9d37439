import { createHash } from 'node:crypto';
import { count, eq, not } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { log } from '../log/index.ts';
import type { Auth } from './auth.ts';
import { allowAttempt, clearAttempts, LIMITS } from './rate-limit.ts';
import { session, user } from './schema.ts';
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
	| 'email_taken'
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

/** Create an account and sign in. The first account on a new installation becomes association admin. */
export async function signUp(
	{ db, auth }: AccountsContext,
	req: RequestInfo,
	input: { name: string; email: string; password: string; locale: 'nl' | 'en' }
): Promise<AuthResult & { userId?: string }> {
	if (!(await allowAttempt(db, [{ key: `signup:ip:${req.ip}`, limit: LIMITS.signUpPerIp }]))) {
		return { ok: false, error: 'rate_limited' };
	}
	const { response, body } = await call(() =>
		auth.api.signUpEmail({
			body: { name: input.name, email: input.email, password: input.password, locale: input.locale },
			headers: req.headers,
			asResponse: true
		})
	);
	const result = toResult(response, body, {
		USER_ALREADY_EXISTS: 'email_taken',
		USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: 'email_taken',
		PASSWORD_TOO_SHORT: 'weak_password',
		PASSWORD_TOO_LONG: 'weak_password'
	});
	if (!result.ok) return result;
	const userId = (body as { user?: { id: string } } | null)?.user?.id;
	if (userId) await makeFirstAccountAdmin(db, userId);
	return { ...result, userId };
}

async function makeFirstAccountAdmin(db: Db, userId: string): Promise<void> {
	const [{ n }] = await db.select({ n: count() }).from(user).where(not(eq(user.id, userId)));
	if (n > 0) return;
	await db.update(user).set({ isAdmin: true }).where(eq(user.id, userId));
	log.warn({ userId }, 'FIRST ACCOUNT: this account is now the association admin (verenigingsbeheerder)');
}

/** Sign in with e-mail and password. Every failure looks the same from outside. */
export async function signIn(
	{ db, auth }: AccountsContext,
	req: RequestInfo,
	input: { email: string; password: string }
): Promise<AuthResult> {
	const accountAttempts = `signin:account:${accountKey(input.email)}`;
	const allowed = await allowAttempt(db, [
		{ key: `signin:ip:${req.ip}`, limit: LIMITS.signInPerIp },
		{ key: accountAttempts, limit: LIMITS.signInPerAccount }
	]);
	if (!allowed) return { ok: false, error: 'rate_limited' };
	const { response, body } = await call(() =>
		auth.api.signInEmail({ body: { email: input.email, password: input.password }, headers: req.headers, asResponse: true })
	);
	// A wrong password is expected, not worth a warning; anything else is logged by toResult.
	const result = toResult(response, body, { INVALID_EMAIL_OR_PASSWORD: 'invalid_credentials' });
	if (!result.ok) return { ok: false, error: 'invalid_credentials' };
	// Only failed attempts count against an account: signing in on several devices is normal.
	await clearAttempts(db, accountAttempts);
	return result;
}

/** Count one e-mail request (link or reset), per IP address and per account. */
function allowMail(db: Db, req: RequestInfo, email: string): Promise<boolean> {
	return allowAttempt(db, [
		{ key: `mail:ip:${req.ip}`, limit: LIMITS.mailPerIp },
		{ key: `mail:account:${accountKey(email)}`, limit: LIMITS.mailPerAccount }
	]);
}

/** Send a sign-in link when an account exists; the answer is the same either way. */
export async function requestMagicLink({ db, auth }: AccountsContext, req: RequestInfo, email: string): Promise<AuthResult> {
	if (!(await allowMail(db, req, email))) return { ok: false, error: 'rate_limited' };
	await call(() => auth.api.signInMagicLink({ body: { email }, headers: req.headers, asResponse: true }));
	return { ok: true, setCookies: [] };
}

/** Use a sign-in link. */
export async function useMagicLink({ auth }: AccountsContext, req: RequestInfo, token: string): Promise<AuthResult> {
	const { response } = await call(() =>
		auth.api.magicLinkVerify({ query: { token, callbackURL: '/', errorCallbackURL: '/inloggen' }, headers: req.headers, asResponse: true })
	);
	const location = response.headers.get('location') ?? '';
	const setCookies = response.headers.getSetCookie();
	if (location.includes('error=') || !setCookies.some((c) => c.includes('session_token'))) {
		return { ok: false, error: 'invalid_token' };
	}
	return { ok: true, setCookies };
}

/** Send a link to choose a new password when an account exists; the answer is the same either way. */
export async function requestPasswordReset({ db, auth }: AccountsContext, req: RequestInfo, email: string): Promise<AuthResult> {
	if (!(await allowMail(db, req, email))) return { ok: false, error: 'rate_limited' };
	await call(() => auth.api.requestPasswordReset({ body: { email }, headers: req.headers, asResponse: true }));
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
