import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedIn } from '#lib/server/accounts/viewer.ts';
import type { Database } from '#lib/server/db/index.ts';
import { jsonText } from '#lib/server/http/stream.ts';
import { exportPersonalData, personalDataFile } from '#lib/server/personal-data/index.ts';
import { newKey } from '#lib/server/space/crypto.ts';
import { exportSpace } from '#lib/server/space/export.ts';
import { addEntry, EXPORT_BATCH } from '#lib/server/space/journal.ts';
import { Keyring } from '#lib/server/space/keyring.ts';
import type { SpaceStore } from '#lib/server/space/keys.ts';
import { spaceEntry } from '#lib/server/space/schema.ts';
import { databases } from '../helpers/databases.ts';
import { makePerson } from '../helpers/people.ts';

/** Large downloads are read in batches and streamed: the file must still hold everything, in order. */
for (const target of databases) {
	describe.skipIf(target.skip)(`streamed exports on ${target.name}`, () => {
		let database: Database & { drop(): Promise<void> };
		let store: SpaceStore;
		let anna: SignedIn;
		const entries = EXPORT_BATCH * 2 + 50;

		beforeAll(async () => {
			database = await target.open();
			store = { db: database.db, keys: new Keyring(newKey()) };
			anna = await makePerson(database.db, 'Anna');
			// Two entries on most days: the batches must split between entries of one day too.
			for (let i = 0; i < entries; i++) {
				const day = new Date(Date.UTC(2025, 0, 1 + Math.floor(i / 2))).toISOString().slice(0, 10);
				await addEntry(store, anna, { day, text: `Dag ${day}, stukje ${i}` });
			}
		}, 120_000);
		afterAll(() => database?.drop());

		it('writes a dagboek of more than two batches whole, newest first, in the download', async () => {
			const data = await exportSpace(store, anna);
			const file = JSON.parse((await Array.fromAsync(jsonText(data))).join(''));
			expect(await database.db.select({ id: spaceEntry.id }).from(spaceEntry).where(eq(spaceEntry.ownerId, anna.userId))).toHaveLength(entries);
			// Newest day first, as one query over all of them gives, and every entry exactly once (two entries written
			// in the same millisecond are ordered by their random id, so the order of writing does not decide within a day).
			const all = await database.db
				.select({ day: spaceEntry.day })
				.from(spaceEntry)
				.where(eq(spaceEntry.ownerId, anna.userId))
				.orderBy(desc(spaceEntry.day), desc(spaceEntry.createdAt), desc(spaceEntry.id));
			expect(file.journal.map((e: { day: string }) => e.day)).toEqual(all.map((r) => r.day));
			const stukjes = new Set(file.journal.map((e: { text: string }) => Number(/stukje (\d+)$/.exec(e.text)![1])));
			expect(stukjes.size).toBe(entries);
		});

		it('streams the personal-data export with the same bytes as the whole object', async () => {
			const now = new Date(Date.UTC(2026, 11, 5, 9, 30));
			const whole = JSON.stringify(await exportPersonalData(database.db, anna, undefined, now), null, 2);
			expect((await Array.fromAsync(personalDataFile(database.db, anna, undefined, now))).join('')).toBe(whole);
			expect(whole).toContain(`"journalEntries": ${entries}`);
		});
	});
}
