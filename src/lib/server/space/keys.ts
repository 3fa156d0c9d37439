import { eq } from 'drizzle-orm';
import { config } from '../config.ts';
import type { Db } from '../db/index.ts';
import { newKey } from './crypto.ts';
import { Keyring, loadKeyring } from './keyring.ts';
import { spaceKey } from './schema.ts';

/*
 * Per-person data keys. A person's first block or entry makes their key;
 * the database holds it only wrapped by the server key (keyring.ts).
 */

/** What every space function works with: the database and the server keys. */
export interface SpaceStore {
	db: Db;
	keys: Keyring;
}

let serverKeys: Keyring | undefined;

/** This process's server keys, loaded once from SPACE_KEY or the key file. */
export function serverKeyring(): Keyring {
	serverKeys ??= loadKeyring({ spaceKey: config().SPACE_KEY, dataDir: config().dataDir });
	return serverKeys;
}

/** The store for a request: this database with the server keys. */
export function spaceStore(db: Db): SpaceStore {
	return { db, keys: serverKeyring() };
}

/** The person's data key, or undefined when they never wrote anything. */
export async function existingDataKey(store: SpaceStore, userId: string): Promise<Buffer | undefined> {
	const [row] = await store.db.select({ keyId: spaceKey.keyId, wrapped: spaceKey.wrapped }).from(spaceKey).where(eq(spaceKey.userId, userId));
	return row ? store.keys.unwrap(row, userId) : undefined;
}

/** The person's data key, made on first use. Two first writes at once agree on one key. */
export async function dataKey(store: SpaceStore, userId: string): Promise<Buffer> {
	const existing = await existingDataKey(store, userId);
	if (existing) return existing;
	await store.db
		.insert(spaceKey)
		.values({ userId, ...store.keys.wrap(newKey(), userId) })
		.onConflictDoNothing();
	return (await existingDataKey(store, userId))!;
}

/**
 * Wrap every data key again with `to`'s current key, in one transaction:
 * either every row moves or none. Returns how many keys were re-wrapped.
 */
export async function rewrapAll(db: Db, from: Keyring, to: Keyring): Promise<number> {
	return db.transaction(async (tx) => {
		const rows = await tx.select().from(spaceKey).for('update');
		for (const row of rows) {
			const plain = from.unwrap(row, row.userId);
			await tx.update(spaceKey).set(to.wrap(plain, row.userId)).where(eq(spaceKey.userId, row.userId));
		}
		return rows.length;
	});
}

/** How many data keys these server keys open, and how many they do not (after a restore: is this the right key?). */
export async function checkAll(db: Db, keys: Keyring): Promise<{ opened: number; failed: number }> {
	const rows = await db.select().from(spaceKey);
	let failed = 0;
	for (const row of rows) {
		try {
			keys.unwrap(row, row.userId);
		} catch {
			failed++;
		}
	}
	return { opened: rows.length - failed, failed };
}
