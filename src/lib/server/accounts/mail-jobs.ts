import { createEmailVerificationToken } from 'better-auth/api';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { enqueue, type QueueDefinition } from '../jobs/index.ts';
import type { Mailer } from '../mail/index.ts';
import type { Auth } from './auth.ts';
import { CONFIRM_LINK_DAYS } from './link-lifetimes.ts';
import { authMails } from './mails.ts';
import { user } from './schema.ts';

/*
 * Mails about signing in and signing up, sent by a background job. The request
 * only adds the job, the same for an address with or without an account, so
 * neither its answer nor its time tells whether someone has an account. The
 * job finds out, and mails only an address that has one.
 */

export const ACCOUNT_MAIL_QUEUE = 'account-mail';

export type AccountMailJob =
	| { kind: 'magic-link' | 'reset'; email: string }
	| { kind: 'welcome' | 'confirm' | 'signup-existing'; userId: string; naar?: string };

export function enqueueAccountMail(tx: Db, job: AccountMailJob): Promise<void> {
	return enqueue(tx, ACCOUNT_MAIL_QUEUE, job);
}

export interface AccountMailContext {
	db: Db;
	auth: Auth;
	mailer: Mailer;
	origin: string;
}

/** The queue of account mails, for the job runner. */
export function accountQueues(ctx: AccountMailContext): Record<string, QueueDefinition> {
	return { [ACCOUNT_MAIL_QUEUE]: { handler: async (data) => sendAccountMail(ctx, parseJob(data)) } };
}

function parseJob(data: Record<string, unknown>): AccountMailJob {
	const { kind, email, userId, naar } = data;
	if ((kind === 'magic-link' || kind === 'reset') && typeof email === 'string') return { kind, email };
	if ((kind === 'welcome' || kind === 'confirm' || kind === 'signup-existing') && typeof userId === 'string') {
		return { kind, userId, ...(typeof naar === 'string' ? { naar } : {}) };
	}
	throw new Error('not an account mail job');
}

async function sendAccountMail(ctx: AccountMailContext, job: AccountMailJob): Promise<void> {
	if ('email' in job) {
		// better-auth makes the token and calls back into auth.ts, which mails only a known address.
		const request = { body: { email: job.email }, headers: new Headers() };
		await (job.kind === 'magic-link' ? ctx.auth.api.signInMagicLink(request) : ctx.auth.api.requestPasswordReset(request));
		return;
	}

	const [person] = await ctx.db
		.select({ id: user.id, name: user.name, email: user.email, locale: user.locale, emailVerified: user.emailVerified })
		.from(user)
		.where(eq(user.id, job.userId));
	if (!person) return; // The account was deleted meanwhile.
	const mails = authMails(ctx.mailer, ctx.origin);
	if (job.kind === 'signup-existing') return mails.signUpWithExistingAddress(person);
	if (person.emailVerified && job.kind === 'confirm') return;
	const { secret } = await ctx.auth.$context;
	// better-auth's own token (a signed JWT bound to this account and address); nothing is stored.
	const token = await createEmailVerificationToken(secret, person.email, undefined, CONFIRM_LINK_DAYS * 24 * 60 * 60, { userId: person.id });
	await mails.confirmEmail(person, token, job.kind === 'confirm', job.naar);
}
