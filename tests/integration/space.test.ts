import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedIn } from '#lib/server/accounts/viewer.ts';
import type { Database } from '#lib/server/db/index.ts';
import { addBlock, getBlock, listBlocks, moveBlock, removeBlock, setTalk, updateBlock } from '#lib/server/space/blocks.ts';
import { newKey } from '#lib/server/space/crypto.ts';
import { deleteSpace, exportSpace } from '#lib/server/space/export.ts';
import { addEntry, listEntries, removeEntry } from '#lib/server/space/journal.ts';
import { addReflection, listReflections, removeReflection, setWeb, webMoments } from '#lib/server/space/reflections.ts';
import { reflectionForm, webForm } from '#lib/server/space/forms.ts';
import { Keyring } from '#lib/server/space/keyring.ts';
import type { SpaceStore } from '#lib/server/space/keys.ts';
import { spaceEntry, spaceKey } from '#lib/server/space/schema.ts';
import { generateDemo } from '#lib/server/demo/generate.ts';
import { spacePersonalData } from '#lib/server/space/personal-data.ts';
import { CHECK_AFTER_MS, confirmCrisisPlan, lastChecked, scanChecks, sendCheckNotice } from '#lib/server/space/checks.ts';
import { setNoticeMode } from '#lib/server/notify/preferences.ts';
import { recordingMailer } from '../helpers/accounts.ts';
import { databases } from '../helpers/databases.ts';
import { makePerson } from '../helpers/people.ts';

for (const target of databases) {
	describe.skipIf(target.skip)(`mijn herstelruimte on ${target.name}`, () => {
		let database: Database & { drop(): Promise<void> };
		let store: SpaceStore;
		let anna: SignedIn;
		let bert: SignedIn;

		beforeAll(async () => {
			database = await target.open();
			store = { db: database.db, keys: new Keyring(newKey()) };
			anna = await makePerson(database.db, 'Anna');
			bert = await makePerson(database.db, 'Bert');
		});
		afterAll(() => database?.drop());

		it('keeps blocks in the order the person chooses, moving one place at a time', async () => {
			const ids: string[] = [];
			for (const name of ['Een', 'Twee', 'Drie']) {
				const added = await addBlock(store, anna, { name });
				if (added.ok) ids.push(added.id);
			}
			await moveBlock(store, anna, ids[2], 'up');
			expect((await listBlocks(store, anna)).map((b) => b.name)).toEqual(['Een', 'Drie', 'Twee']);
			await moveBlock(store, anna, ids[0], 'up'); // already at the top: nothing changes
			await moveBlock(store, anna, ids[0], 'down');
			expect((await listBlocks(store, anna)).map((b) => b.name)).toEqual(['Drie', 'Een', 'Twee']);
			await updateBlock(store, anna, ids[1], { name: 'Nieuwe naam', text: 'Eigen woorden' });
			await removeBlock(store, anna, ids[2]);
			await expect(removeBlock(store, anna, ids[2])).rejects.toThrow('not found');
			expect((await listBlocks(store, anna)).map((b) => [b.name, b.text])).toEqual([
				['Een', ''],
				['Nieuwe naam', 'Eigen woorden']
			]);
		});

		it('marks lines "hier wil ik over praten": only lines in the block, dropped when the line goes', async () => {
			const added = await addBlock(store, bert, { name: 'Crisis', starter: 'crisis' });
			if (!added.ok) throw new Error('not added');
			await updateBlock(store, bert, added.id, { name: 'Crisis', text: 'Ik word stil.\nIk slaap slecht.', crisis: { call: 'Mijn zus' } });
			await setTalk(store, bert, added.id, ['Ik slaap slecht.', 'Mijn zus', 'Iets wat er niet staat']);
			expect((await getBlock(store, bert, added.id)).talk).toEqual(['Ik slaap slecht.', 'Mijn zus']);
			await updateBlock(store, bert, added.id, { name: 'Crisis', text: 'Ik word stil.', crisis: { call: 'Mijn zus' } });
			expect((await getBlock(store, bert, added.id)).talk).toEqual(['Mijn zus']);
			await expect(setTalk(store, anna, added.id, ['Mijn zus'])).rejects.toThrow('not found');
			await setTalk(store, bert, added.id, []);
			expect((await getBlock(store, bert, added.id)).talk).toBeUndefined();
			await removeBlock(store, bert, added.id);
		});

		it('asks "Klopt dit nog?" a year after the crisis plan was last changed or confirmed, once, without any content; "Klopt nog" starts the year again', async () => {
			const carla = await makePerson(database.db, 'Carla');
			const added = await addBlock(store, carla, { name: 'Crisis', starter: 'crisis' });
			if (!added.ok) throw new Error('not added');
			await updateBlock(store, carla, added.id, { name: 'Crisis', text: 'Geheime-plantekst', crisis: { call: 'Mijn zus' } });
			const changed = (await lastChecked(database.db, carla))!;
			const later = new Date(changed.getTime() + CHECK_AFTER_MS + 86_400_000);
			expect(await scanChecks(database.db, new Date(changed.getTime() + CHECK_AFTER_MS - 86_400_000))).toBe(0);
			expect(await scanChecks(database.db, later)).toBeGreaterThanOrEqual(1);
			expect(await scanChecks(database.db, later)).toBe(0);
			const mailer = recordingMailer();
			const ctx = { db: database.db, mailer, origin: 'https://herstelplein.test', secret: 'geheim' };
			expect(await sendCheckNotice(ctx, { userId: carla.userId }, later)).toBe('sent');
			expect(mailer.sent[0].subject).toBe('Klopt je crisisplan nog?');
			expect(mailer.sent[0].text).toContain('https://herstelplein.test/mijn-herstelruimte');
			expect(mailer.sent[0].text).not.toMatch(/Geheime-plantekst|Mijn zus|Crisis\b/);
			await confirmCrisisPlan(database.db, carla, later);
			expect(await sendCheckNotice(ctx, { userId: carla.userId }, later)).toBe('skipped');
			const nextYear = new Date(later.getTime() + CHECK_AFTER_MS + 86_400_000);
			await setNoticeMode(database.db, carla.userId, 'space-check', 'off');
			expect(await scanChecks(database.db, nextYear)).toBe(0);
			await removeBlock(store, carla, added.id);
			expect(await lastChecked(database.db, carla)).toBeUndefined();
		});

		it('shows the journal newest first, ten at a time', async () => {
			for (let day = 1; day <= 23; day++) await addEntry(store, anna, { day: `2026-11-${String(day).padStart(2, '0')}`, text: `Dag ${day}` });
			const first = await listEntries(store, anna, 1);
			expect(first.entries.map((e) => e.text).slice(0, 2)).toEqual(['Dag 23', 'Dag 22']);
			expect(first.more).toBe(true);
			const last = await listEntries(store, anna, 3);
			expect(last.entries.map((e) => e.text)).toEqual(['Dag 3', 'Dag 2', 'Dag 1']);
			expect(last.more).toBe(false);
			await removeEntry(store, anna, last.entries[2].id);
			expect((await listEntries(store, anna, 3)).entries).toHaveLength(2);
		});

		it('keeps reflections in the person’s own words, with points on a web they chose; moments keep their own dimension names', async () => {
			await setWeb(store, anna, { set: 'chime', dimensions: ['Verbinding', 'Hoop', 'Identiteit', 'Betekenis', 'Eigen regie'] });
			await addReflection(store, anna, { day: '2026-10-01', text: 'Eerste keer', points: [{ name: 'Hoop', value: 3 }] });
			await addReflection(store, anna, { day: '2026-11-01', text: 'Alleen woorden', points: [] });
			await setWeb(store, anna, { set: 'own', dimensions: ['Slapen', 'Muziek', 'Wandelen'] });
			const later = await addReflection(store, anna, { day: '2026-11-15', text: '', points: [{ name: 'Slapen', value: 8 }] });
			expect((await listReflections(store, anna)).reflections.map((r) => r.day)).toEqual(['2026-11-15', '2026-11-01', '2026-10-01']);
			// Only moments with points are drawn; the older one keeps its CHIME words.
			expect((await webMoments(store, anna)).map((r) => r.points)).toEqual([[{ name: 'Slapen', value: 8 }], [{ name: 'Hoop', value: 3 }]]);
			await removeReflection(store, anna, later);
			await expect(removeReflection(store, anna, later)).rejects.toThrow('not found');
			await addReflection(store, anna, { day: '2026-11-15', text: '', points: [{ name: 'Slapen', value: 8 }] });
		});

		it('checks the reflection and web forms: words or a point, numbers 0 to 10, 3 to 10 own dimensions', () => {
			const form = reflectionForm('2026-12-01', ['Slapen', 'Muziek']);
			expect(form.safeParse({ day: '2026-12-01', reflectionText: '', point0: '', point1: '' }).success).toBe(false);
			expect(form.safeParse({ day: '2026-12-01', reflectionText: '', point0: '11' }).success).toBe(false);
			expect(form.safeParse({ day: '2026-12-02', reflectionText: 'Morgen' }).success).toBe(false);
			expect(form.parse({ day: '2026-12-01', reflectionText: '', point0: '', point1: '4' })).toEqual({ day: '2026-12-01', text: '', points: [{ name: 'Muziek', value: 4 }] });
			expect(webForm.safeParse({ set: 'own', ownDimensions: 'Slapen\nMuziek' }).success).toBe(false);
			expect(webForm.parse({ set: 'own', ownDimensions: 'Slapen\n Muziek \n\nWandelen\nSlapen' })).toEqual({ set: 'own', own: ['Slapen', 'Muziek', 'Wandelen'] });
			expect(webForm.safeParse({ set: 'own', ownDimensions: Array.from({ length: 11 }, (_, i) => `D${i}`).join('\n') }).success).toBe(false);
			expect(webForm.safeParse({ set: 'kwartet' }).success).toBe(false);
		});

		it('exports the whole space in the clear for its owner; the account export only says how much there is and where', async () => {
			const exported = await exportSpace(store, anna);
			expect(exported.blocks.map((b) => b.name)).toEqual(['Een', 'Nieuwe naam']);
			expect(await Array.fromAsync(exported.journal)).toHaveLength(22);
			expect(exported.reflections.map((r) => r.text)).toEqual(['', 'Alleen woorden', 'Eerste keer']);
			expect(exported.webDimensions).toEqual(['Slapen', 'Muziek', 'Wandelen']);
			const part = await spacePersonalData.collect(database.db, anna);
			expect(part).toEqual({ blocks: 2, journalEntries: 22, reflections: 3, shares: 0, exportItAt: '/mijn-herstelruimte/meenemen' });
			expect(JSON.stringify(part)).not.toContain('Eigen woorden');
		});

		it('throws everything away at once, the data key too, and leaves another person’s space alone', async () => {
			await addBlock(store, bert, { name: 'Van Bert' });
			await deleteSpace(store, anna);
			await deleteSpace(store, anna);
			const emptied = await exportSpace(store, anna);
			expect({ ...emptied, journal: await Array.fromAsync(emptied.journal) }).toEqual({ blocks: [], journal: [], reflections: [], webDimensions: [], shares: [] });
			expect(await database.db.select().from(spaceKey).where(eq(spaceKey.userId, anna.userId))).toEqual([]);
			expect((await listBlocks(store, bert)).map((b) => b.name)).toEqual(['Van Bert']);
		});

		it('gives the demo participant a filled space with one block shared with another demo member', async () => {
			expect(await generateDemo(database.db, { membersPerInitiative: 3, spaceKeys: store.keys })).toBe(true);
			const [owner] = await database.db.selectDistinct({ id: spaceEntry.ownerId }).from(spaceEntry);
			const demo: SignedIn = { userId: owner.id, name: '', email: '', locale: 'nl', isAdmin: false };
			expect((await listBlocks(store, demo)).find((b) => b.isCrisisPlan)?.crisis?.pets).toContain('Saar');
			const exported = await exportSpace(store, demo);
			expect(await Array.fromAsync(exported.journal)).toHaveLength(20);
			expect(exported.reflections).toHaveLength(5);
			expect(exported.webDimensions).toEqual(['Verbinding', 'Hoop', 'Identiteit', 'Betekenis', 'Eigen regie']);
			expect(exported.shares).toMatchObject([{ block: 'Als ik het zelf niet meer kan zeggen', open: true }]);
		}, 120_000);
	});
}
