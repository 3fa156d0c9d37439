import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, like, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { log } from '../log/index.ts';
import { checkCurrentPassword, type AccountDeps } from './account.ts';
import { accountMails, EMAIL_CHANGE_MINUTES } from './account-mails.ts';
import { allowAttempt, LIMITS } from './rate-limit.ts';
import { user, verification } from './schema.ts';
import type { SignedIn } from './viewer.ts';

/*
 * Changing the e-mail address. Nothing changes until the person clicks the
 * link we send to the NEW address; then the OLD address hears about it.
 * Only a hash of the link's token is stored (in auth_verification, under an
 * identifier of our own), so a copy of the database cannot confirm anything.
 */

const PREFIX = 'email-change:';
const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');
/** `value` holds "<user id> <new address>": neither can contain a space. */
const encode = (userId: string, email: string) => `${userId} ${email}`;
const decode = (value: string) => {
	const [userId, email] = value.split(' ');
	return userId && email ? { userId, email } : null;
};

export type EmailChangeRequest =
	| { ok: true }
	| { ok: false; error: 'same_email' | 'email_taken' | 'wrong_password' | 'rate_limited' };

/**
 * Ask to use a new e-mail address: checks the current password, then mails a
 * link to the new address. An earlier link that was not used stops working.
 */
export async function requestEmailChange(
	deps: AccountDeps,
	viewer: SignedIn,
	input: { email: string; currentPassword: string }
): Promise<EmailChangeRequest> {
	const newEmail = input.email.trim().toLowerCase();
	const check = await checkCurrentPassword(deps, viewer, input.currentPassword);
	if (check !== 'ok') return { ok: false, error: check };
	const [me] = await deps.db.select({ name: user.name, email: user.email, locale: user.locale }).from(user).where(eq(user.id, viewer.userId));
	if (!me) return { ok: false, error: 'wrong_password' };
	if (me.email === newEmail) return { ok: false, error: 'same_email' };
	// Told only after the right password: the sign-up form does not tell who has an account.
	if (await emailInUse(deps.db, newEmail, viewer.userId)) return { ok: false, error: 'email_taken' };
	if (!(await allowAttempt(deps.db, [{ key: `mail:email-change:${viewer.userId}`, limit: LIMITS.mailPerAccount }]))) {
		return { ok: false, error: 'rate_limited' };
	}

	const token = randomBytes(32).toString('base64url');
	await deps.db.transaction(async (tx) => {
		await forgetPendingEmailChange(tx as unknown as Db, viewer.userId);
		await tx.insert(verification).values({
			id: randomBytes(16).toString('hex'),
			identifier: PREFIX + tokenHash(token),
			value: encode(viewer.userId, newEmail),
			expiresAt: new Date(Date.now() + EMAIL_CHANGE_MINUTES * 60_000)
		});
	});
	await accountMails(deps.mailer, deps.origin).confirmNewEmail({ ...me, email: newEmail }, token);
	return { ok: true };
}

/** Remove links to confirm a new address that this person did not use (also on delete). */
export async function forgetPendingEmailChange(db: Db, userId: string): Promise<void> {
	await db.delete(verification).where(and(like(verification.identifier, `${PREFIX}%`), sql`split_part(${verification.value}, ' ', 1) = ${userId}`));
}

async function emailInUse(db: Db, email: string, exceptUserId: string): Promise<boolean> {
	const rows = await db.select({ id: user.id }).from(user).where(and(eq(user.email, email), ne(user.id, exceptUserId)));
	return rows.length > 0;
}

/** Whether a link still works, without using it up (for the page the link opens). */
export async function isEmailChangeLinkValid(db: Db, token: string): Promise<boolean> {
	if (!token || token.length > 512) return false;
	const rows = await db
		.select({ id: verification.id })
		.from(verification)
		.where(and(eq(verification.identifier, PREFIX + tokenHash(token)), gt(verification.expiresAt, sql`now()`)));
	return rows.length > 0;
}

export type EmailChangeConfirmation = { ok: true; email: string } | { ok: false; error: 'invalid_link' | 'email_taken' };

/**
 * Use the link from the e-mail: the account gets the new address, and the old
 * address gets a note. The link is the authority here (it may be opened on
 * another device, signed in or not), so this takes no viewer. A link works once.
 */
export async function confirmEmailChange(deps: AccountDeps, token: string): Promise<EmailChangeConfirmation> {
	if (!token || token.length > 512) return { ok: false, error: 'invalid_link' };
	const outcome = await deps.db.transaction(async (tx) => {
		// Deleting first makes the link single-use, also when clicked twice at once.
		const [row] = await tx
			.delete(verification)
			.where(eq(verification.identifier, PREFIX + tokenHash(token)))
			.returning({ value: verification.value, expiresAt: verification.expiresAt });
		const pending = row && row.expiresAt.getTime() > Date.now() ? decode(row.value) : null;
		if (!pending) return { ok: false as const, error: 'invalid_link' as const };
		const [before] = await tx
			.select({ name: user.name, email: user.email, locale: user.locale })
			.from(user)
			.where(eq(user.id, pending.userId))
			.for('update');
		if (!before) return { ok: false as const, error: 'invalid_link' as const };
		if (await emailInUse(tx as unknown as Db, pending.email, pending.userId)) return { ok: false as const, error: 'email_taken' as const };
		await tx.update(user).set({ email: pending.email, emailVerified: true, updatedAt: sql`now()` }).where(eq(user.id, pending.userId));
		return { ok: true as const, email: pending.email, before };
	}).catch((err: unknown) => {
		// Someone took the address in the very same moment: the unique index said no.
		if (isUniqueViolation(err)) return { ok: false as const, error: 'email_taken' as const };
		throw err;
	});
	if (!outcome.ok) return outcome;
	if (outcome.before.email !== outcome.email) {
		await accountMails(deps.mailer, deps.origin)
			.emailChanged(outcome.before, outcome.email)
			.catch((err: unknown) => log.error({ err }, 'could not tell the old address about an e-mail change'));
	}
	return { ok: true, email: outcome.email };
}

function isUniqueViolation(err: unknown): boolean {
	for (let e = err as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) if (e.code === '23505') return true;
	return false;
}
