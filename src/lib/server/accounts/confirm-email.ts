import { verifyJWT } from 'better-auth/crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { enqueueAccountMail } from './mail-jobs.ts';
import { allowAttempt, LIMITS } from './rate-limit.ts';
import { user } from './schema.ts';
import type { AccountsContext } from './service.ts';
import type { SignedIn, Viewer } from './viewer.ts';

/*
 * A confirmed e-mail address: the link in the welcome mail, a sign-in link, a
 * new password by mail or a changed address each prove that the address is the
 * person's own. The account works before that; joining an open initiative and
 * starting one wait for it, because both reach other people.
 */

/** Whether this person proved their address. */
export async function isEmailConfirmed(db: Db, viewer: Viewer): Promise<boolean> {
	if (!viewer) return false;
	const [row] = await db.select({ confirmed: user.emailVerified }).from(user).where(eq(user.id, viewer.userId));
	return row?.confirmed === true;
}

export type ConfirmationRequest = 'sent' | 'already_confirmed' | 'rate_limited';

/** Send the confirmation link again (from the account page), a few times an hour at most. */
export async function requestConfirmationMail(db: Db, viewer: SignedIn, naar?: string): Promise<ConfirmationRequest> {
	if (await isEmailConfirmed(db, viewer)) return 'already_confirmed';
	if (!(await allowAttempt(db, [{ key: `mail:confirm:${viewer.userId}`, limit: LIMITS.confirmMailPerAccount }]))) return 'rate_limited';
	await enqueueAccountMail(db, { kind: 'confirm', userId: viewer.userId, ...(naar ? { naar } : {}) });
	return 'sent';
}

export type Confirmation = 'confirmed' | 'sign_in' | 'invalid';

/**
 * Use the link from the mail. It counts only in a browser signed in to that
 * account: someone who made an account with another person's address cannot
 * have the owner confirm it (and keep a password the owner never chose) by
 * a click in the mail; the owner signs in first, with a link if need be.
 */
export async function confirmEmail({ db, auth }: AccountsContext, viewer: Viewer, token: string): Promise<Confirmation> {
	if (!token || token.length > 2048) return 'invalid';
	const { secret } = await auth.$context;
	const claims = (await verifyJWT(token, secret)) as { email?: unknown; userId?: unknown; updateTo?: unknown } | null;
	if (!claims || typeof claims.userId !== 'string' || typeof claims.email !== 'string' || claims.updateTo !== undefined) return 'invalid';
	const [owner] = await db.select({ email: user.email }).from(user).where(eq(user.id, claims.userId));
	if (!owner || owner.email !== claims.email) return 'invalid';
	if (viewer?.userId !== claims.userId) return 'sign_in';
	await db.update(user).set({ emailVerified: true }).where(eq(user.id, claims.userId));
	return 'confirmed';
}
