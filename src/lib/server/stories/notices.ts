import { and, eq } from 'drizzle-orm';
import { m } from '../../paraglide/messages.js';
import { user } from '../accounts/schema.ts';
import type { QueueDefinition } from '../jobs/index.ts';
import { localeOf, localePrefix, noticeQueue, type NoticeContext } from '../notify/index.ts';
import { story, storyEdit } from './schema.ts';

/*
 * Mails to the writer about their story: the redactie proposes an edit, or
 * let it go live, or a reader's note of recognition was passed on. They say
 * only that, with a link: never the title or text, never who of the redactie,
 * never the note or its reader.
 */

export const STORY_NOTICE_QUEUE = 'story-notice';

export interface StoryNoticeJob {
	storyId: string;
	kind: 'proposal' | 'published' | 'note';
}

const KINDS: readonly StoryNoticeJob['kind'][] = ['proposal', 'published', 'note'];

function parseJob(data: Record<string, unknown>): StoryNoticeJob {
	const { storyId, kind } = data;
	if (typeof storyId !== 'string' || !KINDS.includes(kind as StoryNoticeJob['kind'])) throw new Error('not a story notice job');
	return { storyId, kind: kind as StoryNoticeJob['kind'] };
}

/** Send the notice, unless it no longer fits: the proposal was answered, the story withdrawn or taken offline. */
export async function sendStoryNotice(ctx: NoticeContext, job: StoryNoticeJob): Promise<'sent' | 'skipped'> {
	const [row] = await ctx.db
		.select({ email: user.email, name: user.name, locale: user.locale, status: story.status })
		.from(story)
		.innerJoin(user, eq(user.id, story.writerId))
		.where(eq(story.id, job.storyId));
	if (!row) return 'skipped';
	if (job.kind !== 'proposal' && row.status !== 'published') return 'skipped';
	if (job.kind === 'proposal') {
		const [open] = await ctx.db
			.select({ id: storyEdit.id })
			.from(storyEdit)
			.where(and(eq(storyEdit.storyId, job.storyId), eq(storyEdit.status, 'open')));
		if (!open) return 'skipped';
	}
	const locale = localeOf(row);
	const link = `${ctx.origin}${localePrefix(locale)}/verhalen/${job.storyId}`;
	const mail = {
		proposal: [m.stories_mail_proposal_subject, m.stories_mail_proposal_text],
		published: [m.stories_mail_published_subject, m.stories_mail_published_text],
		note: [m.stories_mail_note_subject, m.stories_mail_note_text]
	} as const;
	const [subject, text] = mail[job.kind];
	await ctx.mailer.send({ to: row.email, subject: subject({}, { locale }), text: text({ name: row.name, link }, { locale }) });
	return 'sent';
}

/** The queue of story notices, for the job runner. */
export function storyQueues(ctx: NoticeContext): Record<string, QueueDefinition> {
	return { [STORY_NOTICE_QUEUE]: noticeQueue(parseJob, (job) => sendStoryNotice(ctx, job)) };
}
