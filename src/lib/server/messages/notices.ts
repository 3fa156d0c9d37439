import { and, eq, inArray, isNull, lt, or } from 'drizzle-orm';
import { m } from '../../paraglide/messages.js';
import { user } from '../accounts/schema.ts';
import type { QueueDefinition } from '../jobs/index.ts';
import type { DigestSource } from '../notify/digest.ts';
import { localeOf, localePrefix, noticeQueue, type NoticeContext } from '../notify/index.ts';
import { noticeLinkPath, noticeMode } from '../notify/preferences.ts';
import { conversation, conversationMember } from './schema.ts';
import { MESSAGE_NOTICE_QUEUE } from './service.ts';

/*
 * The mail about a new message. It says only that there is one, with a link:
 * never the text, never who wrote it (a name can say too much at home).
 */

interface MessageNoticeJob {
	conversationId: string;
	userId: string;
}

function parseJob(data: Record<string, unknown>): MessageNoticeJob {
	const { conversationId, userId } = data;
	if (typeof conversationId !== 'string' || typeof userId !== 'string') throw new Error('not a message notice job');
	return { conversationId, userId };
}

/** Send the notice, unless the person has read the conversation since, or is no longer in it. */
export async function sendMessageNotice(ctx: NoticeContext, job: MessageNoticeJob): Promise<'sent' | 'skipped'> {
	const [row] = await ctx.db
		.select({ email: user.email, name: user.name, locale: user.locale, readAt: conversationMember.readAt, lastMessageAt: conversation.lastMessageAt })
		.from(conversationMember)
		.innerJoin(user, eq(user.id, conversationMember.userId))
		.innerJoin(conversation, eq(conversation.id, conversationMember.conversationId))
		.where(and(eq(conversationMember.conversationId, job.conversationId), eq(conversationMember.userId, job.userId)));
	if (!row || (row.readAt && row.readAt >= row.lastMessageAt)) return 'skipped';
	// The person may have chosen "één keer per dag" or "uit" since the job was added.
	if ((await noticeMode(ctx.db, 'messages', job.userId)) !== 'now') return 'skipped';
	const locale = localeOf(row);
	const link = `${ctx.origin}${localePrefix(locale)}/berichten/${job.conversationId}`;
	const change = `${ctx.origin}${localePrefix(locale)}${noticeLinkPath(ctx.secret, 'messages', job.userId)}`;
	await ctx.mailer.send({
		to: row.email,
		subject: m.messages_mail_subject({}, { locale }),
		text: `${m.messages_mail_text({ name: row.name, link }, { locale })}\n\n${m.notices_change_line({ link: change }, { locale })}`
	});
	return 'sent';
}

/**
 * The digest's part for messages: how many conversations have a message the
 * person has not read yet, with a link to their messages.
 */
export const messageDigest: DigestSource = {
	async stillNew(db, userId, conversationIds) {
		if (!conversationIds.length) return [];
		const rows = await db
			.select({ id: conversation.id })
			.from(conversationMember)
			.innerJoin(conversation, eq(conversation.id, conversationMember.conversationId))
			.where(
				and(
					eq(conversationMember.userId, userId),
					inArray(conversationMember.conversationId, conversationIds),
					or(isNull(conversationMember.readAt), lt(conversationMember.readAt, conversation.lastMessageAt))
				)
			);
		return rows.map((r) => r.id);
	},
	line(count, locale, origin) {
		const link = `${origin}${localePrefix(locale)}/berichten`;
		return count === 1 ? m.notices_digest_messages_one({ link }, { locale }) : m.notices_digest_messages_many({ count, link }, { locale });
	}
};

/** The queue of message notices, for the job runner. */
export function messageQueues(ctx: NoticeContext): Record<string, QueueDefinition> {
	return { [MESSAGE_NOTICE_QUEUE]: noticeQueue(parseJob, (job) => sendMessageNotice(ctx, job)) };
}
