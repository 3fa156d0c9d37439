import { and, eq, inArray, isNull, ne, or } from 'drizzle-orm';
import { m } from '../../paraglide/messages.js';
import { user } from '../accounts/schema.ts';
import type { Db } from '../db/index.ts';
import type { QueueDefinition } from '../jobs/index.ts';
import { enqueueNotice, localeOf, localePrefix, noticeQueue, type NoticeContext } from '../notify/index.ts';
import type { NoticeKind } from '../notify/kinds.ts';
import { noticeLinkPath, noticeMode, noticeModes } from '../notify/preferences.ts';
import { poolTaskCounts, shownToOrganisation } from '../access/expertise.ts';
import { outsideRequest } from '../outside/schema.ts';
import { LOST_LINK_PATH } from './request-paths.ts';
import { expertProfile, poolCoordinator, poolProposal, poolRequest } from './schema.ts';

/*
 * Mails about requests to the pool. They say THAT something happened, with
 * a link — never the organisation, its words or a name. Pool coordinators
 * (kind `pool-requests`) hear of new requests and answers; experts (kind
 * `pool-proposals`) of proposals, the afsprakenkaart, a reminder the day
 * before, and feedback. The organisation, who has no account, gets a plain
 * "there is news" at its address: its link exists only in its first mail.
 */

export const REQUEST_NOTICE_QUEUE = 'pool-request-notice';
export const REQUEST_REMINDER_QUEUE = 'pool-request-reminder';

export const COORDINATOR_EVENTS = ['new', 'message', 'answer', 'agreed', 'cancelled'] as const;
export const EXPERT_EVENTS = ['proposal', 'card', 'agreed', 'reminder', 'delivered', 'feedback', 'cancelled', 'message'] as const;
export type CoordinatorEvent = (typeof COORDINATOR_EVENTS)[number];
export type ExpertEvent = (typeof EXPERT_EVENTS)[number];

type Job = { requestId: string; to: 'coordinator'; userId: string; event: CoordinatorEvent } | { requestId: string; to: 'expert'; userId: string; event: ExpertEvent } | { requestId: string; to: 'organisation' };

/** Pool coordinators of a request: the association's, and the initiative's own for a local one. */
async function coordinatorsOf(tx: Db, requestId: string): Promise<string[]> {
	const [request] = await tx.select({ initiativeId: poolRequest.initiativeId }).from(poolRequest).where(eq(poolRequest.id, requestId));
	if (!request) return [];
	const rows = await tx
		.selectDistinct({ userId: poolCoordinator.userId })
		.from(poolCoordinator)
		.where(and(request.initiativeId ? or(isNull(poolCoordinator.initiativeId), eq(poolCoordinator.initiativeId, request.initiativeId)) : isNull(poolCoordinator.initiativeId), poolTaskCounts))
		.limit(200);
	return rows.map((r) => r.userId);
}

async function enqueueFor(tx: Db, kind: NoticeKind, userIds: string[], job: (userId: string) => Job): Promise<void> {
	const modes = await noticeModes(tx, kind, userIds);
	for (const userId of userIds) if (modes.get(userId) === 'now') await enqueueNotice(tx, REQUEST_NOTICE_QUEUE, job(userId));
}

/** Inside the change's transaction: tell the request's pool coordinators. */
export async function notifyCoordinators(tx: Db, requestId: string, event: CoordinatorEvent): Promise<void> {
	await enqueueFor(tx, 'pool-requests', await coordinatorsOf(tx, requestId), (userId) => ({ requestId, to: 'coordinator', userId, event }));
}

/** Inside the change's transaction: tell the experts of a request (those given, or everyone still on it: not declined or withdrawn). */
export async function notifyExperts(tx: Db, requestId: string, event: ExpertEvent, profileIds?: string[]): Promise<void> {
	const rows = await tx
		.select({ userId: expertProfile.userId })
		.from(poolProposal)
		.innerJoin(expertProfile, eq(expertProfile.id, poolProposal.profileId))
		.where(and(eq(poolProposal.requestId, requestId), profileIds ? inArray(poolProposal.profileId, profileIds) : inArray(poolProposal.answer, ['open', 'accepted'])));
	await enqueueFor(tx, 'pool-proposals', rows.map((r) => r.userId), (userId) => ({ requestId, to: 'expert', userId, event }));
}

/** Inside the change's transaction: tell the experts who said yes (but the writer) that the thread has a new message. */
export async function notifyThreadExperts(tx: Db, requestId: string, writerId?: string): Promise<void> {
	const rows = await tx
		.select({ userId: expertProfile.userId })
		.from(poolProposal)
		.innerJoin(expertProfile, eq(expertProfile.id, poolProposal.profileId))
		.where(and(eq(poolProposal.requestId, requestId), shownToOrganisation, writerId ? ne(expertProfile.userId, writerId) : undefined));
	await enqueueFor(tx, 'pool-proposals', rows.map((r) => r.userId), (userId) => ({ requestId, to: 'expert', userId, event: 'message' }));
}

/** Inside the change's transaction: tell the organisation there is news (one mail per request at a time). */
export async function notifyOrganisation(tx: Db, requestId: string): Promise<void> {
	await enqueueNotice(tx, REQUEST_NOTICE_QUEUE, { requestId, to: 'organisation' }, { singletonKey: `pool-org-${requestId}` });
}

function parseJob(data: Record<string, unknown>): Job {
	const { requestId, to, userId, event } = data;
	if (typeof requestId !== 'string') throw new Error('not a pool request notice');
	if (to === 'organisation') return { requestId, to };
	if (typeof userId !== 'string') throw new Error('not a pool request notice');
	if (to === 'coordinator' && (COORDINATOR_EVENTS as readonly unknown[]).includes(event)) return { requestId, to, userId, event: event as CoordinatorEvent };
	if (to === 'expert' && (EXPERT_EVENTS as readonly unknown[]).includes(event)) return { requestId, to, userId, event: event as ExpertEvent };
	throw new Error('not a pool request notice');
}

const COORDINATOR_TEXT: Record<CoordinatorEvent, (o: { locale: 'nl' | 'en' }) => string> = {
	new: (o) => m.expertise_mail_coord_new({}, o),
	message: (o) => m.expertise_mail_coord_message({}, o),
	answer: (o) => m.expertise_mail_coord_answer({}, o),
	agreed: (o) => m.expertise_mail_coord_agreed({}, o),
	cancelled: (o) => m.expertise_mail_coord_cancelled({}, o)
};

const EXPERT_TEXT: Record<ExpertEvent, (o: { locale: 'nl' | 'en' }) => string> = {
	proposal: (o) => m.expertise_mail_expert_proposal({}, o),
	card: (o) => m.expertise_mail_expert_card({}, o),
	agreed: (o) => m.expertise_mail_expert_agreed({}, o),
	reminder: (o) => m.expertise_mail_expert_reminder({}, o),
	delivered: (o) => m.expertise_mail_expert_delivered({}, o),
	feedback: (o) => m.expertise_mail_expert_feedback({}, o),
	cancelled: (o) => m.expertise_mail_expert_cancelled({}, o),
	message: (o) => m.expertise_mail_expert_message({}, o)
};

/** Send one notice, or skip it when the request is gone or the person turned these mails off. */
export async function sendRequestNotice(ctx: NoticeContext, job: Job): Promise<'sent' | 'skipped'> {
	const [request] = await ctx.db
		.select({ email: outsideRequest.email, locale: outsideRequest.locale, forgottenAt: outsideRequest.forgottenAt })
		.from(outsideRequest)
		.where(eq(outsideRequest.id, job.requestId));
	if (!request || request.forgottenAt) return 'skipped';
	if (job.to === 'organisation') {
		if (!request.email) return 'skipped';
		const o = { locale: localeOf(request) };
		const lost = `${ctx.origin}${localePrefix(o.locale)}${LOST_LINK_PATH}`;
		await ctx.mailer.send({ to: request.email, subject: m.expertise_mail_org_subject({}, o), text: m.expertise_mail_org_text({ lost }, o) });
		return 'sent';
	}
	const kind: NoticeKind = job.to === 'coordinator' ? 'pool-requests' : 'pool-proposals';
	if (job.to === 'expert') {
		// Only while they are on the request (a withdrawn proposal hears nothing more).
		const [still] = await ctx.db
			.select({ id: poolProposal.id })
			.from(poolProposal)
			.innerJoin(expertProfile, eq(expertProfile.id, poolProposal.profileId))
			.where(and(eq(poolProposal.requestId, job.requestId), eq(expertProfile.userId, job.userId), ne(poolProposal.answer, 'withdrawn')));
		if (!still) return 'skipped';
	}
	const [person] = await ctx.db.select({ email: user.email, name: user.name, locale: user.locale }).from(user).where(eq(user.id, job.userId));
	if (!person || (await noticeMode(ctx.db, kind, job.userId)) !== 'now') return 'skipped';
	const o = { locale: localeOf(person) };
	const prefix = `${ctx.origin}${localePrefix(o.locale)}`;
	const path = job.to === 'coordinator' ? `/expertisepool/coordinatie/aanvragen/${job.requestId}` : `/account/expertise/aanvragen/${job.requestId}`;
	const what = job.to === 'coordinator' ? COORDINATOR_TEXT[job.event](o) : EXPERT_TEXT[job.event](o);
	await ctx.mailer.send({
		to: person.email,
		subject: job.to === 'coordinator' ? m.expertise_mail_coord_subject({}, o) : m.expertise_mail_expert_subject({}, o),
		text: `${m.expertise_mail_hello({ name: person.name }, o)}\n\n${what}\n\n${prefix}${path}\n\n${m.notices_change_line({ link: `${prefix}${noticeLinkPath(ctx.secret, kind, job.userId)}` }, o)}`
	});
	return 'sent';
}

/** Every morning: a reminder to the experts of requests agreed for tomorrow. */
export async function enqueueReminders(db: Db, now: Date = new Date()): Promise<number> {
	const tomorrow = new Date(now.getTime() + 86_400_000).toISOString().slice(0, 10);
	const due = await db.select({ id: poolRequest.id }).from(poolRequest).where(and(eq(poolRequest.status, 'afgesproken'), eq(poolRequest.day, tomorrow))).limit(5000);
	for (const { id } of due) await db.transaction((tx) => notifyExperts(tx, id, 'reminder'));
	return due.length;
}

/** The queues of these mails, for the job runner. */
export function requestQueues(ctx: NoticeContext): Record<string, QueueDefinition> {
	return {
		[REQUEST_NOTICE_QUEUE]: noticeQueue(parseJob, (job) => sendRequestNotice(ctx, job)),
		[REQUEST_REMINDER_QUEUE]: { handler: async () => void (await enqueueReminders(ctx.db)), cron: '0 8 * * *', retryLimit: 1 }
	};
}
