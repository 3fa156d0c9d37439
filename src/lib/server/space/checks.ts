import { and, eq, isNull, lt } from 'drizzle-orm';
import { m } from '../../paraglide/messages.js';
import { spaceOwner } from '../access/space.ts';
import { user } from '../accounts/schema.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import type { QueueDefinition } from '../jobs/index.ts';
import { enqueueNotice, localeOf, localePrefix, noticeQueue, type NoticeContext } from '../notify/index.ts';
import { noticeLinkPath, noticeMode, noticeModes } from '../notify/preferences.ts';
import { spaceCheck } from './schema.ts';

/*
 * "Klopt dit nog?": a year after the person last changed or confirmed their
 * crisis plan, one mail asks them to look at it. The mail holds no content,
 * not even the plan's name: only that it is time, with a link. "Klopt nog"
 * on the plan's page starts the year again. Its own kind of notice, so it
 * can be turned off.
 */

export const SPACE_CHECK_QUEUE = 'space-check-notice';
export const SPACE_CHECK_SCAN_QUEUE = 'space-check-scan';
export const CHECK_AFTER_MS = 365 * 86_400_000;

/** The crisis plan was written or confirmed now: the year starts again. */
export async function crisisPlanChecked(db: Db, userId: string, now = new Date()): Promise<void> {
	await db
		.insert(spaceCheck)
		.values({ userId, checkedAt: now })
		.onConflictDoUpdate({ target: spaceCheck.userId, set: { checkedAt: now, noticedAt: null } });
}

/** "Klopt nog": the viewer confirms their crisis plan as it is. */
export async function confirmCrisisPlan(db: Db, viewer: Viewer, now = new Date()): Promise<void> {
	await crisisPlanChecked(db, spaceOwner(viewer).userId, now);
}

/** When the viewer last changed or confirmed their crisis plan. */
export async function lastChecked(db: Db, viewer: Viewer): Promise<Date | undefined> {
	const [row] = await db.select({ at: spaceCheck.checkedAt }).from(spaceCheck).where(eq(spaceCheck.userId, spaceOwner(viewer).userId));
	return row?.at;
}

/** No crisis plan any more: no reminder either. */
export async function forgetCheck(db: Db, userId: string): Promise<void> {
	await db.delete(spaceCheck).where(eq(spaceCheck.userId, userId));
}

/** Mark the plans not looked at for a year and add one mail for each person who wants it, in one transaction. */
export async function scanChecks(db: Db, now = new Date()): Promise<number> {
	return db.transaction(async (tx) => {
		const due = await tx
			.update(spaceCheck)
			.set({ noticedAt: now })
			.where(and(isNull(spaceCheck.noticedAt), lt(spaceCheck.checkedAt, new Date(now.getTime() - CHECK_AFTER_MS))))
			.returning({ userId: spaceCheck.userId });
		const modes = await noticeModes(tx, 'space-check', due.map((d) => d.userId));
		const wanted = due.filter((d) => modes.get(d.userId) === 'now');
		for (const { userId } of wanted) await enqueueNotice(tx, SPACE_CHECK_QUEUE, { userId }, { singletonKey: `space-check:${userId}` });
		return wanted.length;
	});
}

function parseJob(data: Record<string, unknown>): { userId: string } {
	if (typeof data.userId !== 'string') throw new Error('not a space check job');
	return { userId: data.userId };
}

/** Send the mail, unless the plan was confirmed or removed meanwhile, or the person turned these mails off. */
export async function sendCheckNotice(ctx: NoticeContext, job: { userId: string }, now = new Date()): Promise<'sent' | 'skipped'> {
	const [row] = await ctx.db
		.select({ checkedAt: spaceCheck.checkedAt, email: user.email, name: user.name, locale: user.locale })
		.from(spaceCheck)
		.innerJoin(user, eq(user.id, spaceCheck.userId))
		.where(eq(spaceCheck.userId, job.userId));
	if (!row || now.getTime() - row.checkedAt.getTime() < CHECK_AFTER_MS) return 'skipped';
	if ((await noticeMode(ctx.db, 'space-check', job.userId)) !== 'now') return 'skipped';
	const locale = localeOf(row);
	const o = { locale };
	const prefix = `${ctx.origin}${localePrefix(locale)}`;
	await ctx.mailer.send({
		to: row.email,
		subject: m.space_check_subject({}, o),
		text: `${m.space_check_text({ name: row.name, link: `${prefix}/mijn-herstelruimte` }, o)}\n\n${m.notices_change_line({ link: `${prefix}${noticeLinkPath(ctx.secret, 'space-check', job.userId)}` }, o)}`
	});
	return 'sent';
}

/** The queues of the yearly "Klopt dit nog?" mail, for the job runner. */
export function spaceQueues(ctx: NoticeContext): Record<string, QueueDefinition> {
	return {
		// Once a day; a run missed while the app was down is caught up by the next.
		[SPACE_CHECK_SCAN_QUEUE]: { handler: async () => void (await scanChecks(ctx.db)), cron: '41 9 * * *', retryLimit: 1 },
		[SPACE_CHECK_QUEUE]: noticeQueue(parseJob, (job) => sendCheckNotice(ctx, job))
	};
}
