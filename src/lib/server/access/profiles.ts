import { and, eq, not, or, sql } from 'drizzle-orm';
import { user } from '../accounts/schema.ts';
import type { SignedIn, Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { exchangePost } from '../exchange/schema.ts';
import { membership } from '../initiatives/schema.ts';
import { contactBlock, conversationMember } from '../messages/schema.ts';
import { requireSignedIn, NotFound } from './core.ts';
import { othersPostsVisibleTo } from './exchange.ts';

/**
 * Who may see a member's profile (what they like to do, their talents, the
 * bedankjes they chose to show). Never anyone signed out. A signed-in person
 * sees their own profile, and another member's when neither chose "geen
 * contact meer" with the other and they already meet here:
 *   - they are members of the same initiative, where the member shows their
 *     name in the member list (its coordinators: always), or
 *   - the member has an offer or request this viewer may see (a post for the
 *     network makes the profile visible to the network, as long as it is open), or
 *   - the two have a conversation together.
 * Coordinators and the association admin see no more than any member: a
 * profile never shows an e-mail address, a phone number or an initiative.
 */

export interface ProfileAccess {
	viewer: SignedIn;
	userId: string;
	name: string;
	isMe: boolean;
}

/** The condition "this viewer may see the profile of the person in `userId`", on `app_user`. */
function profileVisibleTo(viewer: SignedIn, today: string) {
	const me = viewer.userId;
	// Being a member is itself sensitive: through an initiative only where the member shows their name there, or to its coordinators (who see every member).
	const sharesInitiative = sql`exists (select 1 from ${membership} a join ${membership} b on b.initiative_id = a.initiative_id where a.user_id = ${me} and b.user_id = ${user.id} and (b.show_name or a.role = 'coordinator'))`;
	const hasVisiblePost = sql`exists (select 1 from ${exchangePost} where ${exchangePost.createdBy} = ${user.id} and ${othersPostsVisibleTo(viewer, today)})`;
	const sharesConversation = sql`exists (select 1 from ${conversationMember} a join ${conversationMember} b on b.conversation_id = a.conversation_id where a.user_id = ${me} and b.user_id = ${user.id})`;
	const blocked = sql`exists (select 1 from ${contactBlock} where (${contactBlock.blockerId} = ${me} and ${contactBlock.blockedId} = ${user.id}) or (${contactBlock.blockerId} = ${user.id} and ${contactBlock.blockedId} = ${me}))`;
	return or(eq(user.id, me), and(not(blocked), or(sharesInitiative, hasVisiblePost, sharesConversation)));
}

/** A member's profile as this viewer may see it; NotFound when hidden or unknown, SignInRequired when signed out. */
export async function profileFor(db: Db, viewer: Viewer, userId: string, today: string): Promise<ProfileAccess> {
	const signedIn = requireSignedIn(viewer);
	const [row] = await db
		.select({ id: user.id, name: user.name })
		.from(user)
		.where(and(eq(user.id, userId), profileVisibleTo(signedIn, today)));
	if (!row) throw new NotFound();
	return { viewer: signedIn, userId: row.id, name: row.name, isMe: row.id === signedIn.userId };
}
