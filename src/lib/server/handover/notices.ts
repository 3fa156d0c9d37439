import { and, eq } from 'drizzle-orm';
import { m } from '../../paraglide/messages.js';
import { user } from '../accounts/schema.ts';
import { initiative, membership } from '../initiatives/schema.ts';
import type { QueueDefinition } from '../jobs/index.ts';
import { localeOf, localePrefix, noticeQueue, type NoticeContext } from '../notify/index.ts';
import { noticeLinkPath, noticeMode } from '../notify/preferences.ts';
import { outsideRequest } from '../outside/schema.ts';
import { HANDOVER_NOTICE_QUEUE } from './kind.ts';
import { handover } from './schema.ts';

/*
 * "Er is een nieuwe doorverwijzing": a mail to each coordinator of the
 * initiative (who did not turn it off), with a link to the queue. It names
 * the initiative only: never the person, the professional or their words.
 */

interface HandoverNoticeJob {
	handoverId: string;
	userId: string;
}

function parseJob(data: Record<string, unknown>): HandoverNoticeJob {
	const { handoverId, userId } = data;
	if (typeof handoverId !== 'string' || typeof userId !== 'string') throw new Error('not a handover notice job');
	return { handoverId, userId };
}

/** Send it, unless the handover was taken or closed already, the person is no longer its coordinator, or turned these mails off. */
export async function sendHandoverNotice(ctx: NoticeContext, job: HandoverNoticeJob): Promise<'sent' | 'skipped'> {
	const [row] = await ctx.db
		.select({ step: handover.step, closedAt: outsideRequest.closedAt, slug: initiative.slug, initiative: initiative.name, email: user.email, name: user.name, locale: user.locale })
		.from(handover)
		.innerJoin(outsideRequest, eq(outsideRequest.id, handover.id))
		.innerJoin(initiative, eq(initiative.id, handover.initiativeId))
		.innerJoin(membership, and(eq(membership.initiativeId, handover.initiativeId), eq(membership.userId, job.userId), eq(membership.role, 'coordinator')))
		.innerJoin(user, eq(user.id, membership.userId))
		.where(eq(handover.id, job.handoverId));
	if (!row || row.step !== 'new' || row.closedAt) return 'skipped';
	if ((await noticeMode(ctx.db, 'handover-new', job.userId)) !== 'now') return 'skipped';
	const locale = localeOf(row);
	const o = { locale };
	const prefix = `${ctx.origin}${localePrefix(locale)}`;
	const params = { name: row.name, initiative: row.initiative, link: `${prefix}/initiatieven/${row.slug}/doorverwijzingen` };
	await ctx.mailer.send({
		to: row.email,
		subject: m.handover_mail_new_subject(params, o),
		text: `${m.handover_mail_new_text(params, o)}\n\n${m.notices_change_line({ link: `${prefix}${noticeLinkPath(ctx.secret, 'handover-new', job.userId)}` }, o)}`
	});
	return 'sent';
}

/** The queue of these mails, for the job runner. */
export function handoverQueues(ctx: NoticeContext): Record<string, QueueDefinition> {
	return { [HANDOVER_NOTICE_QUEUE]: noticeQueue(parseJob, (job) => sendHandoverNotice(ctx, job)) };
}
