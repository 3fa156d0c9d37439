import { and, asc, eq, ne, sql, type SQL } from 'drizzle-orm';
import { user } from '../accounts/schema.ts';
import type { SignedIn, Viewer } from '../accounts/viewer.ts';
import { queryRows, type Db } from '../db/index.ts';
import { announcement, announcementRecipient } from '../announcements/schema.ts';
import { contactBlock, conversation, conversationMember, message, messageSetting } from '../messages/schema.ts';
import { membership } from '../initiatives/schema.ts';
import { NotFound, requireSignedIn } from './core.ts';

/**
 * Who may read and write a conversation: its members, and nobody else. Not a
 * coordinator of either person's initiative, not the association admin: for
 * anyone outside it, a conversation does not exist (NotFound).
 *
 * A small group follows the same rules as two people: a member starts one
 * with a few fellow members of an initiative they share, each of whom would
 * let them start a conversation of two (groupCandidates); nobody is in a
 * group with someone who chose "geen contact meer" with another member. In
 * the group, a member writes while the others are there and no "geen contact
 * meer" lies between them and one of the others; whoever left no longer
 * reads it.
 */

export interface ConversationAccess {
	viewer: SignedIn;
	conversation: typeof conversation.$inferSelect;
	/** The other member of a conversation of two; null once they deleted their account, and in a group. */
	other: { userId: string; name: string } | null;
	/** Everyone else still in it (for two: the other), by name; `blockedByMe`: the viewer chose "geen contact meer" with them. */
	others: { userId: string; name: string; blockedByMe: boolean }[];
	/** When the viewer last read it (null: never). */
	readAt: Date | null;
	/** "Geen contact meer": `byMe` the viewer chose it, `byThem` the other did (never shown as such); in a group, with any of the others. */
	block: 'none' | 'byMe' | 'byThem';
	/** The other's "wie mag mij berichten sturen" lets the viewer write here. */
	accepts: boolean;
}

/** A conversation as one of its members sees it; NotFound for everyone else. */
export async function conversationFor(db: Db, viewer: Viewer, conversationId: string): Promise<ConversationAccess> {
	const signedIn = requireSignedIn(viewer);
	const [mine] = await db
		.select({ conversation, readAt: conversationMember.readAt })
		.from(conversationMember)
		.innerJoin(conversation, eq(conversation.id, conversationMember.conversationId))
		.where(and(eq(conversationMember.conversationId, conversationId), eq(conversationMember.userId, signedIn.userId)));
	if (!mine) throw new NotFound();
	const rows = await db
		.select({ userId: user.id, name: user.name })
		.from(conversationMember)
		.innerJoin(user, eq(user.id, conversationMember.userId))
		.where(and(eq(conversationMember.conversationId, conversationId), ne(conversationMember.userId, signedIn.userId)))
		.orderBy(asc(user.name), asc(user.id));
	const group = mine.conversation.group;
	const blocks = await Promise.all(rows.map((o) => blockBetween(db, signedIn.userId, o.userId)));
	const others = rows.map((o, i) => ({ ...o, blockedByMe: blocks[i] === 'byMe' }));
	const other = group || !rows[0] ? null : { userId: rows[0].userId, name: rows[0].name };
	if (group) {
		const block = blocks.includes('byMe') ? 'byMe' : blocks.includes('byThem') ? 'byThem' : 'none';
		// Each member let the starter write to them when it began (groupCandidates); after that, who is in it may write.
		return { viewer: signedIn, conversation: mine.conversation, other, others, readAt: mine.readAt, block, accepts: true };
	}
	const block = blocks[0] ?? 'none';
	const accepts = other ? await acceptsFrom(db, other.userId, signedIn.userId, true) : false;
	return { viewer: signedIn, conversation: mine.conversation, other, others, readAt: mine.readAt, block, accepts };
}

/**
 * Does `recipientId`'s "wie mag mij berichten sturen" let `senderId` write
 * to them — in a new conversation, or (`existing`) in one they already have?
 *   - `members` (the default): yes, whoever may see their posts may respond;
 *   - `wrote_first`: only when the recipient wrote to the sender before;
 *   - `nobody`: no new conversations; in an existing one, people the
 *     recipient wrote to keep writing (a conversation they answered stays open).
 */
export async function acceptsFrom(db: Db, recipientId: string, senderId: string, existing: boolean): Promise<boolean> {
	const [setting] = await db.select({ who: messageSetting.whoMayWrite }).from(messageSetting).where(eq(messageSetting.userId, recipientId));
	const who = setting?.who ?? 'members';
	if (who === 'members') return true;
	if (who === 'nobody' && !existing) return false;
	return wroteTo(db, recipientId, senderId);
}

/** Did `from` ever write a message in a conversation with `to`, or send them a bericht aan een groep (announcements/)? */
async function wroteTo(db: Db, from: string, to: string): Promise<boolean> {
	const [row] = await queryRows<{ yes: boolean }>(db, sql`select ${wroteToSql(sql`${from}`, to)} as yes`);
	return !!row?.yes;
}

/** SQL for wroteTo, with `from` as an SQL expression (a column, to test many people at once). */
function wroteToSql(from: SQL, to: string): SQL {
	return sql`(exists (
			select 1 from ${conversationMember} mine
			join ${conversationMember} theirs on theirs.conversation_id = mine.conversation_id and theirs.user_id = ${to}
			where mine.user_id = ${from}
			and exists (select 1 from ${message} m where m.conversation_id = mine.conversation_id and m.sender_id = ${from})
		) or exists (
			select 1 from ${announcement} a
			join ${announcementRecipient} r on r.announcement_id = a.id and r.user_id = ${to}
			where a.writer_id = ${from}
		))`;
}

/** Whether `me` blocked `them`, they blocked me, or neither. */
export async function blockBetween(db: Db, me: string, them: string): Promise<ConversationAccess['block']> {
	const rows = await db
		.select({ blockerId: contactBlock.blockerId })
		.from(contactBlock)
		.where(sql`(${contactBlock.blockerId} = ${me} and ${contactBlock.blockedId} = ${them}) or (${contactBlock.blockerId} = ${them} and ${contactBlock.blockedId} = ${me})`);
	if (rows.some((r) => r.blockerId === me)) return 'byMe';
	return rows.length ? 'byThem' : 'none';
}

/**
 * May the viewer write here? Only while the other still has an account,
 * neither chose "geen contact meer", and the other's "wie mag mij berichten
 * sturen" allows it.
 */
export function canWrite(access: ConversationAccess): boolean {
	if (access.conversation.group) return access.others.length > 0 && access.block === 'none';
	return access.other !== null && access.block === 'none' && access.accepts;
}

/**
 * The fellow members of an initiative the viewer may start a group with, by
 * name (at most `limit`; `name` narrows it): members who show their name to
 * other members, with no "geen contact meer" either way, whose "wie mag mij
 * berichten sturen" lets the viewer start a conversation with them. Empty
 * when the viewer is not a member. Never contact details: a name and an id.
 */
export async function groupCandidates(db: Db, viewer: Viewer, initiativeId: string, name = '', limit = 50): Promise<{ userId: string; name: string }[]> {
	const me = requireSignedIn(viewer).userId;
	const pattern = `%${name.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
	return db
		.select({ userId: user.id, name: user.name })
		.from(membership)
		.innerJoin(user, eq(user.id, membership.userId))
		.leftJoin(messageSetting, eq(messageSetting.userId, membership.userId))
		.where(
			and(
				eq(membership.initiativeId, initiativeId),
				ne(membership.userId, me),
				eq(membership.showName, true),
				sql`exists (select 1 from ${membership} mine where mine.initiative_id = ${initiativeId} and mine.user_id = ${me})`,
				sql`not exists (select 1 from ${contactBlock} b where (b.blocker_id = ${me} and b.blocked_id = ${user.id}) or (b.blocker_id = ${user.id} and b.blocked_id = ${me}))`,
				sql`(coalesce(${messageSetting.whoMayWrite}, 'members') = 'members' or (${messageSetting.whoMayWrite} = 'wrote_first' and ${wroteToSql(sql`${user.id}`, me)}))`,
				name.trim() ? sql`${user.name} ilike ${pattern}` : undefined
			)
		)
		.orderBy(asc(user.name), asc(user.id))
		.limit(limit);
}

/** Is there any "geen contact meer" between two of these people? */
export async function blockAmong(db: Db, userIds: string[]): Promise<boolean> {
	if (userIds.length < 2) return false;
	const list = sql.join(
		userIds.map((id) => sql`${id}`),
		sql`, `
	);
	const rows = await db
		.select({ blockerId: contactBlock.blockerId })
		.from(contactBlock)
		.where(sql`${contactBlock.blockerId} in (${list}) and ${contactBlock.blockedId} in (${list})`)
		.limit(1);
	return rows.length > 0;
}
