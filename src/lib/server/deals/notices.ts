import { and, eq } from 'drizzle-orm';
import { m } from '../../paraglide/messages.js';
import { user } from '../accounts/schema.ts';
import type { QueueDefinition } from '../jobs/index.ts';
import { conversationMember } from '../messages/schema.ts';
import { localeOf, localePrefix, noticeQueue, type NoticeContext } from '../notify/index.ts';
import { deal, dealThanks } from './schema.ts';
import { DEAL_PROPOSAL_QUEUE, DEAL_THANKS_QUEUE } from './service.ts';

/*
 * Two mails, each saying only that something happened, with a link: "er is
 * een voorstel voor een afspraak" and "je hebt een bedankje gekregen". Never
 * the day, the place, the title or the words of a bedankje.
 */

interface Job {
	conversationId: string;
	userId: string;
	version?: number;
}

function parseJob(data: Record<string, unknown>): Job {
	const { conversationId, userId, version } = data;
	if (typeof conversationId !== 'string' || typeof userId !== 'string' || (version !== undefined && typeof version !== 'number')) throw new Error('not a deal notice job');
	return { conversationId, userId, version };
}

/** The person, while they are still in the conversation. */
async function recipient(ctx: NoticeContext, job: Job) {
	const [row] = await ctx.db
		.select({ email: user.email, name: user.name, locale: user.locale })
		.from(conversationMember)
		.innerJoin(user, eq(user.id, conversationMember.userId))
		.where(and(eq(conversationMember.conversationId, job.conversationId), eq(conversationMember.userId, job.userId)));
	return row;
}

async function send(ctx: NoticeContext, job: Job, texts: { subject: typeof m.deals_mail_proposal_subject; text: typeof m.deals_mail_proposal_text }): Promise<'sent'> {
	const row = (await recipient(ctx, job))!;
	const locale = localeOf(row);
	const link = `${ctx.origin}${localePrefix(locale)}/berichten/${job.conversationId}`;
	await ctx.mailer.send({ to: row.email, subject: texts.subject({}, { locale }), text: texts.text({ name: row.name, link }, { locale }) });
	return 'sent';
}

/** A proposal, unless it was answered, changed or cancelled before the mail went. */
export async function sendProposalNotice(ctx: NoticeContext, job: Job): Promise<'sent' | 'skipped'> {
	const [current] = await ctx.db.select({ status: deal.status, version: deal.version }).from(deal).where(eq(deal.conversationId, job.conversationId));
	if (!current || current.status !== 'proposed' || current.version !== job.version || !(await recipient(ctx, job))) return 'skipped';
	return send(ctx, job, { subject: m.deals_mail_proposal_subject, text: m.deals_mail_proposal_text });
}

/** A bedankje, to who gave help. */
export async function sendThanksNotice(ctx: NoticeContext, job: Job): Promise<'sent' | 'skipped'> {
	const [thanks] = await ctx.db.select({ giverId: dealThanks.giverId }).from(dealThanks).where(eq(dealThanks.conversationId, job.conversationId));
	if (thanks?.giverId !== job.userId || !(await recipient(ctx, job))) return 'skipped';
	return send(ctx, job, { subject: m.deals_mail_thanks_subject, text: m.deals_mail_thanks_text });
}

/** The queues of afspraak and bedankje notices, for the job runner. */
export function dealQueues(ctx: NoticeContext): Record<string, QueueDefinition> {
	return {
		[DEAL_PROPOSAL_QUEUE]: noticeQueue(parseJob, (job) => sendProposalNotice(ctx, job)),
		[DEAL_THANKS_QUEUE]: noticeQueue(parseJob, (job) => sendThanksNotice(ctx, job))
	};
}
