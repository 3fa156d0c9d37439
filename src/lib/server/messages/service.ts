import { and, desc, eq, inArray, isNull, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import { NotFound, requireSignedIn } from '../access/core.ts';
import { postFor } from '../access/exchange.ts';
import { acceptsFrom, blockAmong, blockBetween, canWrite, conversationFor, groupCandidates, type ConversationAccess } from '../access/messages.ts';
import { allowAttempt, type Limit } from '../accounts/rate-limit.ts';
import { user } from '../accounts/schema.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { exchangePost } from '../exchange/schema.ts';
import { initiative, membership } from '../initiatives/schema.ts';
import { today } from '../exchange/service.ts';
import { enqueueNotice } from '../notify/index.ts';
import { addToDigest, noticeModes } from '../notify/preferences.ts';
import { contactBlock, conversation, conversationMember, message } from './schema.ts';

/*
 * Messages (berichten): conversations between members: two people, started
 * from an offer or a request or free, or a small group of fellow members of
 * an initiative. Only the two people in a conversation read it
 * (access/messages.ts). A mail tells the other that there is a new message,
 * never what it says, and at most once an hour per conversation.
 */

export const MESSAGE_MAX = 2000;
export const MESSAGE_NOTICE_QUEUE = 'message-notice';
/** Per account, counted in the database so every app process shares the count. */
export const MESSAGE_LIMITS = {
	messages: { max: 30, windowSeconds: 10 * 60 },
	conversations: { max: 10, windowSeconds: 60 * 60 }
} satisfies Record<string, Limit>;

/** `not_receiving`: the other's "wie mag mij berichten sturen" does not let the writer write (shown calmly, nothing more). */
export type SendResult = { ok: true; conversationId: string } | { ok: false; error: 'empty' | 'too_long' | 'rate_limited' | 'closed' | 'not_receiving' };

/** How many others a member may start a group with: a few, not a mailing list. */
export const GROUP_MIN = 2;
export const GROUP_MAX = 6;
/** `size`: too few or too many chosen; `together`: "geen contact meer" lies between two of them (not said who). */
export type GroupResult = SendResult | { ok: false; error: 'size' | 'together' };

/** The conversation the viewer already has with the writer of this post, if any. */
export async function conversationAbout(db: Db, viewer: Viewer, postId: string): Promise<string | null> {
	const signedIn = requireSignedIn(viewer);
	const [row] = await db
		.select({ id: conversation.id })
		.from(conversation)
		.innerJoin(conversationMember, and(eq(conversationMember.conversationId, conversation.id), eq(conversationMember.userId, signedIn.userId)))
		.where(eq(conversation.postId, postId))
		.limit(1);
	return row?.id ?? null;
}

const checkBody = (body: string): SendResult | null => (!body.trim() ? { ok: false, error: 'empty' } : body.length > MESSAGE_MAX ? { ok: false, error: 'too_long' } : null);

/**
 * "Ik wil helpen" / "Ik heb een vraag hierover": start a conversation with
 * the writer of a post, with a first message (or add it to the one that
 * already exists). NotFound when the viewer may not see the post, wrote it
 * themselves, or either chose "geen contact meer".
 */
export async function respondToPost(db: Db, viewer: Viewer, postId: string, body: string, now = new Date()): Promise<SendResult> {
	const { post, isOwner } = await postFor(db, viewer, postId, today(now));
	if (isOwner) throw new NotFound();
	const me = viewer!.userId;
	if ((await blockBetween(db, me, post.createdBy)) !== 'none') throw new NotFound();
	const invalid = checkBody(body);
	if (invalid) return invalid;
	const existing = await conversationAbout(db, viewer, postId);
	if (existing) return sendMessage(db, viewer, existing, body, now);
	if (!(await acceptsFrom(db, post.createdBy, me, false))) return { ok: false, error: 'not_receiving' };
	return startConversation(db, me, post.createdBy, { postId }, body, now);
}

/**
 * Write to `otherId` in the one conversation between the two that is not
 * about a post, starting it when there is none. The caller's access module
 * decided that the viewer may write to them, also past their "wie mag mij
 * berichten sturen" (a reply to a bericht aan een groep: its writer wrote
 * first, access/announcements.ts); an existing conversation follows the
 * rules of sendMessage.
 */
export async function writeInFreeConversation(db: Db, viewer: Viewer, otherId: string, body: string, now = new Date()): Promise<SendResult> {
	const me = requireSignedIn(viewer).userId;
	const invalid = checkBody(body);
	if (invalid) return invalid;
	const [existing] = await db
		.select({ id: conversation.id })
		.from(conversation)
		.innerJoin(conversationMember, and(eq(conversationMember.conversationId, conversation.id), eq(conversationMember.userId, me)))
		.where(
			and(
				isNull(conversation.postId),
				eq(conversation.group, false),
				sql`exists (select 1 from ${conversationMember} o where o.conversation_id = ${conversation.id} and o.user_id = ${otherId})`
			)
		)
		.limit(1);
	if (existing) return sendMessage(db, viewer, existing.id, body, now);
	return startConversation(db, me, otherId, {}, body, now);
}

/**
 * Start a small group: the viewer and a few fellow members of an initiative
 * they share (access/messages.ts groupCandidates decides who may be chosen),
 * with a first message. NotFound when the viewer is not a member there; a
 * chosen person who may not be chosen makes it `not_receiving`.
 */
export async function startGroup(db: Db, viewer: Viewer, initiativeId: string, chosen: string[], body: string, now = new Date()): Promise<GroupResult> {
	const me = requireSignedIn(viewer).userId;
	const ids = [...new Set(chosen)];
	const candidates = await groupCandidates(db, viewer, initiativeId, '', 1000);
	if (!candidates.length && !(await isMemberOf(db, me, initiativeId))) throw new NotFound();
	if (ids.length < GROUP_MIN || ids.length > GROUP_MAX) return { ok: false, error: 'size' };
	const allowed = new Set(candidates.map((c) => c.userId));
	if (!ids.every((id) => allowed.has(id))) return { ok: false, error: 'not_receiving' };
	if (await blockAmong(db, ids)) return { ok: false, error: 'together' };
	const invalid = checkBody(body);
	if (invalid) return invalid;
	return startConversation(db, me, ids, { group: true, initiativeId }, body, now);
}

/**
 * What the "nieuw groepsgesprek" form needs: the viewer's initiatives, the
 * chosen one (by slug; the only one when there is one), and who in it may be
 * chosen (`name` narrows the list).
 */
export async function groupForm(db: Db, viewer: Viewer, slug?: string, name = '') {
	const me = requireSignedIn(viewer);
	const initiatives = await db
		.select({ id: initiative.id, slug: initiative.slug, name: initiative.name })
		.from(membership)
		.innerJoin(initiative, eq(initiative.id, membership.initiativeId))
		.where(eq(membership.userId, me.userId))
		.orderBy(initiative.name)
		.limit(100);
	const chosen = initiatives.length === 1 ? initiatives[0] : (initiatives.find((i) => i.slug === slug) ?? null);
	return { initiatives, chosen, candidates: chosen ? await groupCandidates(db, viewer, chosen.id, name) : [] };
}

async function isMemberOf(db: Db, userId: string, initiativeId: string): Promise<boolean> {
	const rows = await db
		.select({ id: membership.userId })
		.from(membership)
		.where(and(eq(membership.userId, userId), eq(membership.initiativeId, initiativeId)));
	return rows.length > 0;
}

/** A new conversation with its first message, within the rate limits: of two (about a post or free), or a group. */
async function startConversation(
	db: Db,
	me: string,
	otherIds: string | string[],
	about: { postId?: string | null; group?: boolean; initiativeId?: string },
	body: string,
	now: Date
): Promise<SendResult> {
	if (!(await allowAttempt(db, [{ key: `conversation:${me}`, limit: MESSAGE_LIMITS.conversations }, { key: `message:${me}`, limit: MESSAGE_LIMITS.messages }]))) {
		return { ok: false, error: 'rate_limited' };
	}
	const id = await db.transaction(async (tx) => {
		const [created] = await tx
			.insert(conversation)
			.values({ ...about, createdAt: now, lastMessageAt: now })
			.returning({ id: conversation.id });
		await tx.insert(conversationMember).values([
			{ conversationId: created.id, userId: me, readAt: now, lastMessageAt: now },
			...[otherIds].flat().map((userId) => ({ conversationId: created.id, userId, lastMessageAt: now }))
		]);
		await tx.insert(message).values({ conversationId: created.id, senderId: me, body: body.trim(), createdAt: now });
		await noticeOthers(tx, created.id, me, now);
		return created.id;
	});
	return { ok: true, conversationId: id };
}

/** A member writes in a conversation. Closed when the other is gone or either chose "geen contact meer". */
export async function sendMessage(db: Db, viewer: Viewer, conversationId: string, body: string, now = new Date()): Promise<SendResult> {
	const access = await conversationFor(db, viewer, conversationId);
	if (!canWrite(access)) return { ok: false, error: access.other && access.block === 'none' && !access.accepts ? 'not_receiving' : 'closed' };
	const invalid = checkBody(body);
	if (invalid) return invalid;
	const me = access.viewer.userId;
	if (!(await allowAttempt(db, [{ key: `message:${me}`, limit: MESSAGE_LIMITS.messages }]))) return { ok: false, error: 'rate_limited' };
	await db.transaction(async (tx) => {
		await tx.insert(message).values({ conversationId, senderId: me, body: body.trim(), createdAt: now });
		await tx.update(conversation).set({ lastMessageAt: now }).where(eq(conversation.id, conversationId));
		await tx.update(conversationMember).set({ lastMessageAt: now }).where(eq(conversationMember.conversationId, conversationId));
		await tx
			.update(conversationMember)
			.set({ readAt: now })
			.where(and(eq(conversationMember.conversationId, conversationId), eq(conversationMember.userId, me)));
		await noticeOthers(tx, conversationId, me, now);
	});
	return { ok: true, conversationId };
}

/**
 * Tell the other members as each chose: "meteen" queues a mail for those who
 * had none about this conversation in the last hour; "één keer per dag" keeps
 * the conversation for their daily digest; "uit" sends nothing.
 */
async function noticeOthers(tx: Db, conversationId: string, senderId: string, now: Date): Promise<void> {
	const others = await tx
		.select({ userId: conversationMember.userId })
		.from(conversationMember)
		.where(and(eq(conversationMember.conversationId, conversationId), ne(conversationMember.userId, senderId)));
	const modes = await noticeModes(tx, 'messages', others.map((o) => o.userId));
	const atOnce = [...modes].filter(([, mode]) => mode === 'now').map(([userId]) => userId);
	for (const [userId, mode] of modes) if (mode === 'daily') await addToDigest(tx, 'messages', userId, conversationId, now);
	if (!atOnce.length) return;
	const hourAgo = new Date(now.getTime() - 3_600_000);
	const due = await tx
		.update(conversationMember)
		.set({ noticedAt: now })
		.where(
			and(
				eq(conversationMember.conversationId, conversationId),
				inArray(conversationMember.userId, atOnce),
				or(isNull(conversationMember.noticedAt), lt(conversationMember.noticedAt, hourAgo))
			)
		)
		.returning({ userId: conversationMember.userId });
	for (const { userId } of due) await enqueueNotice(tx, MESSAGE_NOTICE_QUEUE, { conversationId, userId });
}

export interface ConversationSummary {
	id: string;
	/** The others' shown names (a few), by name; null once nobody else is left. */
	with: string | null;
	group: boolean;
	about: string | null;
	lastMessageAt: Date;
	unread: boolean;
}

export const CONVERSATIONS_PAGE = 20;

/** Where a page of the inbox starts: after the item at this time with this id (newest first). */
export interface InboxCursor {
	at: Date;
	id: string;
}

/** The viewer's conversations, newest first, one bounded page; `next` starts the following page. */
export async function listConversations(db: Db, viewer: Viewer, after?: InboxCursor, limit = CONVERSATIONS_PAGE): Promise<{ conversations: ConversationSummary[]; next: InboxCursor | null }> {
	const me = requireSignedIn(viewer).userId;
	const other = sql<
		string | null
	>`(select string_agg(f.name, ', ' order by f.name) from (select u.name from ${conversationMember} o join ${user} u on u.id = o.user_id where o.conversation_id = ${conversation.id} and o.user_id <> ${me} order by u.name limit ${GROUP_MAX + 1}) f)`;
	const cursor = after ? sql`(${conversationMember.lastMessageAt}, ${conversationMember.conversationId}) < (${after.at.toISOString()}::timestamptz, ${after.id}::uuid)` : undefined;
	const rows = await db
		.select({
			id: conversation.id,
			with: other,
			group: conversation.group,
			about: exchangePost.title,
			lastMessageAt: conversationMember.lastMessageAt,
			readAt: conversationMember.readAt
		})
		.from(conversationMember)
		.innerJoin(conversation, eq(conversation.id, conversationMember.conversationId))
		.leftJoin(exchangePost, eq(exchangePost.id, conversation.postId))
		.where(and(eq(conversationMember.userId, me), cursor))
		.orderBy(desc(conversationMember.lastMessageAt), desc(conversationMember.conversationId))
		.limit(limit + 1);
	const page = rows.slice(0, limit);
	const last = page[page.length - 1];
	return {
		conversations: page.map((r) => ({ id: r.id, with: r.with, group: r.group, about: r.about, lastMessageAt: r.lastMessageAt, unread: !r.readAt || r.readAt < r.lastMessageAt })),
		next: rows.length > limit ? { at: last.lastMessageAt, id: last.id } : null
	};
}

/**
 * The viewer's conversations with a message they have not read, one row each and at most 100 (for the header's
 * count). `except`: the conversation on the page being shown, which is read by showing it.
 */
export function unreadConversationRows(viewer: Viewer, except?: string): SQL {
	const me = requireSignedIn(viewer).userId;
	return sql`select 1 from ${conversationMember} cm
		where cm.user_id = ${me} and (cm.read_at is null or cm.read_at < cm.last_message_at) ${except ? sql`and cm.conversation_id <> ${except}` : sql``}
		limit 100`;
}

export interface MessageView {
	id: string;
	body: string;
	createdAt: Date;
	/** `me`, `other`, or `gone` (a deleted account). */
	from: 'me' | 'other' | 'gone';
	/** Hidden by the coordinators: its text reaches only who wrote it (`body` is empty for the other). */
	hidden: boolean;
	/** Who wrote it, by their shown name (in a group, also someone who left); null for a deleted account. */
	name: string | null;
}

export const MESSAGES_PAGE = 30;

/**
 * A conversation for one of its members: the newest messages (or those before
 * `before`), oldest first on the page. Reading the newest page marks it read.
 */
export async function readConversation(
	db: Db,
	viewer: Viewer,
	conversationId: string,
	before?: string,
	limit = MESSAGES_PAGE
): Promise<ConversationAccess & { about: { id: string; title: string } | null; messages: MessageView[]; earlier: string | null; canWrite: boolean }> {
	const access = await conversationFor(db, viewer, conversationId);
	const me = access.viewer.userId;
	const cursor = before
		? sql`(${message.createdAt}, ${message.id}) < (select m.created_at, m.id from ${message} m where m.id = ${before} and m.conversation_id = ${conversationId})`
		: undefined;
	const rows = await db
		.select({ id: message.id, body: message.body, createdAt: message.createdAt, senderId: message.senderId, hiddenAt: message.hiddenAt, name: user.name })
		.from(message)
		.leftJoin(user, eq(user.id, message.senderId))
		.where(and(eq(message.conversationId, conversationId), cursor))
		.orderBy(desc(message.createdAt), desc(message.id))
		.limit(limit + 1);
	const page = rows.slice(0, limit).reverse();
	if (!before) {
		const last = access.conversation.lastMessageAt;
		await db
			.update(conversationMember)
			.set({ readAt: last })
			.where(
				and(
					eq(conversationMember.conversationId, conversationId),
					eq(conversationMember.userId, me),
					or(isNull(conversationMember.readAt), lt(conversationMember.readAt, last))
				)
			);
	}
	const [post] = access.conversation.postId
		? await db.select({ id: exchangePost.id, title: exchangePost.title }).from(exchangePost).where(eq(exchangePost.id, access.conversation.postId))
		: [];
	return {
		...access,
		about: post ?? null,
		messages: page.map((r) => {
			const from = r.senderId === me ? 'me' : r.senderId ? 'other' : 'gone';
			return { id: r.id, body: r.hiddenAt && from !== 'me' ? '' : r.body, createdAt: r.createdAt, from, hidden: r.hiddenAt !== null, name: r.name };
		}),
		earlier: rows.length > limit ? page[0].id : null,
		canWrite: canWrite(access)
	};
}

/**
 * "Geen contact meer" with the other person in this conversation (in a
 * group: with `whom`, one of the others), or contact again. They are not told.
 */
export async function setBlocked(db: Db, viewer: Viewer, conversationId: string, blocked: boolean, whom?: string): Promise<{ name: string }> {
	const access = await conversationFor(db, viewer, conversationId);
	const them = access.conversation.group ? access.others.find((o) => o.userId === whom) : access.other;
	if (!them) throw new NotFound();
	const pair = { blockerId: access.viewer.userId, blockedId: them.userId };
	if (blocked) await db.insert(contactBlock).values(pair).onConflictDoNothing();
	else await db.delete(contactBlock).where(and(eq(contactBlock.blockerId, pair.blockerId), eq(contactBlock.blockedId, pair.blockedId)));
	return { name: them.name };
}

/**
 * Someone who leaves or is removed from an initiative leaves its group
 * conversations too (in the caller's transaction): a group is "people of an
 * initiative you share", and a removed member must not keep reading along.
 * What they wrote stays for the others; an emptied group goes.
 */
export async function leaveGroupsOf(tx: Db, initiativeId: string, userId: string): Promise<void> {
	const groups = tx.select({ id: conversation.id }).from(conversation).where(and(eq(conversation.group, true), eq(conversation.initiativeId, initiativeId)));
	const left = await tx
		.delete(conversationMember)
		.where(and(eq(conversationMember.userId, userId), inArray(conversationMember.conversationId, groups)))
		.returning({ id: conversationMember.conversationId });
	if (!left.length) return;
	const ids = left.map((l) => l.id);
	await tx.delete(conversation).where(and(inArray(conversation.id, ids), sql`not exists (select 1 from ${conversationMember} cm where cm.conversation_id = ${conversation.id})`));
}

/**
 * Leave a group: the viewer no longer reads it or hears of it; what they
 * wrote stays for the others, with their name. The last one out takes the
 * conversation with them. A conversation of two is not left (there is
 * "geen contact meer"): NotFound.
 */
export async function leaveConversation(db: Db, viewer: Viewer, conversationId: string): Promise<void> {
	const access = await conversationFor(db, viewer, conversationId);
	if (!access.conversation.group) throw new NotFound();
	await db.transaction(async (tx) => {
		await tx.delete(conversationMember).where(and(eq(conversationMember.conversationId, conversationId), eq(conversationMember.userId, access.viewer.userId)));
		await tx.delete(conversation).where(and(eq(conversation.id, conversationId), sql`not exists (select 1 from ${conversationMember} cm where cm.conversation_id = ${conversationId})`));
	});
}
