import { and, eq, exists, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { SignedIn, Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { exchangePause, exchangePost } from '../exchange/schema.ts';
import { membership } from '../initiatives/schema.ts';
import { contactBlock } from '../messages/schema.ts';
import { NotFound, requireSignedIn } from './core.ts';
import { inNetworkSql } from './initiatives.ts';

/**
 * Who may see an offer or request (vraag & aanbod). Never anyone signed out,
 * never a search engine. A signed-in person sees:
 *   - their own posts, always (also closed or paused ones);
 *   - others' posts that are open and not past their end day, when the post
 *     is for the network and they belong to any initiative, or when it is for
 *     the initiative and they are a member of it;
 *   - never the posts of someone who chose "geen contact meer" with them;
 *   - never the posts of someone taking "even pauze" (they still see their own).
 * Coordinators and the association admin see no more than any member.
 */

export type Post = typeof exchangePost.$inferSelect;

export interface PostAccess {
	post: Omit<Post, 'search' | 'endingNoticedFor'>;
	/** The viewer wrote it: may edit and close it. */
	isOwner: boolean;
}

/** The columns of a post, without its search vector. */
export const postColumns = {
	id: exchangePost.id,
	kind: exchangePost.kind,
	initiativeId: exchangePost.initiativeId,
	createdBy: exchangePost.createdBy,
	title: exchangePost.title,
	body: exchangePost.body,
	theme: exchangePost.theme,
	town: exchangePost.town,
	online: exchangePost.online,
	audience: exchangePost.audience,
	endsOn: exchangePost.endsOn,
	closedAt: exchangePost.closedAt,
	hiddenAt: exchangePost.hiddenAt,
	createdAt: exchangePost.createdAt,
	updatedAt: exchangePost.updatedAt
};

/**
 * The SQL condition for "another person's post this viewer may see", on
 * `exchange_post`; `today` is the day in Amsterdam (`2026-12-04`).
 */
export function othersPostsVisibleTo(viewer: SignedIn, today: string): SQL {
	const mine = initiativesOf(viewer);
	return and(
		isNull(exchangePost.closedAt),
		isNull(exchangePost.hiddenAt),
		or(isNull(exchangePost.endsOn), sql`${exchangePost.endsOn} >= ${today}::date`),
		or(
			and(eq(exchangePost.audience, 'network'), inNetworkSql(viewer.userId)),
			and(eq(exchangePost.audience, 'initiative'), sql`${exchangePost.initiativeId} in (${mine})`)
		),
		sql`not exists (select 1 from ${contactBlock} where ${contactBlock.blockerId} = ${exchangePost.createdBy} and ${contactBlock.blockedId} = ${viewer.userId})`,
		sql`not ${onBreakSql(exchangePost.createdBy, today)}`
	)!;
}

/** Is this person taking "even pauze" on `today`? (SQL, for any column holding a person's id.) */
export function onBreakSql(userId: SQL | typeof exchangePost.createdBy | string, today: string): SQL {
	return sql`exists (select 1 from ${exchangePause} where ${exchangePause.userId} = ${userId} and (${exchangePause.until} is null or ${exchangePause.until} >= ${today}::date))`;
}

/** The initiatives the viewer belongs to, as a subquery. */
function initiativesOf(viewer: SignedIn) {
	return sql`select ${membership.initiativeId} from ${membership} where ${membership.userId} = ${viewer.userId}`;
}

/** The condition for every post this viewer may see: their own and others' visible ones. */
export function postsVisibleTo(viewer: SignedIn, today: string): SQL {
	return or(eq(exchangePost.createdBy, viewer.userId), othersPostsVisibleTo(viewer, today))!;
}

/** A post as this viewer may see it; NotFound when hidden or unknown, SignInRequired when signed out. */
export async function postFor(db: Db, viewer: Viewer, postId: string, today: string): Promise<PostAccess> {
	const signedIn = requireSignedIn(viewer);
	const [post] = await db
		.select(postColumns)
		.from(exchangePost)
		.where(and(eq(exchangePost.id, postId), postsVisibleTo(signedIn, today)));
	if (!post) throw new NotFound();
	return { post, isOwner: post.createdBy === signedIn.userId };
}

/** Only who wrote the post may change or close it; anyone else gets NotFound. */
export async function requirePostOwner(db: Db, viewer: Viewer, postId: string, today: string): Promise<PostAccess> {
	const access = await postFor(db, viewer, postId, today);
	if (!access.isOwner) throw new NotFound();
	return access;
}

/** May the viewer post for this initiative? Only as a member of it. */
export async function requireMemberOf(db: Db, viewer: Viewer, initiativeId: string): Promise<SignedIn> {
	const signedIn = requireSignedIn(viewer);
	const [row] = await db
		.select({ id: membership.initiativeId })
		.from(membership)
		.where(and(eq(membership.initiativeId, initiativeId), eq(membership.userId, signedIn.userId)));
	if (!row) throw new NotFound();
	return signedIn;
}

/** Is there a "geen contact meer" between these two people, either way? */
export function blockedBetween(a: string, b: string): SQL {
	return exists(
		sql`select 1 from ${contactBlock} where (${contactBlock.blockerId} = ${a} and ${contactBlock.blockedId} = ${b}) or (${contactBlock.blockerId} = ${b} and ${contactBlock.blockedId} = ${a})`
	);
}
