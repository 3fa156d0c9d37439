import { eq } from 'drizzle-orm';
import type { Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { deal, dealThanks } from '../deals/schema.ts';
import { exchangePost } from '../exchange/schema.ts';
import { canWrite, conversationFor, type ConversationAccess } from './messages.ts';

/**
 * Who may see and act on an afspraak, its "gedaan" and its bedankje: the two
 * people in the conversation it belongs to, and nobody else. A coordinator
 * or the association admin never sees one (the conversation does not exist
 * for them: NotFound); a bedankje reaches others only when its giver chose
 * to show it on their profile (access/profiles.ts).
 *
 * Who gives: for an offer its poster, for a request the one who responded.
 */

export type Deal = typeof deal.$inferSelect;
export type Thanks = typeof dealThanks.$inferSelect;

export interface DealAccess {
	access: ConversationAccess;
	/** The post the conversation is about, while it exists. */
	post: { id: string; kind: 'offer' | 'request'; title: string; createdBy: string } | null;
	deal: Deal | null;
	thanks: Thanks | null;
	/** The viewer's part: giving or receiving help; null in a conversation without a post or an afspraak. */
	role: 'giver' | 'receiver' | null;
	/** May the viewer propose, say yes, cancel or mark done: in it, with a role, and the conversation open. */
	mayAct: boolean;
}

/** The afspraak of a conversation as one of its two members sees it; NotFound for everyone else. */
export async function dealFor(db: Db, viewer: Viewer, conversationId: string): Promise<DealAccess> {
	const access = await conversationFor(db, viewer, conversationId);
	const me = access.viewer.userId;
	const [post] = access.conversation.postId
		? await db
				.select({ id: exchangePost.id, kind: exchangePost.kind, title: exchangePost.title, createdBy: exchangePost.createdBy })
				.from(exchangePost)
				.where(eq(exchangePost.id, access.conversation.postId))
		: [];
	const [current] = await db.select().from(deal).where(eq(deal.conversationId, conversationId));
	const [thanks] = current ? await db.select().from(dealThanks).where(eq(dealThanks.conversationId, conversationId)) : [];
	let role: DealAccess['role'] = null;
	if (current) role = current.giverId === me ? 'giver' : current.receiverId === me ? 'receiver' : null;
	else if (post) role = (post.kind === 'offer') === (post.createdBy === me) ? 'giver' : 'receiver';
	return { access, post: post ?? null, deal: current ?? null, thanks: thanks ?? null, role, mayAct: role !== null && canWrite(access) };
}
