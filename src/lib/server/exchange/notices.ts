import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { m } from '../../paraglide/messages.js';
import { formatDay } from '../activities/time.ts';
import { user } from '../accounts/schema.ts';
import type { Db } from '../db/index.ts';
import type { QueueDefinition } from '../jobs/index.ts';
import { enqueueNotice, localeOf, localePrefix, noticeQueue, type NoticeContext } from '../notify/index.ts';
import { noticeLinkPath, noticeMode, noticeModes } from '../notify/preferences.ts';
import { exchangePost } from './schema.ts';
import { today } from './service.ts';

/*
 * "Je vraag loopt bijna af": a few days before a post's end day, a mail to
 * who wrote it, with a link to the post, where they can extend or close it.
 * The mail names neither the title nor the text.
 */

export const POST_ENDING_QUEUE = 'post-ending-notice';
export const POST_ENDING_SCAN_QUEUE = 'post-ending-scan';
/** How many days before its end day a post's writer hears of it. */
export const ENDING_NOTICE_DAYS = 3;

/**
 * Mark the open posts whose end day comes within ENDING_NOTICE_DAYS and that
 * had no mail for that end day, and add a mail for each writer who wants one
 * — in one transaction, so a mail is never sent twice or lost. A new end day
 * (verlengen) gets its own mail. Returns how many mails were added.
 */
export async function scanEndingPosts(db: Db, now = new Date()): Promise<number> {
	const day = today(now);
	return db.transaction(async (tx) => {
		const due = await tx
			.update(exchangePost)
			.set({ endingNoticedFor: sql`${exchangePost.endsOn}` })
			.where(
				and(
					isNull(exchangePost.closedAt),
					isNotNull(exchangePost.endsOn),
					sql`${exchangePost.endsOn} between ${day}::date and ${day}::date + ${ENDING_NOTICE_DAYS}::int`,
					sql`${exchangePost.endingNoticedFor} is distinct from ${exchangePost.endsOn}`
				)
			)
			.returning({ id: exchangePost.id, createdBy: exchangePost.createdBy });
		const modes = await noticeModes(tx, 'post-ending', [...new Set(due.map((d) => d.createdBy))]);
		const wanted = due.filter((d) => modes.get(d.createdBy) === 'now');
		for (const post of wanted) await enqueueNotice(tx, POST_ENDING_QUEUE, { postId: post.id });
		return wanted.length;
	});
}

function parseJob(data: Record<string, unknown>): { postId: string } {
	if (typeof data.postId !== 'string') throw new Error('not a post ending job');
	return { postId: data.postId };
}

/** Send the mail, unless the post is gone, closed or no longer ends soon, or its writer turned these mails off. */
export async function sendPostEndingNotice(ctx: NoticeContext, job: { postId: string }, now = new Date()): Promise<'sent' | 'skipped'> {
	const [row] = await ctx.db
		.select({ kind: exchangePost.kind, endsOn: exchangePost.endsOn, closedAt: exchangePost.closedAt, userId: user.id, email: user.email, name: user.name, locale: user.locale })
		.from(exchangePost)
		.innerJoin(user, eq(user.id, exchangePost.createdBy))
		.where(eq(exchangePost.id, job.postId));
	const day = today(now);
	if (!row || row.closedAt || !row.endsOn || row.endsOn < day) return 'skipped';
	if ((await noticeMode(ctx.db, 'post-ending', row.userId)) !== 'now') return 'skipped';
	const locale = localeOf(row);
	const o = { locale };
	const prefix = `${ctx.origin}${localePrefix(locale)}`;
	const params = {
		name: row.name,
		date: formatDay(new Date(`${row.endsOn}T12:00:00Z`), locale),
		link: `${prefix}/vraag-en-aanbod/${job.postId}`
	};
	const offer = row.kind === 'offer';
	await ctx.mailer.send({
		to: row.email,
		subject: offer ? m.notices_ending_offer_subject({}, o) : m.notices_ending_request_subject({}, o),
		text: `${offer ? m.notices_ending_offer_text(params, o) : m.notices_ending_request_text(params, o)}\n\n${m.notices_change_line({ link: `${prefix}${noticeLinkPath(ctx.secret, 'post-ending', row.userId)}` }, o)}`
	});
	return 'sent';
}

/** The queues of "loopt bijna af" mails, for the job runner. */
export function exchangeQueues(ctx: NoticeContext): Record<string, QueueDefinition> {
	return {
		// Every hour; a run missed while the app was down is caught up by the next.
		[POST_ENDING_SCAN_QUEUE]: { handler: async () => void (await scanEndingPosts(ctx.db)), cron: '23 * * * *', retryLimit: 1 },
		[POST_ENDING_QUEUE]: noticeQueue(parseJob, (job) => sendPostEndingNotice(ctx, job))
	};
}
