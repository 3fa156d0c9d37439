import { and, eq, inArray, lt } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedIn, Viewer } from '../accounts/viewer.ts';
import type { Database } from '../db/index.ts';
import { initiative, membership } from '../initiatives/schema.ts';
import { contactBlock, conversation, conversationMember } from '../messages/schema.ts';
import { newKey } from '../space/crypto.ts';
import { spaceRead } from '../space/schema.ts';
import { Keyring } from '../space/keyring.ts';
import type { SpaceStore } from '../space/keys.ts';
import { addBlock, getBlock, listBlocks } from '../space/blocks.ts';
import { addEntry, listEntries } from '../space/journal.ts';
import { addReflection, getWeb, listReflections, removeReflection, setWeb, webMoments } from '../space/reflections.ts';
import { READS_SHOWN, listShares, readByLink, readSharedWithMe, revokeShare, shareByLink, shareWithMember, sharedWithViewer } from '../space/shares.ts';
import { databases } from '../../../../tests/helpers/databases.ts';
import { makePerson } from '../../../../tests/helpers/people.ts';
import { allowed } from '../../../../tests/helpers/allowed.ts';
import { ownBlock, ownEntry, ownReflection, ownShare, shareCandidates, sharedWithMe } from './space.ts';

/**
 * Mijn herstelruimte belongs to the person alone: nobody else sees it, or that
 * it exists, whatever their role, until the owner shares one block.
 */

type Persona = 'anonymous' | 'noInitiative' | 'otherInitiative' | 'otherCoordinator' | 'member' | 'coordinator' | 'admin';
const PERSONAS: Persona[] = ['anonymous', 'noInitiative', 'otherInitiative', 'otherCoordinator', 'member', 'coordinator', 'admin'];

for (const target of databases) {
	describe.skipIf(target.skip)(`access to mijn herstelruimte on ${target.name}`, () => {
		let database: Database & { drop(): Promise<void> };
		let store: SpaceStore;
		const people = {} as Record<Persona | 'owner' | 'blocked', Viewer>;
		let blockId: string;
		let otherBlockId: string;
		let entryId: string;
		let reflectionId: string;

		beforeAll(async () => {
			database = await target.open();
			const db = database.db;
			store = { db, keys: new Keyring(newKey()) };
			for (const name of ['owner', 'blocked', ...PERSONAS.slice(1)] as const) people[name] = await makePerson(db, name, { isAdmin: name === 'admin' });
			people.anonymous = null;
			const id = (p: keyof typeof people) => (people[p] as SignedIn).userId;
			const [kroon, anker] = await db
				.insert(initiative)
				.values([
					{ slug: 'de-kroon', name: 'De Kroon', town: 'Zwolle', status: 'published' },
					{ slug: 'het-anker', name: 'Het Anker', town: 'Kampen', status: 'published' }
				])
				.returning();
			await db.insert(membership).values([
				{ initiativeId: kroon.id, userId: id('owner'), showName: true },
				{ initiativeId: kroon.id, userId: id('member'), showName: true },
				{ initiativeId: kroon.id, userId: id('blocked'), showName: true },
				{ initiativeId: kroon.id, userId: id('coordinator'), role: 'coordinator', showName: true },
				{ initiativeId: anker.id, userId: id('otherInitiative'), showName: true },
				{ initiativeId: anker.id, userId: id('otherCoordinator'), role: 'coordinator', showName: true }
			]);
			await db.insert(contactBlock).values({ blockerId: id('blocked'), blockedId: id('owner') });
			const crisis = await addBlock(store, people.owner, { name: 'Mijn crisisplan', starter: 'crisis' });
			const other = await addBlock(store, people.owner, { name: 'Wat mij helpt', starter: 'helps' });
			if (!crisis.ok || !other.ok) throw new Error('not added');
			blockId = crisis.id;
			otherBlockId = other.id;
			entryId = await addEntry(store, people.owner, { day: '2026-12-01', text: 'Een goede dag' });
			await setWeb(store, people.owner, { set: 'own', dimensions: ['Slapen', 'Muziek', 'Wandelen'] });
			reflectionId = await addReflection(store, people.owner, { day: '2026-12-01', text: 'Het gaat beter', points: [{ name: 'Slapen', value: 6 }] });
		});
		afterAll(() => database?.drop());

		it('the owner sees their own blocks and journal', async () => {
			expect((await listBlocks(store, people.owner)).map((b) => b.name)).toEqual(['Mijn crisisplan', 'Wat mij helpt']);
			expect((await listEntries(store, people.owner)).entries).toHaveLength(1);
			expect(await allowed(() => ownBlock(store.db, people.owner, blockId))).toBe(true);
			expect(await allowed(() => ownEntry(store.db, people.owner, entryId))).toBe(true);
			expect(await allowed(() => ownReflection(store.db, people.owner, reflectionId))).toBe(true);
			expect((await getWeb(store, people.owner))?.dimensions).toEqual(['Slapen', 'Muziek', 'Wandelen']);
			expect((await webMoments(store, people.owner)).map((r) => r.text)).toEqual(['Het gaat beter']);
		});

		for (const persona of PERSONAS) {
			it(`${persona} does not see the space, a block, an entry or a reflection, nor that they exist`, async () => {
				const viewer = people[persona];
				expect(await allowed(() => ownBlock(store.db, viewer, blockId))).toBe(false);
				expect(await allowed(() => getBlock(store, viewer, blockId))).toBe(false);
				expect(await allowed(() => ownEntry(store.db, viewer, entryId))).toBe(false);
				expect(await allowed(() => ownReflection(store.db, viewer, reflectionId))).toBe(false);
				expect(await allowed(() => removeReflection(store, viewer, reflectionId))).toBe(false);
				if (viewer) {
					// Never compared or gathered: another person's reflections and web never reach them.
					expect((await listReflections(store, viewer)).reflections).toEqual([]);
					expect(await webMoments(store, viewer)).toEqual([]);
					expect(await getWeb(store, viewer)).toBeUndefined();
					// Their own space is empty: the owner's blocks and entries never show up in it.
					expect(await listBlocks(store, viewer)).toEqual([]);
					expect((await listEntries(store, viewer)).entries).toEqual([]);
					expect(await sharedWithViewer(store, viewer)).toEqual([]);
				}
			});
		}

		it('only people the owner meets in their initiative can be chosen to share with, not someone who chose "geen contact meer"', async () => {
			const names = (await shareCandidates(store.db, people.owner)).map((c) => c.name).sort();
			expect(names).toEqual(['coordinator', 'member']);
			await expect(shareWithMember(store, people.owner, { blockId, readerId: (people.otherInitiative as SignedIn).userId })).rejects.toThrow('not found');
			await expect(shareWithMember(store, people.owner, { blockId, readerId: (people.blocked as SignedIn).userId })).rejects.toThrow('not found');
		});

		it('someone the owner has a conversation with can be chosen too, whatever initiative; not when either chose "geen contact meer"', async () => {
			const id = (p: keyof typeof people) => (people[p] as SignedIn).userId;
			const [talk] = await store.db.insert(conversation).values({}).returning();
			const [other] = await store.db.insert(conversation).values({}).returning();
			await store.db.insert(conversationMember).values([
				{ conversationId: talk.id, userId: id('owner') },
				{ conversationId: talk.id, userId: id('otherInitiative') },
				{ conversationId: other.id, userId: id('owner') },
				{ conversationId: other.id, userId: id('blocked') }
			]);
			expect((await shareCandidates(store.db, people.owner)).map((c) => c.name).sort()).toEqual(['coordinator', 'member', 'otherInitiative']);
			// Their conversation with the owner gives the other person no way to share with anyone else.
			expect((await shareCandidates(store.db, people.otherCoordinator)).map((c) => c.name)).toEqual(['otherInitiative']);
			await store.db.delete(conversation).where(inArray(conversation.id, [talk.id, other.id]));
		});

		it('a member the owner shares one block with reads that block only, until the owner stops it; the owner sees when', async () => {
			const shareId = await shareWithMember(store, people.owner, { blockId, readerId: (people.member as SignedIn).userId });
			// Sharing twice makes no second share.
			expect(await shareWithMember(store, people.owner, { blockId, readerId: (people.member as SignedIn).userId })).toBe(shareId);
			const read = await readSharedWithMe(store, people.member, shareId);
			expect(read.block.name).toBe('Mijn crisisplan');
			expect(read.ownerName).toBe('owner');
			expect((await sharedWithViewer(store, people.member)).map((s) => s.blockName)).toEqual(['Mijn crisisplan']);
			// Not the other block, not the journal, not the share itself.
			expect(await allowed(() => ownBlock(store.db, people.member, otherBlockId))).toBe(false);
			expect(await allowed(() => ownShare(store.db, people.member, shareId))).toBe(false);
			for (const persona of PERSONAS.filter((p) => p !== 'member')) expect(await allowed(() => sharedWithMe(store.db, people[persona], shareId)), persona).toBe(false);

			// Read again today: still one read; reads of earlier days each count once, the latest READS_SHOWN shown.
			await readSharedWithMe(store, people.member, shareId);
			expect(await store.db.select().from(spaceRead).where(eq(spaceRead.shareId, shareId))).toHaveLength(1);
			const days = Array.from({ length: READS_SHOWN + 2 }, (_, i) => new Date(Date.now() - (i + 1) * 86_400_000));
			await store.db.insert(spaceRead).values(days.map((readAt) => ({ shareId, readAt })));
			const [many] = await listShares(store, people.owner);
			expect(many.reads).toHaveLength(READS_SHOWN);
			expect(many.reads[1]).toEqual(days[0]);
			await store.db.delete(spaceRead).where(and(eq(spaceRead.shareId, shareId), lt(spaceRead.readAt, new Date(Date.now() - 3_600_000))));

			const [view] = await listShares(store, people.owner);
			expect(view).toMatchObject({ blockName: 'Mijn crisisplan', readerName: 'member', open: true });
			expect(view.reads).toHaveLength(1);

			await revokeShare(store.db, people.owner, shareId);
			await revokeShare(store.db, people.owner, shareId);
			expect(await allowed(() => readSharedWithMe(store, people.member, shareId))).toBe(false);
			expect(await sharedWithViewer(store, people.member)).toEqual([]);
			expect((await listShares(store, people.owner))[0]).toMatchObject({ open: false, reads: [view.reads[0]] });
		});

		it('nobody but the owner can stop a share', async () => {
			const shareId = await shareWithMember(store, people.owner, { blockId: otherBlockId, readerId: (people.coordinator as SignedIn).userId });
			for (const persona of PERSONAS) expect(await allowed(() => revokeShare(store.db, people[persona], shareId)), persona).toBe(false);
			expect(await allowed(() => readSharedWithMe(store, people.coordinator, shareId))).toBe(true);
		});

		it('a link opens one block until it expires or is stopped; a guessed link opens nothing', async () => {
			const token = await shareByLink(store, people.owner, { blockId, days: 7 });
			expect((await readByLink(store, token)).block.name).toBe('Mijn crisisplan');
			expect(await allowed(() => readByLink(store, `${token}x`))).toBe(false);
			const old = await shareByLink(store, people.owner, { blockId, days: 7 }, new Date(Date.now() - 8 * 86_400_000));
			expect(await allowed(() => readByLink(store, old))).toBe(false);
			const link = (await listShares(store, people.owner)).find((s) => s.byLink && s.open)!;
			await revokeShare(store.db, people.owner, link.id);
			expect(await allowed(() => readByLink(store, token))).toBe(false);
		});

		it('no one else can share the owner’s block', async () => {
			for (const persona of PERSONAS) {
				expect(await allowed(() => shareByLink(store, people[persona], { blockId, days: 7 })), persona).toBe(false);
			}
		});
	});
}
