import { sql } from 'drizzle-orm';
import { createAuth } from '#lib/server/accounts/auth.ts';
import { ACCOUNT_MAIL_QUEUE, accountQueues } from '#lib/server/accounts/mail-jobs.ts';
import type { AccountsContext, RequestInfo } from '#lib/server/accounts/service.ts';
import { queryRows, type Database } from '#lib/server/db/index.ts';
import { startJobRunner, useJobRunner } from '#lib/server/jobs/index.ts';
import type { Mail, Mailer } from '#lib/server/mail/index.ts';

/** A mailer that keeps every message in memory. */
export function recordingMailer(): Mailer & { sent: Mail[] } {
	const sent: Mail[] = [];
	return { sent, send: async (mail) => void sent.push(mail) };
}

/** Wait for a mail to `to` with a matching subject, among those sent after the first `after` (background jobs send them shortly). */
export async function mailTo(sent: Mail[], to: string, subject: RegExp, after = 0): Promise<Mail> {
	const deadline = Date.now() + 20_000;
	for (;;) {
		const found = sent.slice(after).find((m) => m.to === to && subject.test(m.subject));
		if (found) return found;
		if (Date.now() > deadline) throw new Error(`no mail to ${to} matching ${subject}; got: ${sent.map((m) => `${m.to} ${m.subject}`).join(' | ')}`);
		await new Promise((r) => setTimeout(r, 100));
	}
}

/** The accounts service on a real better-auth instance, with a recording mailer. */
export function accountsOn(database: Database) {
	const mailer = recordingMailer();
	const auth = createAuth({ db: database.db, mailer, origin: 'http://localhost', secret: 'x'.repeat(32) });
	const ctx: AccountsContext = { db: database.db, auth };
	return { ctx, mailer, auth };
}

/**
 * The accounts service with its mail job running, as in the app: sign-in
 * links, resets and welcome mails arrive in `mailer.sent` shortly after the
 * request (use `mailTo`). Call `stop()` before closing the database.
 */
export async function accountsWithJobs(database: Database) {
	const accounts = accountsOn(database);
	const runner = await startJobRunner(database, accountQueues({ db: database.db, auth: accounts.auth, mailer: accounts.mailer, origin: 'http://localhost' }), {
		pollingIntervalSeconds: 0.5
	});
	useJobRunner(runner);
	return {
		...accounts,
		/** Wait until every account mail job added so far has run. */
		async settled() {
			const deadline = Date.now() + 20_000;
			for (;;) {
				const [{ n }] = await queryRows<{ n: number }>(
					database.db,
					sql`select count(*)::int as n from pgboss.job where name = ${ACCOUNT_MAIL_QUEUE} and state in ('created', 'retry', 'active')`
				);
				if (Number(n) === 0) return;
				if (Date.now() > deadline) throw new Error('account mail jobs did not finish');
				await new Promise((r) => setTimeout(r, 100));
			}
		},
		async stop() {
			useJobRunner(undefined);
			await runner.stop();
		}
	};
}

/** A request from this address, optionally with the session cookies from earlier Set-Cookie headers. */
export function from(ip: string, setCookies: string[] = []): RequestInfo {
	const headers = new Headers({ 'user-agent': 'vitest' });
	const cookie = cookieHeader(setCookies);
	if (cookie) headers.set('cookie', cookie);
	return { ip, headers };
}

/** The Cookie header a browser would send back for these Set-Cookie headers (deleted cookies left out). */
export function cookieHeader(setCookies: string[]): string {
	return setCookies
		.map((c) => c.split(';')[0])
		.filter((pair) => pair.split('=')[1] !== '')
		.join('; ');
}

/** The token from the link in a mail sent to this address (the last one). */
export function tokenFromMail(sent: Mail[], to: string): string {
	const mail = sent.filter((m) => m.to === to).at(-1);
	if (!mail) throw new Error(`no mail to ${to}`);
	return tokenIn(mail);
}

/** The token from the link in this mail. */
export function tokenIn(mail: Mail): string {
	const match = /[?&]token=([^\s&]+)/.exec(mail.text);
	if (!match) throw new Error(`no link with a token in the mail to ${mail.to}`);
	return decodeURIComponent(match[1]);
}
