import { eq } from 'drizzle-orm';
import { m } from '../../paraglide/messages.js';
import { user } from '../accounts/schema.ts';
import type { QueueDefinition } from '../jobs/index.ts';
import { localeOf, localePrefix, noticeQueue, type NoticeContext } from '../notify/index.ts';
import { MODERATION_NOTICE_QUEUE } from './queue.ts';

/*
 * The mail after the coordinators acted on a report. It says only that there
 * is news, with a link to "Mijn meldingen": not the initiative, not the item,
 * not the reason, never who reported.
 */

interface ModerationNoticeJob {
	userId: string;
	/** `reporter`: their report was looked at; `subject`: the coordinators have a message for them. */
	side: 'reporter' | 'subject';
}

function parseJob(data: Record<string, unknown>): ModerationNoticeJob {
	const { userId, side } = data;
	if (typeof userId !== 'string' || (side !== 'reporter' && side !== 'subject')) throw new Error('not a moderation notice job');
	return { userId, side };
}

export async function sendModerationNotice(ctx: NoticeContext, job: ModerationNoticeJob): Promise<'sent' | 'skipped'> {
	const [person] = await ctx.db.select({ email: user.email, name: user.name, locale: user.locale }).from(user).where(eq(user.id, job.userId));
	if (!person) return 'skipped';
	const locale = localeOf(person);
	const link = `${ctx.origin}${localePrefix(locale)}/account/meldingen`;
	const [subject, text] =
		job.side === 'reporter'
			? [m.moderation_mail_reporter_subject({}, { locale }), m.moderation_mail_reporter_text({ name: person.name, link }, { locale })]
			: [m.moderation_mail_subject_subject({}, { locale }), m.moderation_mail_subject_text({ name: person.name, link }, { locale })];
	await ctx.mailer.send({ to: person.email, subject, text });
	return 'sent';
}

export function moderationQueues(ctx: NoticeContext): Record<string, QueueDefinition> {
	return { [MODERATION_NOTICE_QUEUE]: noticeQueue(parseJob, (job) => sendModerationNotice(ctx, job)) };
}
