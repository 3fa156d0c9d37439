import { and, eq, ne, sql } from 'drizzle-orm';
import { user } from '../accounts/schema.ts';
import type { SignedIn, Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { contactBlock, conversation, conversationMember } from '../messages/schema.ts';
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
	return { viewer: signedIn, conversation: mine.conversation, other: other ?? null, readAt: mine.readAt, block };
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

/** May the viewer write here? Only while the other still has an account and neither chose "geen contact meer". */
export function canWrite(access: ConversationAccess): boolean {
	return access.other !== null && access.block === 'none';
}
