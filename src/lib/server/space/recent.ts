import { and, eq, gt } from 'drizzle-orm';
import { checkCurrentPassword } from '../accounts/account.ts';
import { hasPassword, type AccountsContext } from '../accounts/service.ts';
import type { SignedIn } from '../accounts/viewer.ts';
import { spaceConfirmation } from './schema.ts';

/*
 * A recent sign-in before the big steps (a share link, export, delete-all):
 * a session made less than ten minutes ago, or one whose password was asked
 * again less than ten minutes ago. Someone at a computer left signed in
 * cannot take or throw away the space.
 */

export const RECENT_MS = 10 * 60_000;

async function currentSession(accounts: AccountsContext, headers: Headers): Promise<{ id: string; userId: string; createdAt: Date } | null> {
	const found = await accounts.auth.api.getSession({ headers, query: { disableCookieCache: true } });
	return found ? { id: found.session.id, userId: found.session.userId, createdAt: new Date(found.session.createdAt) } : null;
}

/** Did this session sign in, or confirm the password, within the last ten minutes? */
export async function signedInRecently(accounts: AccountsContext, headers: Headers, now = new Date()): Promise<boolean> {
	const session = await currentSession(accounts, headers);
	if (!session) return false;
	if (now.getTime() - session.createdAt.getTime() < RECENT_MS) return true;
	const [confirmed] = await accounts.db
		.select({ at: spaceConfirmation.confirmedAt })
		.from(spaceConfirmation)
		.where(and(eq(spaceConfirmation.sessionId, session.id), gt(spaceConfirmation.confirmedAt, new Date(now.getTime() - RECENT_MS))));
	return !!confirmed;
}

export type ConfirmResult = 'ok' | 'wrong_password' | 'rate_limited' | 'no_password';

/** Ask the password again; when it is right, this session counts as recent for ten minutes. */
export async function confirmPassword(accounts: AccountsContext, viewer: SignedIn, headers: Headers, password: string): Promise<ConfirmResult> {
	if (!(await hasPassword(accounts.db, viewer.userId))) return 'no_password';
	const check = await checkCurrentPassword(accounts, viewer, password);
	if (check !== 'ok') return check;
	const session = await currentSession(accounts, headers);
	if (!session || session.userId !== viewer.userId) return 'wrong_password';
	const now = new Date();
	await accounts.db
		.insert(spaceConfirmation)
		.values({ sessionId: session.id, userId: viewer.userId, confirmedAt: now })
		.onConflictDoUpdate({ target: spaceConfirmation.sessionId, set: { confirmedAt: now } });
	return 'ok';
}
