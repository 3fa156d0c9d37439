import { TZDate } from '@date-fns/tz';
import { eq, lt } from 'drizzle-orm';
import { m } from '../../paraglide/messages.js';
import type { Locale } from '../../paraglide/runtime.js';
import { user } from '../accounts/schema.ts';
import type { Db } from '../db/index.ts';
import { enqueue, type QueueDefinition } from '../jobs/index.ts';
import { localeOf, localePrefix, noticeQueue, type NoticeContext } from './index.ts';
import { isNoticeKind, type NoticeKind } from './kinds.ts';
import { noticeLinkPath, noticeMode } from './preferences.ts';
import { noticeDigestItem } from './schema.ts';

/*
 * The daily digest: one mail a day, at DIGEST_HOUR in Amsterdam, for people
 * who chose "één keer per dag" for a kind. It says how many things there are
 * per kind, with a link: never what they say or who wrote them. A scheduled
 * job looks every 15 minutes (a run missed while the app was down is caught
 * up by the next); what came in before the last digest moment goes out, one
 * mail job per person.
 */

export const DIGEST_QUEUE = 'notice-digest';
export const DIGEST_MAIL_QUEUE = 'notice-digest-mail';
export const DIGEST_HOUR = 18;
const ZONE = 'Europe/Amsterdam';

/** What a kind contributes to the digest. */
export interface DigestSource {
	/** Of these subjects (ids), those still worth telling this person about, e.g. still unread. */
	stillNew(db: Db, userId: string, subjectIds: string[]): Promise<string[]>;
	/** The digest's line for `count` of them, with a link, in the person's language. */
	line(count: number, locale: Locale, origin: string): string;
}

export type DigestSources = Partial<Record<NoticeKind, DigestSource>>;

/** The latest digest moment (DIGEST_HOUR in Amsterdam) at or before `now`. */
export function lastDigestMoment(now: Date): Date {
	const local = new TZDate(now.getTime(), ZONE);
	const at = (daysBack: number) => new Date(new TZDate(local.getFullYear(), local.getMonth(), local.getDate() - daysBack, DIGEST_HOUR, 0, 0, ZONE).getTime());
	const today = at(0);
	return today <= now ? today : at(1);
}

interface DigestJob {
	userId: string;
	items: Record<string, string[]>;
}

/**
 * Take everything that waited for a digest before the last digest moment and
 * add one mail job per person, in one transaction: nothing is sent twice or
 * lost. Returns how many people get a digest. The schedule calls this; tests
 * call it directly.
 */
export async function scheduleDigests(db: Db, now: Date = new Date()): Promise<number> {
	return db.transaction(async (tx) => {
		const due = await tx
			.delete(noticeDigestItem)
			.where(lt(noticeDigestItem.createdAt, lastDigestMoment(now)))
			.returning({ userId: noticeDigestItem.userId, kind: noticeDigestItem.kind, subjectId: noticeDigestItem.subjectId });
		const jobs = new Map<string, DigestJob>();
		for (const item of due) {
			const job = jobs.get(item.userId) ?? { userId: item.userId, items: {} };
			(job.items[item.kind] ??= []).push(item.subjectId);
			jobs.set(item.userId, job);
		}
		for (const job of jobs.values()) await enqueue(tx, DIGEST_MAIL_QUEUE, job);
		return jobs.size;
	});
}

function parseJob(data: Record<string, unknown>): DigestJob {
	const { userId, items } = data;
	const valid =
		typeof userId === 'string' &&
		!!items &&
		typeof items === 'object' &&
		Object.values(items).every((ids) => Array.isArray(ids) && ids.every((id) => typeof id === 'string'));
	if (!valid) throw new Error('not a digest job');
	return { userId, items: items as Record<string, string[]> };
}

/** Send one person's digest as things are now: only kinds still on "daily", only what is still new. */
export async function sendDigest(ctx: NoticeContext, sources: DigestSources, job: DigestJob): Promise<'sent' | 'skipped'> {
	const [person] = await ctx.db.select({ email: user.email, name: user.name, locale: user.locale }).from(user).where(eq(user.id, job.userId));
	if (!person) return 'skipped';
	const locale = localeOf(person);
	const lines: string[] = [];
	for (const [kind, ids] of Object.entries(job.items)) {
		const source = isNoticeKind(kind) ? sources[kind] : undefined;
		if (!isNoticeKind(kind) || !source || (await noticeMode(ctx.db, kind, job.userId)) !== 'daily') continue;
		const still = await source.stillNew(ctx.db, job.userId, ids);
		if (!still.length) continue;
		const change = `${ctx.origin}${localePrefix(locale)}${noticeLinkPath(ctx.secret, kind, job.userId)}`;
		lines.push(`${source.line(still.length, locale, ctx.origin)}\n${m.notices_change_line({ link: change }, { locale })}`);
	}
	if (!lines.length) return 'skipped';
	await ctx.mailer.send({
		to: person.email,
		subject: m.notices_digest_subject({}, { locale }),
		text: m.notices_digest_text({ name: person.name, lines: lines.join('\n\n') }, { locale })
	});
	return 'sent';
}

/** The digest's queues, for the job runner; `sources` come from the capabilities that offer a digest. */
export function digestQueues(ctx: NoticeContext, sources: DigestSources): Record<string, QueueDefinition> {
	return {
		[DIGEST_QUEUE]: { handler: async () => void (await scheduleDigests(ctx.db)), cron: '*/15 * * * *', retryLimit: 1 },
		[DIGEST_MAIL_QUEUE]: noticeQueue(parseJob, (job) => sendDigest(ctx, sources, job))
	};
}
