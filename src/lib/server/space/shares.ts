import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { ownBlock, ownShare, shareCandidate, sharedByLink, sharedWithMe, spaceOwner, type ShareGrant } from '../access/space.ts';
import { user } from '../accounts/schema.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { openBlock, type Block } from './blocks.ts';
import { dataKey, existingDataKey, type SpaceStore } from './keys.ts';
import { spaceBlock, spaceRead, spaceShare } from './schema.ts';

/*
 * Sharing on the person's own terms: one block, read-only, with one member
 * or through a link that expires. The owner sees who has access now, can
 * stop it at any time and sees when it was read. Nothing else of the space
 * is ever reachable through a share.
 */

/** How long a link may work, in days. */
export const LINK_DAYS = [7, 30, 90] as const;
/** Reads shown per share, newest first. */
export const READS_SHOWN = 10;
/** Shares listed for the owner (open and past). */
const SHARES_MAX = 100;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Share a block with one member; sharing it again with the same person changes nothing. */
export async function shareWithMember(store: SpaceStore, viewer: Viewer, input: { blockId: string; readerId: string }): Promise<string> {
	const block = await ownBlock(store.db, viewer, input.blockId);
	const reader = await shareCandidate(store.db, viewer, input.readerId);
	const [open] = await store.db
		.select({ id: spaceShare.id })
		.from(spaceShare)
		.where(and(eq(spaceShare.blockId, block.id), eq(spaceShare.readerId, reader.id), isNull(spaceShare.revokedAt)));
	if (open) return open.id;
	const [made] = await store.db.insert(spaceShare).values({ ownerId: block.ownerId, blockId: block.id, readerId: reader.id }).returning({ id: spaceShare.id });
	return made.id;
}

/** Share a block through a secret link that works `days` days. Returns the token, shown once; only its hash is kept. */
export async function shareByLink(store: SpaceStore, viewer: Viewer, input: { blockId: string; days: number }, now = new Date()): Promise<string> {
	const block = await ownBlock(store.db, viewer, input.blockId);
	const token = randomBytes(24).toString('base64url');
	const expiresAt = new Date(now.getTime() + input.days * 86_400_000);
	await store.db.insert(spaceShare).values({ ownerId: block.ownerId, blockId: block.id, tokenHash: hashToken(token), expiresAt });
	return token;
}

/** Stop a share; stopping it twice is harmless. */
export async function revokeShare(db: Db, viewer: Viewer, shareId: string): Promise<void> {
	const share = await ownShare(db, viewer, shareId);
	if (!share.revokedAt) await db.update(spaceShare).set({ revokedAt: new Date() }).where(and(eq(spaceShare.id, share.id), isNull(spaceShare.revokedAt)));
}

export interface ShareView {
	id: string;
	blockName: string;
	readerName: string | null;
	byLink: boolean;
	expiresAt: Date | null;
	createdAt: Date;
	open: boolean;
	reads: Date[];
}

/** The owner's shares, open ones first, each with its latest reads. */
export async function listShares(store: SpaceStore, viewer: Viewer, now = new Date()): Promise<ShareView[]> {
	const owner = spaceOwner(viewer);
	const key = await existingDataKey(store, owner.userId);
	if (!key) return [];
	const rows = await store.db
		.select({ share: spaceShare, block: spaceBlock, readerName: user.name })
		.from(spaceShare)
		.innerJoin(spaceBlock, eq(spaceBlock.id, spaceShare.blockId))
		.leftJoin(user, eq(user.id, spaceShare.readerId))
		.where(eq(spaceShare.ownerId, owner.userId))
		.orderBy(desc(spaceShare.createdAt))
		.limit(SHARES_MAX);
	// The latest reads of each share only: a link read for years must not make this list grow.
	const latest = store.db
		.select({ shareId: spaceRead.shareId, readAt: spaceRead.readAt, n: sql<number>`row_number() over (partition by ${spaceRead.shareId} order by ${spaceRead.readAt} desc)`.as('n') })
		.from(spaceRead)
		.where(inArray(spaceRead.shareId, rows.map((r) => r.share.id)))
		.as('latest');
	const reads = rows.length
		? await store.db
				.select({ shareId: latest.shareId, readAt: latest.readAt })
				.from(latest)
				.where(sql`${latest.n} <= ${READS_SHOWN}`)
				.orderBy(desc(latest.readAt))
		: [];
	const views = rows.map(({ share, block, readerName }) => ({
		id: share.id,
		blockName: openBlock(key, block).name,
		readerName,
		byLink: share.readerId === null,
		expiresAt: share.expiresAt,
		createdAt: share.createdAt,
		open: !share.revokedAt && (!share.expiresAt || share.expiresAt > now),
		reads: reads.filter((r) => r.shareId === share.id).slice(0, READS_SHOWN).map((r) => r.readAt)
	}));
	return [...views.filter((v) => v.open), ...views.filter((v) => !v.open)];
}

export interface SharedBlock {
	ownerName: string;
	block: Block;
}

/** Open a shared block for its reader, and note the read for its owner. */
async function read(store: SpaceStore, grant: ShareGrant): Promise<SharedBlock> {
	const [owner] = await store.db.select({ name: user.name }).from(user).where(eq(user.id, grant.ownerId));
	// One read a day is what the owner needs to know; a reader who comes back the same day is not noted again.
	await store.db.execute(
		sql`insert into ${spaceRead} (share_id) select ${grant.shareId}::uuid where not exists (
			select 1 from ${spaceRead} where share_id = ${grant.shareId}::uuid
			and (read_at at time zone 'Europe/Amsterdam')::date = (now() at time zone 'Europe/Amsterdam')::date)`
	);
	return { ownerName: owner.name, block: openBlock(await dataKey(store, grant.ownerId), grant.block) };
}

/** A block shared with the viewer; NotFound when it is not, or no longer. */
export async function readSharedWithMe(store: SpaceStore, viewer: Viewer, shareId: string): Promise<SharedBlock> {
	return read(store, await sharedWithMe(store.db, viewer, shareId));
}

/** A block behind a secret link; NotFound when the link is unknown, expired or stopped. */
export async function readByLink(store: SpaceStore, token: string): Promise<SharedBlock> {
	return read(store, await sharedByLink(store.db, hashToken(token)));
}

/** The blocks others share with the viewer now (names only), for their own space page. */
export async function sharedWithViewer(store: SpaceStore, viewer: Viewer, now = new Date()): Promise<Array<{ shareId: string; ownerName: string; blockName: string }>> {
	const me = spaceOwner(viewer);
	const rows = await store.db
		.select({ share: spaceShare, block: spaceBlock, ownerName: user.name })
		.from(spaceShare)
		.innerJoin(spaceBlock, eq(spaceBlock.id, spaceShare.blockId))
		.innerJoin(user, eq(user.id, spaceShare.ownerId))
		.where(and(eq(spaceShare.readerId, me.userId), isNull(spaceShare.revokedAt)))
		.orderBy(desc(spaceShare.createdAt))
		.limit(SHARES_MAX);
	const result = [];
	for (const row of rows) {
		if (row.share.expiresAt && row.share.expiresAt <= now) continue;
		const key = await dataKey(store, row.share.ownerId);
		result.push({ shareId: row.share.id, ownerName: row.ownerName, blockName: openBlock(key, row.block).name });
	}
	return result;
}
