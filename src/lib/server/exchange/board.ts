import { and, desc, eq } from 'drizzle-orm';
import { othersPostsVisibleTo } from '../access/exchange.ts';
import { requireMember } from '../access/initiatives.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { exchangePost, type ExchangeTheme, type PostKind } from './schema.ts';
import { today } from './service.ts';

/*
 * The prikbord: an initiative's open offers and requests on paper, for the
 * walk-in, so people who are not online take part too. Only members print
 * it. It carries no names: it may hang where visitors read it, and who
 * wants to respond asks at the walk-in or opens the post's address.
 */

/** Enough for two A4 pages; the newest come first. */
export const BOARD_SIZE = 40;

export interface BoardPost {
	id: string;
	kind: PostKind;
	title: string;
	body: string;
	theme: ExchangeTheme;
	town: string;
	online: boolean;
	createdAt: Date;
}

export async function boardFor(db: Db, viewer: Viewer, slug: string, now = new Date()): Promise<{ initiative: { name: string; slug: string }; posts: BoardPost[] }> {
	const { initiative } = await requireMember(db, viewer, { slug });
	const day = today(now);
	const posts = await db
		.select({
			id: exchangePost.id,
			kind: exchangePost.kind,
			title: exchangePost.title,
			body: exchangePost.body,
			theme: exchangePost.theme,
			town: exchangePost.town,
			online: exchangePost.online,
			createdAt: exchangePost.createdAt
		})
		.from(exchangePost)
		// What any member sees of others' posts, also for the viewer's own: closed, ended, hidden or paused
		// posts stay off the paper, whoever prints it.
		.where(and(eq(exchangePost.initiativeId, initiative.id), othersPostsVisibleTo(viewer!, day)))
		.orderBy(desc(exchangePost.createdAt), desc(exchangePost.id))
		.limit(BOARD_SIZE);
	return { initiative: { name: initiative.name, slug: initiative.slug }, posts };
}
