import { randomUUID } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import { ownEntry, spaceOwner } from '../access/space.ts';
import type { Viewer } from '../accounts/viewer.ts';
import { openJson, sealJson } from './crypto.ts';
import { dataKey, existingDataKey, type SpaceStore } from './keys.ts';
import { spaceEntry } from './schema.ts';

/* The dagboek: dated entries, newest first, a page at a time. Only the day is plain. */

export const ENTRY_TEXT_MAX = 10_000;
export const ENTRIES_PER_PAGE = 10;

export interface Entry {
	id: string;
	day: string;
	text: string;
	createdAt: Date;
}

const context = (ownerId: string, entryId: string) => `space-entry:${ownerId}:${entryId}`;

/** Write an entry for a day. */
export async function addEntry(store: SpaceStore, viewer: Viewer, input: { day: string; text: string }): Promise<string> {
	const owner = spaceOwner(viewer);
	const key = await dataKey(store, owner.userId);
	const id = randomUUID();
	await store.db.insert(spaceEntry).values({ id, ownerId: owner.userId, day: input.day, sealed: sealJson(key, { text: input.text }, context(owner.userId, id)) });
	return id;
}

/** A page of the viewer's entries, newest first; `more` when an older page exists. */
export async function listEntries(store: SpaceStore, viewer: Viewer, page = 1): Promise<{ entries: Entry[]; more: boolean }> {
	const owner = spaceOwner(viewer);
	const key = await existingDataKey(store, owner.userId);
	if (!key) return { entries: [], more: false };
	const rows = await store.db
		.select()
		.from(spaceEntry)
		.where(eq(spaceEntry.ownerId, owner.userId))
		.orderBy(desc(spaceEntry.day), desc(spaceEntry.createdAt), desc(spaceEntry.id))
		.limit(ENTRIES_PER_PAGE + 1)
		.offset((page - 1) * ENTRIES_PER_PAGE);
	const entries = rows.slice(0, ENTRIES_PER_PAGE).map((row) => ({
		id: row.id,
		day: row.day,
		createdAt: row.createdAt,
		text: openJson<{ text: string }>(key, row.sealed, context(row.ownerId, row.id)).text
	}));
	return { entries, more: rows.length > ENTRIES_PER_PAGE };
}

/** Remove one entry; removing it twice is harmless. */
export async function removeEntry(store: SpaceStore, viewer: Viewer, entryId: string): Promise<void> {
	const row = await ownEntry(store.db, viewer, entryId);
	await store.db.delete(spaceEntry).where(and(eq(spaceEntry.id, row.id), eq(spaceEntry.ownerId, row.ownerId)));
}

/** Entries are read for the export this many at a time: years of a daily dagboek never sit in memory whole. */
export const EXPORT_BATCH = 200;

/** Every entry of a person, newest first, for their export: read in batches (keyset on day, time and id). */
export async function* allEntries(store: SpaceStore, ownerId: string): AsyncGenerator<Entry> {
	const key = await existingDataKey(store, ownerId);
	if (!key) return;
	let after: string | undefined;
	for (;;) {
		// The keyset comes from the last row itself, so the database's own (microsecond) times are compared.
		const keyset = after ? sql`(${spaceEntry.day}, ${spaceEntry.createdAt}, ${spaceEntry.id}) < (select e.day, e.created_at, e.id from space_entry e where e.id = ${after})` : undefined;
		const rows = await store.db
			.select()
			.from(spaceEntry)
			.where(and(eq(spaceEntry.ownerId, ownerId), keyset))
			.orderBy(desc(spaceEntry.day), desc(spaceEntry.createdAt), desc(spaceEntry.id))
			.limit(EXPORT_BATCH);
		for (const row of rows) yield { id: row.id, day: row.day, createdAt: row.createdAt, text: openJson<{ text: string }>(key, row.sealed, context(row.ownerId, row.id)).text };
		if (rows.length < EXPORT_BATCH) return;
		after = rows[rows.length - 1].id;
	}
}
