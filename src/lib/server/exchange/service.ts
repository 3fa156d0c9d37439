import { and, asc, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { onBreakSql, postFor, postsVisibleTo, requireMemberOf, requirePostOwner, type PostAccess } from '../access/exchange.ts';
import { requireSignedIn } from '../access/core.ts';
import { dayKey } from '../activities/time.ts';
import { user } from '../accounts/schema.ts';
import type { Viewer } from '../accounts/viewer.ts';
import { queryRows, type Db } from '../db/index.ts';
import { initiative, membership } from '../initiatives/schema.ts';
import type { PostInput } from './forms.ts';
import { exchangePost, type ExchangeTheme, type PostKind } from './schema.ts';
import { matchesWords, prefixQuery } from './search.ts';

/*
 * Vraag & aanbod: members offer a talent, a skill or time, and ask for help.
 * Who may see what is decided in access/exchange.ts. No counters: nothing
 * here counts responses, views or anything else about people.
 */

/** The day in Amsterdam, as posts' end days are written. */
export const today = (now: Date = new Date()) => dayKey(now);

/** A member writes an offer or a request for one of their initiatives. */
export async function createPost(db: Db, viewer: Viewer, input: PostInput): Promise<{ id: string }> {
	const signedIn = await requireMemberOf(db, viewer, input.initiativeId);
	const [created] = await db
		.insert(exchangePost)
		.values({ ...input, createdBy: signedIn.userId })
		.returning({ id: exchangePost.id });
	return created;
}

/** Who wrote a post changes it (also to another of their initiatives). */
export async function updatePost(db: Db, viewer: Viewer, postId: string, input: PostInput): Promise<void> {
	await requirePostOwner(db, viewer, postId, today());
	await requireMemberOf(db, viewer, input.initiativeId);
	await db
		.update(exchangePost)
		.set({ ...input, updatedAt: new Date() })
		.where(eq(exchangePost.id, postId));
}

/** Who wrote a post closes it (it is no longer needed) or opens it again. */
export async function setPostClosed(db: Db, viewer: Viewer, postId: string, closed: boolean): Promise<void> {
	await requirePostOwner(db, viewer, postId, today());
	await db
		.update(exchangePost)
		.set({ closedAt: closed ? new Date() : null, updatedAt: new Date() })
		.where(eq(exchangePost.id, postId));
}

export interface PostView extends PostAccess {
	author: string;
	initiative: { name: string; slug: string };
	/** Past its end day: others no longer see it. */
	paused: boolean;
	/** The viewer wrote it and takes "even pauze": others do not see it now. */
	onBreak: boolean;
}

/** One post with who wrote it (their shown name only) and their initiative. */
export async function getPost(db: Db, viewer: Viewer, postId: string): Promise<PostView> {
	const day = today();
	const access = await postFor(db, viewer, postId, day);
	const [row] = await db
		.select({ author: user.name, name: initiative.name, slug: initiative.slug })
		.from(user)
		.innerJoin(initiative, eq(initiative.id, access.post.initiativeId))
		.where(eq(user.id, access.post.createdBy));
	const onBreak = access.isOwner && (await isOnBreak(db, access.post.createdBy, day));
	return { ...access, author: row.author, initiative: { name: row.name, slug: row.slug }, paused: !!access.post.endsOn && access.post.endsOn < day, onBreak };
}

/** Whether this person takes "even pauze" on `day`. */
async function isOnBreak(db: Db, userId: string, day: string): Promise<boolean> {
	const [row] = await queryRows<{ yes: boolean }>(db, sql`select ${onBreakSql(userId, day)} as yes`);
	return !!row?.yes;
}

/** The initiatives the viewer may post for. */
export async function postingInitiatives(db: Db, viewer: Viewer): Promise<Array<{ id: string; name: string; slug: string }>> {
	const signedIn = requireSignedIn(viewer);
	return db
		.select({ id: initiative.id, name: initiative.name, slug: initiative.slug })
		.from(membership)
		.innerJoin(initiative, eq(initiative.id, membership.initiativeId))
		.where(eq(membership.userId, signedIn.userId))
		.orderBy(asc(initiative.name))
		.limit(100);
}

export interface PostFilter {
	kind?: PostKind;
	theme?: ExchangeTheme;
	/** Words typed in the search field. */
	words?: string;
	/** Only the viewer's own posts (also closed and paused ones). */
	mine?: boolean;
	/** Near a place: posts in one of these places (lower-case spellings, see `placeSpellingsNear`) or online. */
	places?: string[];
	/** The last post of the previous page: the page starts after it. */
	after?: string;
}

export interface PostSummary {
	id: string;
	kind: PostKind;
	title: string;
	theme: ExchangeTheme;
	town: string;
	online: boolean;
	author: string;
	createdAt: Date;
	closed: boolean;
	/** Others do not see it now: past its end day, or (for the viewer's own) during "even pauze". */
	paused: boolean;
	mine: boolean;
}

export const PAGE_SIZE = 20;

/**
 * One page of posts this viewer may see, newest first. At most `PAGE_SIZE`
 * are read; `next` is where the following page starts ("meer"), or null.
 */
export async function listPosts(db: Db, viewer: Viewer, filter: PostFilter = {}, limit = PAGE_SIZE): Promise<{ posts: PostSummary[]; next: string | null }> {
	const signedIn = requireSignedIn(viewer);
	const day = today();
	const conditions: Array<SQL | undefined> = [
		filter.mine ? eq(exchangePost.createdBy, signedIn.userId) : postsVisibleTo(signedIn, day),
		filter.kind ? eq(exchangePost.kind, filter.kind) : undefined,
		filter.theme ? eq(exchangePost.theme, filter.theme) : undefined
	];
	if (filter.places) {
		conditions.push(or(eq(exchangePost.online, true), inArray(sql`lower(${exchangePost.town})`, filter.places)));
	}
	const query = filter.words ? prefixQuery(filter.words) : null;
	if (query) conditions.push(matchesWords(query));
	if (filter.after) {
		conditions.push(sql`(${exchangePost.createdAt}, ${exchangePost.id}) < (select cursor.created_at, cursor.id from ${exchangePost} cursor where cursor.id = ${filter.after})`);
	}
	// The page is chosen from the posts alone, with only what the list shows; the authors' names for those rows only.
	const chosen = db
		.select({
			id: exchangePost.id,
			kind: exchangePost.kind,
			title: exchangePost.title,
			theme: exchangePost.theme,
			town: exchangePost.town,
			online: exchangePost.online,
			createdBy: exchangePost.createdBy,
			createdAt: exchangePost.createdAt,
			closedAt: exchangePost.closedAt,
			endsOn: exchangePost.endsOn
		})
		.from(exchangePost)
		.where(and(...conditions))
		.orderBy(desc(exchangePost.createdAt), desc(exchangePost.id))
		.limit(limit + 1)
		.as('chosen');
	const rows = await db
		.select({ ...chosen._.selectedFields, author: user.name })
		.from(chosen)
		.innerJoin(user, eq(user.id, chosen.createdBy))
		.orderBy(desc(chosen.createdAt), desc(chosen.id));
	const page = rows.slice(0, limit);
	const onBreak = page.some((p) => p.createdBy === signedIn.userId) && (await isOnBreak(db, signedIn.userId, day));
	return {
		posts: page.map((p) => ({
			id: p.id,
			kind: p.kind,
			title: p.title,
			theme: p.theme,
			town: p.town,
			online: p.online,
			author: p.author,
			createdAt: p.createdAt,
			closed: p.closedAt !== null,
			paused: (!!p.endsOn && p.endsOn < day) || (onBreak && p.createdBy === signedIn.userId),
			mine: p.createdBy === signedIn.userId
		})),
		next: rows.length > limit ? page[page.length - 1].id : null
	};
}
