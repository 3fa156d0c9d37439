import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, gt, inArray, isNull, or, sql, TransactionRollbackError } from 'drizzle-orm';
import { requireSignedIn } from '../access/core.ts';
import { requireCoordinator } from '../access/initiatives.ts';
import { attemptsSoFar, LIMITS, takeQuota, type Limit } from '../accounts/rate-limit.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { log } from '../log/index.ts';
import type { Mailer } from '../mail/index.ts';
import { inviteMails } from './mails.ts';
import { initiative, invite, membership } from './schema.ts';

/** Only the hash of an invite token is stored. */
const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');
const newToken = () => randomBytes(24).toString('base64url');

/** Largest list of addresses accepted in one go. */
export const MAX_BULK_INVITES = 500;

export type InviteState = 'valid' | 'expired' | 'used' | 'revoked' | 'unknown';

export interface InviteView {
	id: string;
	email: string | null;
	maxUses: number | null;
	uses: number;
	expiresAt: Date;
	createdAt: Date;
}

/** Make an invite link: for one person or for many, valid for some days. Returns the link's token once. */
export async function createInviteLink(
	db: Db,
	viewer: Viewer,
	initiativeId: string,
	options: { maxUses: number | null; days: number; email?: string }
): Promise<{ token: string; invite: InviteView }> {
	await requireCoordinator(db, viewer, { id: initiativeId });
	const token = newToken();
	const [row] = await db
		.insert(invite)
		.values({
			initiativeId,
			tokenHash: hashToken(token),
			email: options.email ?? null,
			maxUses: options.maxUses,
			expiresAt: new Date(Date.now() + options.days * 24 * 60 * 60 * 1000),
			createdBy: viewer!.userId
		})
		.returning();
	return { token, invite: row };
}

/** Invites that can still be used, for the coordinators of the initiative. */
export async function listActiveInvites(db: Db, viewer: Viewer, initiativeId: string): Promise<InviteView[]> {
	await requireCoordinator(db, viewer, { id: initiativeId });
	return db
		.select({ id: invite.id, email: invite.email, maxUses: invite.maxUses, uses: invite.uses, expiresAt: invite.expiresAt, createdAt: invite.createdAt })
		.from(invite)
		.where(
			and(
				eq(invite.initiativeId, initiativeId),
				isNull(invite.revokedAt),
				gt(invite.expiresAt, sql`now()`),
				or(isNull(invite.maxUses), sql`${invite.uses} < ${invite.maxUses}`)
			)
		)
		.orderBy(desc(invite.createdAt))
		.limit(200);
}

export async function revokeInvite(db: Db, viewer: Viewer, initiativeId: string, inviteId: string): Promise<void> {
	await requireCoordinator(db, viewer, { id: initiativeId });
	await db
		.update(invite)
		.set({ revokedAt: sql`now()` })
		.where(and(eq(invite.id, inviteId), eq(invite.initiativeId, initiativeId)));
}

function stateOf(row: { revokedAt: Date | null; expiresAt: Date; uses: number; maxUses: number | null }, now = new Date()): InviteState {
	if (row.revokedAt) return 'revoked';
	if (row.expiresAt <= now) return 'expired';
	if (row.maxUses !== null && row.uses >= row.maxUses) return 'used';
	return 'valid';
}

/** What an invite link leads to, for the page that opens it. Anyone with the link may see this. */
export async function inspectInvite(db: Db, token: string): Promise<{ state: InviteState; initiative?: { id: string; slug: string; name: string; town: string } }> {
	if (!token || token.length > 100) return { state: 'unknown' };
	const [row] = await db
		.select({ invite, initiative: { id: initiative.id, slug: initiative.slug, name: initiative.name, town: initiative.town } })
		.from(invite)
		.innerJoin(initiative, eq(initiative.id, invite.initiativeId))
		.where(eq(invite.tokenHash, hashToken(token)));
	if (!row) return { state: 'unknown' };
	return { state: stateOf(row.invite), initiative: row.initiative };
}

export type AcceptResult = { ok: true; slug: string; alreadyMember: boolean } | { ok: false; state: Exclude<InviteState, 'valid'> };

/**
 * Join the initiative with an invite. One use is counted in the same
 * transaction that adds the membership, with the invite row locked, so a
 * single-use link cannot be used twice, not even by two clicks at once.
 * Someone who is already a member does not use up the link.
 */
export async function acceptInvite(db: Db, viewer: Viewer, token: string): Promise<AcceptResult> {
	const person = requireSignedIn(viewer);
	if (!token || token.length > 100) return { ok: false, state: 'unknown' };
	return db.transaction(async (tx) => {
		const [row] = await tx.select().from(invite).where(eq(invite.tokenHash, hashToken(token))).for('update');
		if (!row) return { ok: false, state: 'unknown' } as const;
		const [target] = await tx.select({ slug: initiative.slug }).from(initiative).where(eq(initiative.id, row.initiativeId));
		const [existing] = await tx
			.select({ role: membership.role })
			.from(membership)
			.where(and(eq(membership.initiativeId, row.initiativeId), eq(membership.userId, person.userId)));
		if (existing) return { ok: true, slug: target.slug, alreadyMember: true } as const;
		const state = stateOf(row);
		if (state !== 'valid') return { ok: false, state } as const;
		await tx.update(invite).set({ uses: sql`${invite.uses} + 1` }).where(eq(invite.id, row.id));
		await tx.insert(membership).values({ initiativeId: row.initiativeId, userId: person.userId });
		log.info({ initiative: target.slug }, 'joined by invite');
		return { ok: true, slug: target.slug, alreadyMember: false } as const;
	});
}

export interface InviteRow {
	/** Line number in what the coordinator pasted or uploaded. */
	line: number;
	email: string;
	error?: 'invite_row_no_email' | 'invite_row_invalid' | 'invite_row_duplicate';
}

const EMAIL = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>"]+$/;

/**
 * Read a list of e-mail addresses as pasted from a spreadsheet, a CSV file or
 * an address book: one person per line, the address in any column
 * ("Anna;anna@voorbeeld.nl", "Anna <anna@voorbeeld.nl>"). Header lines and
 * empty lines are skipped; every other line gets a result, so the preview can
 * show per row what will happen.
 */
export function parseInviteList(text: string): InviteRow[] {
	const rows: InviteRow[] = [];
	const seen = new Set<string>();
	const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
	lines.forEach((raw, index) => {
		const line = raw.trim();
		if (!line) return;
		const cells = line.split(/[,;\t]/).map((c) => c.trim().replace(/^"|"$/g, '').trim());
		const candidates = cells.flatMap((c) => {
			const angle = c.match(/<([^>]+)>/);
			return [angle ? angle[1].trim() : c];
		});
		const email = candidates.find((c) => c.includes('@'))?.toLowerCase();
		if (!email) {
			// A first line without any address is a header ("naam;e-mail").
			if (rows.length === 0 && index === lines.findIndex((l) => l.trim())) return;
			rows.push({ line: index + 1, email: line.slice(0, 80), error: 'invite_row_no_email' });
			return;
		}
		if (!EMAIL.test(email) || email.length > 254) rows.push({ line: index + 1, email, error: 'invite_row_invalid' });
		else if (seen.has(email)) rows.push({ line: index + 1, email, error: 'invite_row_duplicate' });
		else {
			seen.add(email);
			rows.push({ line: index + 1, email });
		}
	});
	return rows;
}

/**
 * Addresses in the list that already have an invite that still works, with
 * when it ends: the preview says so, so nobody is invited twice by accident.
 * Only the coordinators' own invites are looked at, never accounts, so the
 * preview cannot be used to find out whether an address belongs to a member.
 */
export async function invitedAlready(db: Db, viewer: Viewer, initiativeId: string, emails: string[]): Promise<Map<string, Date>> {
	await requireCoordinator(db, viewer, { id: initiativeId });
	const found = new Map<string, Date>();
	if (!emails.length) return found;
	const rows = await db
		.select({ email: invite.email, expiresAt: invite.expiresAt })
		.from(invite)
		.where(
			and(
				eq(invite.initiativeId, initiativeId),
				inArray(invite.email, emails),
				isNull(invite.revokedAt),
				gt(invite.expiresAt, sql`now()`),
				or(isNull(invite.maxUses), sql`${invite.uses} < ${invite.maxUses}`)
			)
		);
	for (const row of rows) {
		const latest = found.get(row.email!);
		if (!latest || latest < row.expiresAt) found.set(row.email!, row.expiresAt);
	}
	return found;
}

export type SendInvitesResult =
	| { ok: true; sent: number }
	/** Only an initiative the association approved sends mail: a new one could otherwise mail anyone. */
	| { ok: false; error: 'not_published' }
	/** Over the day's limit for this initiative or this person: `left` could still go today. */
	| { ok: false; error: 'rate_limited'; left: number };

/**
 * Send one single-use invite by e-mail to every valid row. Nobody gets an
 * account: each person decides for themself whether to accept. Only from a
 * published initiative, and within a day's limit per initiative and per
 * person (all or nothing: a list that does not fit sends nothing).
 */
export async function sendInvites(
	db: Db,
	mailer: Mailer,
	viewer: Viewer,
	initiativeId: string,
	emails: string[],
	origin: string,
	options: { days: number; message?: string }
): Promise<SendInvitesResult> {
	const { initiative: target } = await requireCoordinator(db, viewer, { id: initiativeId });
	if (target.status !== 'published') return { ok: false, error: 'not_published' };
	const list = emails.slice(0, MAX_BULK_INVITES);
	const quotas = [
		{ key: `invites:initiative:${initiativeId}`, limit: LIMITS.inviteMailsPerInitiative },
		{ key: `invites:account:${viewer!.userId}`, limit: LIMITS.inviteMailsPerAccount }
	];
	const taken = await db.transaction(async (tx) => {
		for (const { key, limit } of quotas) if (!(await takeQuota(tx as unknown as Db, key, limit, list.length))) tx.rollback();
	}).then(() => true, (err: unknown) => {
		if (err instanceof TransactionRollbackError) return false;
		throw err;
	});
	if (!taken) return { ok: false, error: 'rate_limited', left: await quotaLeft(db, quotas) };
	const mails = inviteMails(mailer, origin);
	let sent = 0;
	for (const email of list) {
		const { token } = await createInviteLink(db, viewer, initiativeId, { maxUses: 1, days: options.days, email });
		await mails.invite({ email, initiativeName: target.name, inviterName: viewer!.name, token, days: options.days, message: options.message });
		sent++;
	}
	log.info({ initiative: target.slug, sent }, 'invites sent');
	return { ok: true, sent };
}

/** What is left today of the smallest of these quotas. */
async function quotaLeft(db: Db, quotas: Array<{ key: string; limit: Limit }>): Promise<number> {
	let left = Infinity;
	for (const { key, limit } of quotas) left = Math.min(left, limit.max - (await attemptsSoFar(db, key, limit)));
	return Math.max(0, left);
}
