import { and, asc, eq, gt, isNull, ne, or, sql } from 'drizzle-orm';
import { user } from '../accounts/schema.ts';
import type { SignedIn, Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { membership } from '../initiatives/schema.ts';
import { contactBlock, conversationMember } from '../messages/schema.ts';
import { spaceBlock, spaceEntry, spaceReflection, spaceShare } from '../space/schema.ts';
import { NotFound, requireSignedIn } from './core.ts';

/**
 * Mijn herstelruimte belongs to the person alone. Only the owner sees their
 * space, its blocks, its journal and its reflections (with the web). No role gives more: not a coordinator
 * of the person's initiative, not the association admin; to everyone else a
 * space, a block or an entry is "not found", so they cannot even learn that
 * it exists. The one way in for someone else is a share the owner made:
 *   - one block, read-only, with one member, until the owner revokes it;
 *   - one block through a secret link, until it expires or is revoked.
 */

export interface BlockRow {
	id: string;
	ownerId: string;
	position: number;
	sealed: string;
	createdAt: Date;
	updatedAt: Date;
}

/** The owner of a space: any signed-in person, for their own space only. */
export function spaceOwner(viewer: Viewer): SignedIn {
	return requireSignedIn(viewer);
}

/** One of the viewer's own blocks; NotFound for anyone else's or an unknown id. */
export async function ownBlock(db: Db, viewer: Viewer, blockId: string): Promise<BlockRow> {
	const owner = spaceOwner(viewer);
	const [row] = await db
		.select()
		.from(spaceBlock)
		.where(and(eq(spaceBlock.id, blockId), eq(spaceBlock.ownerId, owner.userId)));
	if (!row) throw new NotFound();
	return row;
}

/** One of the viewer's own journal entries; NotFound otherwise. */
export async function ownEntry(db: Db, viewer: Viewer, entryId: string): Promise<{ id: string; ownerId: string }> {
	const owner = spaceOwner(viewer);
	const [row] = await db
		.select({ id: spaceEntry.id, ownerId: spaceEntry.ownerId })
		.from(spaceEntry)
		.where(and(eq(spaceEntry.id, entryId), eq(spaceEntry.ownerId, owner.userId)));
	if (!row) throw new NotFound();
	return row;
}

/** One of the viewer's own reflections; NotFound otherwise. */
export async function ownReflection(db: Db, viewer: Viewer, reflectionId: string): Promise<{ id: string; ownerId: string }> {
	const owner = spaceOwner(viewer);
	const [row] = await db
		.select({ id: spaceReflection.id, ownerId: spaceReflection.ownerId })
		.from(spaceReflection)
		.where(and(eq(spaceReflection.id, reflectionId), eq(spaceReflection.ownerId, owner.userId)));
	if (!row) throw new NotFound();
	return row;
}

/** One of the viewer's own shares (to revoke it or read its log); NotFound otherwise. */
export async function ownShare(db: Db, viewer: Viewer, shareId: string): Promise<{ id: string; revokedAt: Date | null }> {
	const owner = spaceOwner(viewer);
	const [row] = await db
		.select({ id: spaceShare.id, revokedAt: spaceShare.revokedAt })
		.from(spaceShare)
		.where(and(eq(spaceShare.id, shareId), eq(spaceShare.ownerId, owner.userId)));
	if (!row) throw new NotFound();
	return row;
}

export interface ShareGrant {
	shareId: string;
	ownerId: string;
	block: BlockRow;
}

const open = (now: Date) => and(isNull(spaceShare.revokedAt), or(isNull(spaceShare.expiresAt), gt(spaceShare.expiresAt, now)));

async function grant(db: Db, where: ReturnType<typeof and>): Promise<ShareGrant> {
	const [row] = await db.select({ share: spaceShare, block: spaceBlock }).from(spaceShare).innerJoin(spaceBlock, eq(spaceBlock.id, spaceShare.blockId)).where(where);
	if (!row) throw new NotFound();
	return { shareId: row.share.id, ownerId: row.share.ownerId, block: row.block };
}

/** A block shared with this member, while the share is open; NotFound for everyone else. */
export function sharedWithMe(db: Db, viewer: Viewer, shareId: string, now = new Date()): Promise<ShareGrant> {
	const reader = requireSignedIn(viewer);
	return grant(db, and(eq(spaceShare.id, shareId), eq(spaceShare.readerId, reader.userId), open(now)));
}

/** A block behind a secret link (by the hash of its token), while it has not expired or been revoked. */
export function sharedByLink(db: Db, tokenHash: string, now = new Date()): Promise<ShareGrant> {
	return grant(db, and(eq(spaceShare.tokenHash, tokenHash), isNull(spaceShare.readerId), open(now)));
}

/** At most this many people to choose from when sharing with a member. */
export const SHARE_CANDIDATES_MAX = 200;

/**
 * Whom the owner may share a block with: people they already meet in one of
 * their initiatives, as the member list shows them (their name shown there,
 * or the owner coordinates it), and people they have a conversation with
 * (who know each other's name already: a buddy, a new coordinator who hides
 * their name in member lists); never with "geen contact meer" either way.
 */
export async function shareCandidates(db: Db, viewer: Viewer): Promise<Array<{ id: string; name: string }>> {
	const me = requireSignedIn(viewer).userId;
	const meets = sql`exists (select 1 from ${membership} a join ${membership} b on b.initiative_id = a.initiative_id where a.user_id = ${me} and b.user_id = ${user.id} and (b.show_name or a.role = 'coordinator'))`;
	const talks = sql`exists (select 1 from ${conversationMember} x join ${conversationMember} y on y.conversation_id = x.conversation_id where x.user_id = ${me} and y.user_id = ${user.id})`;
	const blocked = sql`exists (select 1 from ${contactBlock} where (${contactBlock.blockerId} = ${me} and ${contactBlock.blockedId} = ${user.id}) or (${contactBlock.blockerId} = ${user.id} and ${contactBlock.blockedId} = ${me}))`;
	return db
		.select({ id: user.id, name: user.name })
		.from(user)
		.where(and(ne(user.id, me), or(meets, talks), sql`not ${blocked}`))
		.orderBy(asc(user.name), asc(user.id))
		.limit(SHARE_CANDIDATES_MAX);
}

/** One person the owner may share with; NotFound for anyone else. */
export async function shareCandidate(db: Db, viewer: Viewer, userId: string): Promise<{ id: string; name: string }> {
	const found = (await shareCandidates(db, viewer)).find((c) => c.id === userId);
	if (!found) throw new NotFound();
	return found;
}
