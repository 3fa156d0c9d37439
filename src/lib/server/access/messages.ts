import { and, eq, ne, sql } from 'drizzle-orm';
import { user } from '../accounts/schema.ts';
import type { SignedIn, Viewer } from '../accounts/viewer.ts';
import { queryRows, type Db } from '../db/index.ts';
import { announcement, announcementRecipient } from '../announcements/schema.ts';
import { contactBlock, conversation, conversationMember, message, messageSetting } from '../messages/schema.ts';
import { NotFound, requireSignedIn } from './core.ts';

/**
 * Who may read and write a conversation: its members, and nobody else. Not a
 * coordinator of either person's initiative, not the association admin: for
 * anyone outside it, a conversation does not exist (NotFound).
 */

export interface ConversationAccess {
	viewer: SignedIn;
	conversation: typeof conversation.$inferSelect;
	/** The other member; null once they deleted their account. */
	other: { userId: string; name: string } | null;
	/** When the viewer last read it (null: never). */
	readAt: Date | null;
	/** "Geen contact meer": `byMe` the viewer chose it, `byThem` the other did (never shown as such). */
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
	const [other] = await db
		.select({ userId: user.id, name: user.name })
		.from(conversationMember)
		.innerJoin(user, eq(user.id, conversationMember.userId))
		.where(and(eq(conversationMember.conversationId, conversationId), ne(conversationMember.userId, signedIn.userId)));
	const block = other ? await blockBetween(db, signedIn.userId, other.userId) : 'none';
	const accepts = other ? await acceptsFrom(db, other.userId, signedIn.userId, true) : false;
	return { viewer: signedIn, conversation: mine.conversation, other: other ?? null, readAt: mine.readAt, block, accepts };
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
	const [row] = await queryRows<{ yes: boolean }>(
		db,
		sql`select exists (
			select 1 from ${conversationMember} mine
			join ${conversationMember} theirs on theirs.conversation_id = mine.conversation_id and theirs.user_id = ${to}
			where mine.user_id = ${from}
			and exists (select 1 from ${message} m where m.conversation_id = mine.conversation_id and m.sender_id = ${from})
		) or exists (
			select 1 from ${announcement} a
			join ${announcementRecipient} r on r.announcement_id = a.id and r.user_id = ${to}
			where a.writer_id = ${from}
		) as yes`
	);
	return !!row?.yes;
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
	return access.other !== null && access.block === 'none' && access.accepts;
}
