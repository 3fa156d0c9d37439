import { eq } from 'drizzle-orm';
import { spaceOwner } from '../access/space.ts';
import type { Viewer } from '../accounts/viewer.ts';
import { listBlocks } from './blocks.ts';
import { allEntries } from './journal.ts';
import { allReflections, getWeb } from './reflections.ts';
import type { SpaceStore } from './keys.ts';
import { spaceBlock, spaceCheck, spaceEntry, spaceKey, spaceReflection, spaceShare, spaceWeb } from './schema.ts';
import { listShares } from './shares.ts';

/* Take it with me, throw it away: the whole space of one person, in the clear for them alone. */

export interface SpaceExport {
	blocks: Array<{ name: string; text: string; crisisPlan?: Record<string, string>; updatedAt: Date }>;
	/** Read in batches while the file is written (see `jsonText`). */
	journal: AsyncIterable<{ day: string; text: string }>;
	/** Only ever in this, the person's own export. */
	reflections: Array<{ day: string; text: string; web: Array<{ name: string; value: number }> }>;
	webDimensions: string[];
	shares: Array<{ block: string; with: string | null; byLink: boolean; until: Date | null; open: boolean; reads: Date[] }>;
}

async function* journalOf(store: SpaceStore, ownerId: string) {
	for await (const e of allEntries(store, ownerId)) yield { day: e.day, text: e.text };
}

/** Everything in the viewer's space. */
export async function exportSpace(store: SpaceStore, viewer: Viewer): Promise<SpaceExport> {
	const owner = spaceOwner(viewer);
	const blocks = await listBlocks(store, owner);
	return {
		blocks: blocks.map((b) => ({ name: b.name, text: b.text, ...(b.isCrisisPlan ? { crisisPlan: { ...b.crisis } as Record<string, string> } : {}), updatedAt: b.updatedAt })),
		journal: journalOf(store, owner.userId),
		reflections: (await allReflections(store, owner.userId)).map((r) => ({ day: r.day, text: r.text, web: r.points })),
		webDimensions: (await getWeb(store, owner))?.dimensions ?? [],
		shares: (await listShares(store, owner)).map((s) => ({ block: s.blockName, with: s.readerName, byLink: s.byLink, until: s.expiresAt, open: s.open, reads: s.reads }))
	};
}

/**
 * Throw the whole space away at once: blocks (and with them every share and
 * its log), the journal, the reflections and the web, and the person's data key, so that no copy of a
 * sealed row, in a backup either, can be opened again through the database.
 */
export async function deleteSpace(store: SpaceStore, viewer: Viewer): Promise<void> {
	const owner = spaceOwner(viewer);
	await store.db.transaction(async (tx) => {
		await tx.delete(spaceShare).where(eq(spaceShare.ownerId, owner.userId));
		await tx.delete(spaceBlock).where(eq(spaceBlock.ownerId, owner.userId));
		await tx.delete(spaceEntry).where(eq(spaceEntry.ownerId, owner.userId));
		await tx.delete(spaceReflection).where(eq(spaceReflection.ownerId, owner.userId));
		await tx.delete(spaceWeb).where(eq(spaceWeb.userId, owner.userId));
		await tx.delete(spaceCheck).where(eq(spaceCheck.userId, owner.userId));
		await tx.delete(spaceKey).where(eq(spaceKey.userId, owner.userId));
	});
}
