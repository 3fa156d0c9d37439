import { and, eq, gt, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Locale } from '../../paraglide/runtime.js';
import { allowAttempt, type Limit } from '../accounts/rate-limit.ts';
import type { Db } from '../db/index.ts';
import type { QueueDefinition } from '../jobs/index.ts';
import { log } from '../log/index.ts';
import type { Mail, Mailer } from '../mail/index.ts';
import { localePrefix } from '../notify/index.ts';
import { outsideRequest, type OutsideRequestRow } from './schema.ts';
import { hashOutsideToken, isOutsideToken, newOutsideToken } from './tokens.ts';

/*
 * "Outside requests": a request from someone without an account (a
 * professional's handover, a person asking to be called, an organisation's
 * request to the expertise pool), with one shared life cycle:
 *
 *   1. submit  — a public form, protected by a honeypot field and rate limits
 *                per address, per target and per e-mail address; a second
 *                submit of the same form adds nothing. The request is stored
 *                unconfirmed and a mail with its secret link goes out.
 *   2. confirm — the link opens a page with a button; only then does the
 *                request enter the kind's queue (`onConfirmed`).
 *   3. follow  — the same link shows the request's state, as the kind decides.
 *   4. close   — the link works for `retentionDays` more; then the clean-up
 *                job forgets the address, the link and the kind's details.
 *   Never confirmed: deleted after UNCONFIRMED_DAYS.
 *
 * A kind plugs in with an `OutsideKind` (below); see src/lib/server/README.md.
 */

/** Days an unconfirmed request (and its link) is kept. */
export const UNCONFIRMED_DAYS = 7;
/** The field people never see; a bot that fills it in is told "check your mail", and nothing is stored. */
export const OUTSIDE_HONEYPOT_FIELD = 'homepage';
/** The hidden field with the form's random key (double submits). */
export const OUTSIDE_SUBMISSION_FIELD = 'formulier';

const DAY = 24 * 3_600_000;

/** What a capability tells this module about its kind of request. */
export interface OutsideKind {
	/** Stored with each request, e.g. `handover`. */
	name: string;
	/** Days a closed request's link and details are kept. */
	retentionDays: number;
	limits: { perIp: Limit; perTarget: Limit; perEmail: Limit };
	/** The page of the secret link, e.g. `/doorverwijzing/<token>`. */
	linkPath(token: string): string;
	/** Inside the confirming transaction: the request enters the queue (add notices here, by id). */
	onConfirmed?(tx: Db, request: OutsideRequestRow): Promise<void>;
	/** Inside the clean-up transaction: erase the kind's personal details of these requests. */
	forget(tx: Db, requestIds: string[]): Promise<void>;
}

/** The two fields every outside form carries; spread into the kind's own zod schema. */
export const outsideFormFields = {
	[OUTSIDE_HONEYPOT_FIELD]: z.string().optional().default(''),
	[OUTSIDE_SUBMISSION_FIELD]: z.uuid().optional().catch(undefined)
};

export interface OutsideSubmission {
	targetId: string | null;
	email: string;
	/** The honeypot field as sent. */
	[OUTSIDE_HONEYPOT_FIELD]: string;
	/** The form's key; without one, a second submit is a second request. */
	[OUTSIDE_SUBMISSION_FIELD]?: string;
}

export interface OutsideContext {
	ip: string;
	origin: string;
	locale: Locale;
	now?: Date;
}

/** `requestId` is null when nothing new was stored (the honeypot, or the same form again). */
export type OutsideSubmitResult = { ok: true; requestId: string | null } | { ok: false; error: 'rate_limited' };

/**
 * Step 1: store an unconfirmed request with the kind's details
 * (`saveDetails`, in the same transaction) and mail its secret link at once
 * (`confirmMail` gets the whole link; the mail never holds the request's
 * private text). This mail does not go through a job: the token exists only
 * here, and only its hash is stored.
 */
export async function submitOutsideRequest(
	db: Db,
	mailer: Mailer,
	kind: OutsideKind,
	context: OutsideContext,
	submission: OutsideSubmission,
	saveDetails: (tx: Db, requestId: string) => Promise<void>,
	confirmMail: (link: string, expiresAt: Date) => Mail
): Promise<OutsideSubmitResult> {
	const now = context.now ?? new Date();
	if (submission[OUTSIDE_HONEYPOT_FIELD]) {
		log.info({ kind: kind.name }, 'outside request: honeypot filled in, dropped');
		return { ok: true, requestId: null };
	}
	const key = submission[OUTSIDE_SUBMISSION_FIELD] ?? null;
	if (key && (await db.select({ id: outsideRequest.id }).from(outsideRequest).where(and(eq(outsideRequest.kind, kind.name), eq(outsideRequest.submissionKey, key)))).length) {
		return { ok: true, requestId: null };
	}
	const email = submission.email.toLowerCase();
	const allowed = await allowAttempt(db, [
		{ key: `outside:${kind.name}:ip:${context.ip}`, limit: kind.limits.perIp },
		...(submission.targetId ? [{ key: `outside:${kind.name}:target:${submission.targetId}`, limit: kind.limits.perTarget }] : []),
		{ key: `outside:${kind.name}:email:${email}`, limit: kind.limits.perEmail }
	]);
	if (!allowed) return { ok: false, error: 'rate_limited' };
	const { token, hash } = newOutsideToken();
	const expiresAt = new Date(now.getTime() + UNCONFIRMED_DAYS * DAY);
	const requestId = await db.transaction(async (tx) => {
		const [row] = await tx
			.insert(outsideRequest)
			.values({ kind: kind.name, targetId: submission.targetId, email: submission.email, locale: context.locale, tokenHash: hash, submissionKey: key, createdAt: now, expiresAt })
			.onConflictDoNothing()
			.returning({ id: outsideRequest.id });
		if (row) await saveDetails(tx, row.id);
		return row?.id ?? null;
	});
	if (!requestId) return { ok: true, requestId: null };
	const link = `${context.origin}${localePrefix(context.locale)}${kind.linkPath(token)}`;
	await mailer.send(confirmMail(link, expiresAt));
	log.info({ kind: kind.name, request: requestId }, 'outside request stored, confirmation mailed');
	return { ok: true, requestId };
}

const linkWorks = (now: Date) => or(isNull(outsideRequest.expiresAt), gt(outsideRequest.expiresAt, now));

/** The request a secret link opens, or null: unknown, expired or forgotten. Changes nothing. */
export async function findOutsideRequest(db: Db, kind: OutsideKind, token: unknown, now: Date = new Date()): Promise<OutsideRequestRow | null> {
	if (!isOutsideToken(token)) return null;
	const [row] = await db
		.select()
		.from(outsideRequest)
		.where(and(eq(outsideRequest.kind, kind.name), eq(outsideRequest.tokenHash, hashOutsideToken(token)), linkWorks(now)));
	return row ?? null;
}

export type OutsideConfirmResult = { ok: true; request: OutsideRequestRow; already: boolean } | { ok: false };

/**
 * Step 2: the requester presses "confirm" on the link's page. The row is
 * locked, so two clicks at once confirm once and `onConfirmed` runs once.
 */
export async function confirmOutsideRequest(db: Db, kind: OutsideKind, token: unknown, now: Date = new Date()): Promise<OutsideConfirmResult> {
	if (!isOutsideToken(token)) return { ok: false };
	return db.transaction(async (tx): Promise<OutsideConfirmResult> => {
		const [row] = await tx
			.select()
			.from(outsideRequest)
			.where(and(eq(outsideRequest.kind, kind.name), eq(outsideRequest.tokenHash, hashOutsideToken(token)), linkWorks(now)))
			.for('update');
		if (!row) return { ok: false };
		if (row.confirmedAt) return { ok: true, request: row, already: true };
		const [confirmed] = await tx.update(outsideRequest).set({ confirmedAt: now, expiresAt: null }).where(eq(outsideRequest.id, row.id)).returning();
		await kind.onConfirmed?.(tx, confirmed);
		log.info({ kind: kind.name, request: row.id }, 'outside request confirmed');
		return { ok: true, request: confirmed, already: false };
	});
}

/** At most this many links in one "link kwijt?" mail (the newest requests). */
const RENEW_LIMIT = 20;

/**
 * "Link kwijt?": every request of this kind at this address whose link still
 * works gets a new secret link, mailed at once; the old one stops working.
 * The answer is the same whether there were any (the page must not tell who
 * asked for what), and it is rate limited like a new request.
 */
export async function renewOutsideLinks(
	db: Db,
	mailer: Mailer,
	kind: OutsideKind,
	context: OutsideContext,
	email: string,
	renewMail: (links: string[]) => Mail
): Promise<{ ok: true } | { ok: false; error: 'rate_limited' }> {
	const now = context.now ?? new Date();
	const address = email.trim().toLowerCase();
	const allowed = await allowAttempt(db, [
		{ key: `outside:${kind.name}:renew-ip:${context.ip}`, limit: kind.limits.perIp },
		{ key: `outside:${kind.name}:renew-email:${address}`, limit: kind.limits.perEmail }
	]);
	if (!allowed) return { ok: false, error: 'rate_limited' };
	const links = await db.transaction(async (tx) => {
		const rows = await tx
			.select({ id: outsideRequest.id })
			.from(outsideRequest)
			.where(and(eq(outsideRequest.kind, kind.name), sql`lower(${outsideRequest.email}) = ${address}`, isNotNull(outsideRequest.tokenHash), isNull(outsideRequest.forgottenAt), linkWorks(now)))
			.orderBy(sql`${outsideRequest.createdAt} desc`)
			.limit(RENEW_LIMIT)
			.for('update');
		const made: string[] = [];
		for (const { id } of rows) {
			const { token, hash } = newOutsideToken();
			await tx.update(outsideRequest).set({ tokenHash: hash }).where(eq(outsideRequest.id, id));
			made.push(`${context.origin}${localePrefix(context.locale)}${kind.linkPath(token)}`);
		}
		return made;
	});
	if (links.length) {
		await mailer.send(renewMail(links));
		log.info({ kind: kind.name, links: links.length }, 'outside request links renewed');
	}
	return { ok: true };
}

/**
 * Close a confirmed request inside the kind's transaction: its link works
 * `retentionDays` more, then the clean-up forgets it. False when it was not
 * open (not confirmed, or closed already).
 */
export async function closeOutsideRequest(tx: Db, kind: OutsideKind, requestId: string, now: Date = new Date()): Promise<boolean> {
	const closed = await tx
		.update(outsideRequest)
		.set({ closedAt: now, expiresAt: new Date(now.getTime() + kind.retentionDays * DAY) })
		.where(and(eq(outsideRequest.id, requestId), eq(outsideRequest.kind, kind.name), isNotNull(outsideRequest.confirmedAt), isNull(outsideRequest.closedAt)))
		.returning({ id: outsideRequest.id });
	return closed.length > 0;
}

/**
 * Delete requests never confirmed within UNCONFIRMED_DAYS (their details go
 * with them), and forget closed ones past their retention: the kind erases
 * its details, the address and the link go here. Returns the counts.
 */
export async function cleanupOutsideRequests(db: Db, kinds: OutsideKind[], now: Date = new Date()): Promise<{ deleted: number; forgotten: number }> {
	return db.transaction(async (tx) => {
		const deleted = (
			await tx
				.delete(outsideRequest)
				.where(and(isNull(outsideRequest.confirmedAt), lt(outsideRequest.createdAt, new Date(now.getTime() - UNCONFIRMED_DAYS * DAY))))
				.returning({ id: outsideRequest.id })
		).length;
		let forgotten = 0;
		for (const kind of kinds) {
			const due = await tx
				.select({ id: outsideRequest.id })
				.from(outsideRequest)
				.where(and(eq(outsideRequest.kind, kind.name), isNotNull(outsideRequest.closedAt), isNull(outsideRequest.forgottenAt), sql`${outsideRequest.expiresAt} <= ${now.toISOString()}::timestamptz`))
				.limit(5000);
			if (!due.length) continue;
			const ids = due.map((d) => d.id);
			await kind.forget(tx, ids);
			await tx.update(outsideRequest).set({ email: null, tokenHash: null, submissionKey: null, forgottenAt: now }).where(inArray(outsideRequest.id, ids));
			forgotten += ids.length;
		}
		if (deleted || forgotten) log.info({ deleted, forgotten }, 'outside requests cleaned up');
		return { deleted, forgotten };
	});
}

export const OUTSIDE_CLEANUP_QUEUE = 'outside-request-cleanup';

/** The hourly clean-up of every kind, for the job runner (app.ts passes the kinds). */
export function outsideQueues(db: Db, kinds: OutsideKind[]): Record<string, QueueDefinition> {
	return {
		[OUTSIDE_CLEANUP_QUEUE]: { handler: async () => void (await cleanupOutsideRequests(db, kinds)), cron: '41 * * * *', retryLimit: 1 }
	};
}
