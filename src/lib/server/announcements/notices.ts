import { and, eq } from 'drizzle-orm';
import { m } from '../../paraglide/messages.js';
import { user } from '../accounts/schema.ts';
import type { QueueDefinition } from '../jobs/index.ts';
import type { DigestSource } from '../notify/digest.ts';
import { localeOf, localePrefix, noticeQueue, type NoticeContext } from '../notify/index.ts';
import { noticeLinkPath, noticeMode } from '../notify/preferences.ts';
import { announcementRecipient } from './schema.ts';
import { ANNOUNCEMENT_NOTICE_QUEUE, stillUnread } from './service.ts';

/*
 * The mail about a new bericht aan een groep: only that there is one, with a
 * link; never the text, never who wrote it. The person's "berichten" mail
 * setting decides (at once, in the daily digest, or not).
 */

interface AnnouncementNoticeJob {
	announcementId: string;
	userId: string;
}

function parseJob(data: Record<string, unknown>): AnnouncementNoticeJob {
	const { announcementId, userId } = data;
	if (typeof announcementId !== 'string' || typeof userId !== 'string') throw new Error('not an announcement notice job');
	return { announcementId, userId };
}

/** Send the notice, unless the person read it already, no longer receives it, or chose otherwise since. */
export async function sendAnnouncementNotice(ctx: NoticeContext, job: AnnouncementNoticeJob): Promise<'sent' | 'skipped'> {
	const [row] = await ctx.db
		.select({ email: user.email, name: user.name, locale: user.locale, readAt: announcementRecipient.readAt })
		.from(announcementRecipient)
		.innerJoin(user, eq(user.id, announcementRecipient.userId))
		.where(and(eq(announcementRecipient.announcementId, job.announcementId), eq(announcementRecipient.userId, job.userId)));
	if (!row || row.readAt) return 'skipped';
	if ((await noticeMode(ctx.db, 'messages', job.userId)) !== 'now') return 'skipped';
	const locale = localeOf(row);
	const link = `${ctx.origin}${localePrefix(locale)}/berichten/groep/${job.announcementId}`;
	const change = `${ctx.origin}${localePrefix(locale)}${noticeLinkPath(ctx.secret, 'messages', job.userId)}`;
	await ctx.mailer.send({
		to: row.email,
		subject: m.messages_mail_subject({}, { locale }),
		text: `${m.announcements_mail_text({ name: row.name, link }, { locale })}\n\n${m.notices_change_line({ link: change }, { locale })}`
	});
	return 'sent';
}

/** The digest's "berichten" line counts unread announcements with unread conversations (both link to /berichten). */
export function withAnnouncements(messages: DigestSource): DigestSource {
	return {
		async stillNew(db, userId, ids) {
			const [conversations, announcements] = await Promise.all([messages.stillNew(db, userId, ids), stillUnread(db, userId, ids)]);
			return [...conversations, ...announcements];
		},
		line: messages.line
	};
}

/** The queue of announcement notices, for the job runner. */
export function announcementQueues(ctx: NoticeContext): Record<string, QueueDefinition> {
	return { [ANNOUNCEMENT_NOTICE_QUEUE]: noticeQueue(parseJob, (job) => sendAnnouncementNotice(ctx, job)) };
}
