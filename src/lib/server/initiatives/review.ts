import { and, eq } from 'drizzle-orm';
import { m } from '../../paraglide/messages.js';
import { NotFound, requireAdmin } from '../access/core.ts';
import { user } from '../accounts/schema.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import type { QueueDefinition } from '../jobs/index.ts';
import { log } from '../log/index.ts';
import { enqueueNotice, localeOf, localePrefix, noticeQueue, type NoticeContext } from '../notify/index.ts';
import { noticeLinkPath, noticeMode } from '../notify/preferences.ts';
import { initiative, membership } from './schema.ts';

/*
 * The association's look at a new initiative. Its admins hear that one waits
 * (kind `initiative-review`); they approve it, or decline it with a reason
 * its coordinators read on the initiative's page; the coordinators hear the
 * outcome (kind `initiative-decision`). A mail says only that, with a link:
 * the reason stays on the page.
 */

export const REVIEW_NOTICE_QUEUE = 'initiative-review';
export const REASON_MAX = 1000;

interface ReviewJob {
	kind: 'pending' | 'approved' | 'declined';
	initiativeId: string;
	userId: string;
}

/** In the transaction that made a pending initiative: a notice to each admin who wants one. */
export async function notifyAdmins(tx: Db, initiativeId: string): Promise<void> {
	const admins = await tx.select({ userId: user.id }).from(user).where(eq(user.isAdmin, true)).limit(50);
	for (const { userId } of admins) await enqueueNotice(tx, REVIEW_NOTICE_QUEUE, { kind: 'pending', initiativeId, userId } satisfies ReviewJob);
}

export type DecideResult = { ok: true; already: boolean } | { ok: false; error: 'reason' | 'reason_long' };

/**
 * The admin approves a waiting initiative (it becomes public), or declines it
 * with a reason (it stays out of sight; its coordinators read why). Only a
 * waiting one: a second click finds it decided and changes nothing.
 */
export async function decideInitiative(db: Db, viewer: Viewer, initiativeId: string, approve: boolean, reason: string): Promise<DecideResult> {
	const admin = requireAdmin(viewer);
	const why = reason.trim();
	if (!approve && !why) return { ok: false, error: 'reason' };
	if (why.length > REASON_MAX) return { ok: false, error: 'reason_long' };
	return db.transaction(async (tx) => {
		const [found] = await tx.select({ status: initiative.status, slug: initiative.slug }).from(initiative).where(eq(initiative.id, initiativeId)).for('update');
		if (!found) throw new NotFound();
		if (found.status !== 'pending') return { ok: true, already: true } as const;
		await tx
			.update(initiative)
			.set(approve ? { status: 'published', reviewNote: null } : { status: 'unpublished', reviewNote: why })
			.where(eq(initiative.id, initiativeId));
		const coordinators = await tx
			.select({ userId: membership.userId })
			.from(membership)
			.where(and(eq(membership.initiativeId, initiativeId), eq(membership.role, 'coordinator')));
		for (const { userId } of coordinators) {
			await enqueueNotice(tx, REVIEW_NOTICE_QUEUE, { kind: approve ? 'approved' : 'declined', initiativeId, userId } satisfies ReviewJob);
		}
		log.info({ initiative: found.slug, status: approve ? 'published' : 'unpublished', by: admin.userId }, 'initiative reviewed');
		return { ok: true, already: false } as const;
	});
}

function parseJob(data: Record<string, unknown>): ReviewJob {
	const { kind, initiativeId, userId } = data;
	if ((kind !== 'pending' && kind !== 'approved' && kind !== 'declined') || typeof initiativeId !== 'string' || typeof userId !== 'string') {
		throw new Error('not an initiative review job');
	}
	return { kind, initiativeId, userId };
}

/** Send it while it still holds: the initiative still waits (to admins), or is still as decided (to coordinators). */
export async function sendReviewNotice(ctx: NoticeContext, job: ReviewJob): Promise<'sent' | 'skipped'> {
	const [row] = await ctx.db
		.select({ email: user.email, name: user.name, locale: user.locale, isAdmin: user.isAdmin, slug: initiative.slug, initiative: initiative.name, status: initiative.status })
		.from(user)
		.innerJoin(initiative, eq(initiative.id, job.initiativeId))
		.where(eq(user.id, job.userId));
	if (!row) return 'skipped';
	const still = { pending: row.isAdmin && row.status === 'pending', approved: row.status === 'published', declined: row.status === 'unpublished' }[job.kind];
	const kind = job.kind === 'pending' ? 'initiative-review' : 'initiative-decision';
	if (!still || (await noticeMode(ctx.db, kind, job.userId)) !== 'now') return 'skipped';
	const locale = localeOf(row);
	const o = { locale };
	const prefix = `${ctx.origin}${localePrefix(locale)}`;
	const params = { name: row.name, initiative: row.initiative, link: job.kind === 'pending' ? `${prefix}/beheer#wachtend` : `${prefix}/initiatieven/${row.slug}` };
	const [subject, text] = {
		pending: [m.review_mail_pending_subject, m.review_mail_pending_text],
		approved: [m.review_mail_approved_subject, m.review_mail_approved_text],
		declined: [m.review_mail_declined_subject, m.review_mail_declined_text]
	}[job.kind];
	const change = m.notices_change_line({ link: `${prefix}${noticeLinkPath(ctx.secret, kind, job.userId)}` }, o);
	await ctx.mailer.send({ to: row.email, subject: subject(params, o), text: `${text(params, o)}\n\n${change}` });
	return 'sent';
}

export function reviewQueues(ctx: NoticeContext): Record<string, QueueDefinition> {
	return { [REVIEW_NOTICE_QUEUE]: noticeQueue(parseJob, (job) => sendReviewNotice(ctx, job)) };
}
