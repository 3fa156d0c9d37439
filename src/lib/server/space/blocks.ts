import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt, lt, desc, sql } from 'drizzle-orm';
import { ownBlock, spaceOwner, type BlockRow } from '../access/space.ts';
import type { Viewer } from '../accounts/viewer.ts';
import { NotFound } from '../access/core.ts';
import { crisisPlanChecked, forgetCheck } from './checks.ts';
import { openJson, sealJson } from './crypto.ts';
import { dataKey, existingDataKey, type SpaceStore } from './keys.ts';
import { spaceBlock } from './schema.ts';

/*
 * Blocks the person chooses: each a name and free text in their own words,
 * renamable, reorderable, removable, all optional. The crisis plan ("Als ik
 * het zelf niet meer kan zeggen") has practical parts besides its text.
 * Name, kind and text are sealed together: the database sees only an id, a
 * position and dates.
 */

/** The blocks offered to start with; the person may rename or remove each. */
export const STARTER_BLOCKS = ['helps', 'day', 'signs', 'harder', 'crisis', 'after', 'values', 'talents'] as const;
export type StarterBlock = (typeof STARTER_BLOCKS)[number];

/** The practical parts of a crisis plan, in the order they are printed. */
export const CRISIS_PARTS = ['call', 'do', 'dont', 'pets', 'children', 'post', 'money', 'other'] as const;
export type CrisisPart = (typeof CRISIS_PARTS)[number];
export type CrisisParts = Partial<Record<CrisisPart, string>>;

export const BLOCK_NAME_MAX = 80;
export const BLOCK_TEXT_MAX = 10_000;
export const CRISIS_PART_MAX = 2_000;
/** A space holds at most this many blocks: enough for anyone, a bound for the page. */
export const BLOCKS_MAX = 40;

/** What is sealed in a block. */
interface BlockContent {
	name: string;
	/** The starter it began as (for its hint); absent for a block of the person's own. */
	starter?: StarterBlock;
	text: string;
	/** Only for the crisis plan. */
	crisis?: CrisisParts;
	/** Lines of this block the person marked "hier wil ik over praten", as they read. */
	talk?: string[];
}

export interface Block extends BlockContent {
	id: string;
	position: number;
	isCrisisPlan: boolean;
	updatedAt: Date;
}

const context = (ownerId: string, blockId: string) => `space-block:${ownerId}:${blockId}`;

/** Open a block row with its owner's key. */
export function openBlock(key: Buffer, row: BlockRow): Block {
	const content = openJson<BlockContent>(key, row.sealed, context(row.ownerId, row.id));
	return { ...content, id: row.id, position: row.position, isCrisisPlan: content.starter === 'crisis', updatedAt: row.updatedAt };
}

/** The viewer's blocks, in their order. */
export async function listBlocks(store: SpaceStore, viewer: Viewer): Promise<Block[]> {
	const owner = spaceOwner(viewer);
	const key = await existingDataKey(store, owner.userId);
	if (!key) return [];
	const rows = await store.db.select().from(spaceBlock).where(eq(spaceBlock.ownerId, owner.userId)).orderBy(asc(spaceBlock.position)).limit(BLOCKS_MAX);
	return rows.map((row) => openBlock(key, row));
}

/** One of the viewer's blocks; NotFound for anyone else's. */
export async function getBlock(store: SpaceStore, viewer: Viewer, blockId: string): Promise<Block> {
	const row = await ownBlock(store.db, viewer, blockId);
	return openBlock(await dataKey(store, row.ownerId), row);
}

export type AddResult = { ok: true; id: string } | { ok: false; error: 'full' };

/** Add a block at the end: a starter (with its name in the person's language) or one of their own. */
export async function addBlock(store: SpaceStore, viewer: Viewer, input: { name: string; starter?: StarterBlock }): Promise<AddResult> {
	const owner = spaceOwner(viewer);
	const key = await dataKey(store, owner.userId);
	const id = randomUUID();
	const content: BlockContent = { name: input.name, text: '', ...(input.starter ? { starter: input.starter } : {}), ...(input.starter === 'crisis' ? { crisis: {} } : {}) };
	return store.db.transaction(async (tx) => {
		// One transaction per person at a time here, so the count and the position hold.
		await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`space:${owner.userId}`}))`);
		const [{ count, last }] = await tx
			.select({ count: sql<number>`count(*)::int`, last: sql<number>`coalesce(max(${spaceBlock.position}), 0)::int` })
			.from(spaceBlock)
			.where(eq(spaceBlock.ownerId, owner.userId));
		if (count >= BLOCKS_MAX) return { ok: false, error: 'full' } as const;
		await tx.insert(spaceBlock).values({ id, ownerId: owner.userId, position: last + 1, sealed: sealJson(key, content, context(owner.userId, id)) });
		if (input.starter === 'crisis') await crisisPlanChecked(tx, owner.userId);
		return { ok: true, id } as const;
	});
}

/** Write a block's name and text (and a crisis plan's parts). */
export async function updateBlock(store: SpaceStore, viewer: Viewer, blockId: string, input: { name: string; text: string; crisis?: CrisisParts }): Promise<void> {
	const row = await ownBlock(store.db, viewer, blockId);
	const key = await dataKey(store, row.ownerId);
	const before = openBlock(key, row);
	const content: BlockContent = {
		name: input.name,
		text: input.text,
		...(before.starter ? { starter: before.starter } : {}),
		...(before.isCrisisPlan ? { crisis: input.crisis ?? {} } : {})
	};
	// A marked line that is no longer in the block is no longer marked.
	const talk = before.talk?.filter((line) => blockLines(content).includes(line));
	if (talk?.length) content.talk = talk;
	await store.db
		.update(spaceBlock)
		.set({ sealed: sealJson(key, content, context(row.ownerId, row.id)), updatedAt: new Date() })
		.where(eq(spaceBlock.id, row.id));
	if (before.isCrisisPlan) await crisisPlanChecked(store.db, row.ownerId);
}

/** The block's lines, each a line of its text or of a crisis plan part, empty lines left out, each once. */
export function blockLines(block: Pick<BlockContent, 'text' | 'crisis'>): string[] {
	const texts = [block.text, ...CRISIS_PARTS.map((p) => block.crisis?.[p] ?? '')];
	return [...new Set(texts.flatMap((t) => t.split('\n')).map((l) => l.trim()).filter(Boolean))];
}

/** Mark the lines "hier wil ik over praten" (only lines that are in the block); the rest is unmarked. */
export async function setTalk(store: SpaceStore, viewer: Viewer, blockId: string, lines: string[]): Promise<void> {
	const row = await ownBlock(store.db, viewer, blockId);
	const key = await dataKey(store, row.ownerId);
	const content = openJson<BlockContent>(key, row.sealed, context(row.ownerId, row.id));
	const wanted = new Set(lines.map((l) => l.trim()));
	content.talk = blockLines(content).filter((line) => wanted.has(line));
	if (!content.talk.length) delete content.talk;
	await store.db
		.update(spaceBlock)
		.set({ sealed: sealJson(key, content, context(row.ownerId, row.id)) })
		.where(eq(spaceBlock.id, row.id));
}

/** Move a block one place up or down; at the top or bottom nothing changes. */
export async function moveBlock(store: SpaceStore, viewer: Viewer, blockId: string, direction: 'up' | 'down'): Promise<void> {
	const row = await ownBlock(store.db, viewer, blockId);
	await store.db.transaction(async (tx) => {
		const [neighbour] = await tx
			.select({ id: spaceBlock.id, position: spaceBlock.position })
			.from(spaceBlock)
			.where(and(eq(spaceBlock.ownerId, row.ownerId), direction === 'up' ? lt(spaceBlock.position, row.position) : gt(spaceBlock.position, row.position)))
			.orderBy(direction === 'up' ? desc(spaceBlock.position) : asc(spaceBlock.position))
			.limit(1);
		if (!neighbour) return;
		await tx.update(spaceBlock).set({ position: neighbour.position }).where(eq(spaceBlock.id, row.id));
		await tx.update(spaceBlock).set({ position: row.position }).where(eq(spaceBlock.id, neighbour.id));
	});
}

/** Remove a block (and every share of it). */
export async function removeBlock(store: SpaceStore, viewer: Viewer, blockId: string): Promise<void> {
	const row = await ownBlock(store.db, viewer, blockId);
	const removed = await store.db.delete(spaceBlock).where(eq(spaceBlock.id, row.id)).returning({ id: spaceBlock.id });
	if (!removed.length) throw new NotFound();
	if (openBlock(await dataKey(store, row.ownerId), row).isCrisisPlan) await forgetCheck(store.db, row.ownerId);
}
