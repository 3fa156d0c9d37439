import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { user } from '../accounts/schema.ts';
import type { SignedIn, Viewer } from '../accounts/viewer.ts';
import type { Database } from '../db/index.ts';
import { initiative, membership } from '../initiatives/schema.ts';
import { contactBlock, conversation, conversationMember, message, messageSetting } from '../messages/schema.ts';
import { databases } from '../../../../tests/helpers/databases.ts';
import { makePerson } from '../../../../tests/helpers/people.ts';
import { allowed } from '../../../../tests/helpers/allowed.ts';
import { leaveConversation, startGroup } from '../messages/service.ts';
import { acceptsFrom, canWrite, conversationFor, groupCandidates } from './messages.ts';

/** Who may read and write a conversation, in plain words, for every persona. */

for (const target of databases) {
	describe.skipIf(target.skip)(`access to conversations on ${target.name}`, () => {
		let database: Database & { drop(): Promise<void> };
		let anna: SignedIn, bram: SignedIn, coordinator: SignedIn, admin: SignedIn, member: SignedIn;
		let conversationId: string;

		const reads = (viewer: Viewer) => allowed(() => conversationFor(database.db, viewer, conversationId));
		const writes = async (viewer: SignedIn) => canWrite(await conversationFor(database.db, viewer, conversationId));

		beforeAll(async () => {
			database = await target.open();
			const db = database.db;
			[anna, bram, coordinator, admin, member] = await Promise.all(['Anna', 'Bram', 'Cas', 'Fenna', 'Dirk'].map((name, i) => makePerson(db, name, { isAdmin: i === 3 })));
			const [kroon] = await db.insert(initiative).values({ slug: 'de-kroon', name: 'De Kroon', town: 'Zwolle', status: 'published' }).returning();
			await db.insert(membership).values([
				{ initiativeId: kroon.id, userId: anna.userId },
				{ initiativeId: kroon.id, userId: bram.userId },
				{ initiativeId: kroon.id, userId: coordinator.userId, role: 'coordinator' },
				{ initiativeId: kroon.id, userId: admin.userId, role: 'coordinator' },
				{ initiativeId: kroon.id, userId: member.userId }
			]);
			[{ id: conversationId }] = await db.insert(conversation).values({}).returning({ id: conversation.id });
			await db.insert(conversationMember).values([
				{ conversationId, userId: anna.userId },
				{ conversationId, userId: bram.userId }
			]);
		});
		afterAll(() => database?.drop());

		it('its two members read it and may write in it', async () => {
			expect(await reads(anna)).toBe(true);
			expect(await reads(bram)).toBe(true);
			expect(await writes(anna)).toBe(true);
			expect((await conversationFor(database.db, anna, conversationId)).other?.name).toBe('Bram');
		});

		it('a coordinator of their initiative does not read it', async () => {
			expect(await reads(coordinator)).toBe(false);
		});

		it('the association admin does not read it', async () => {
			expect(await reads(admin)).toBe(false);
		});

		it('another member does not read it, and nobody signed out does', async () => {
			expect(await reads(member)).toBe(false);
			expect(await reads(null)).toBe(false);
		});

		it('after "geen contact meer" neither may write; the blocker is told it is their choice, the other only that it is closed', async () => {
			await database.db.insert(contactBlock).values({ blockerId: anna.userId, blockedId: bram.userId });
			expect(await writes(anna)).toBe(false);
			expect(await writes(bram)).toBe(false);
			expect((await conversationFor(database.db, anna, conversationId)).block).toBe('byMe');
			expect((await conversationFor(database.db, bram, conversationId)).block).toBe('byThem');
			await database.db.delete(contactBlock);
		});

		it('"wie mag mij berichten sturen": with "alleen mensen aan wie ik eerst schreef" only people Bram wrote to may start with him, and in a conversation he answered they keep writing', async () => {
			const db = database.db;
			const accepts = (recipient: SignedIn, sender: SignedIn, existing: boolean) => acceptsFrom(db, recipient.userId, sender.userId, existing);
			// The default: members.
			for (const sender of [anna, member, coordinator, admin]) expect(await accepts(bram, sender, false)).toBe(true);
			await db.insert(messageSetting).values({ userId: bram.userId, whoMayWrite: 'wrote_first' });
			// Bram has not written yet: nobody gets through, not a coordinator, not the admin.
			for (const sender of [anna, member, coordinator, admin]) expect(await accepts(bram, sender, false)).toBe(false);
			expect(await writes(anna)).toBe(false);
			expect((await conversationFor(db, anna, conversationId)).accepts).toBe(false);
			// Bram writes to Anna: now Anna may write to him, here and in a new conversation; nobody else may.
			await db.insert(message).values({ conversationId, senderId: bram.userId, body: 'Hoi Anna' });
			expect(await writes(anna)).toBe(true);
			expect(await accepts(bram, anna, false)).toBe(true);
			for (const sender of [member, coordinator, admin]) expect(await accepts(bram, sender, false)).toBe(false);
			// Bram's own choice never stops Bram writing.
			expect(await writes(bram)).toBe(true);
		});

		it('"wie mag mij berichten sturen": "niemand" stops every new conversation; people Bram wrote to keep writing in their conversation', async () => {
			const db = database.db;
			await db.update(messageSetting).set({ whoMayWrite: 'nobody' }).where(eq(messageSetting.userId, bram.userId));
			for (const sender of [anna, member, coordinator, admin]) expect(await acceptsFrom(db, bram.userId, sender.userId, false)).toBe(false);
			expect(await writes(anna)).toBe(true);
			await db.delete(message);
			expect(await writes(anna)).toBe(false);
			await db.delete(messageSetting);
			expect(await writes(anna)).toBe(true);
		});

		it('once the other deleted their account, the one left may read but not write', async () => {
			await database.db.delete(user).where(eq(user.id, anna.userId));
			expect(await reads(bram)).toBe(true);
			expect(await writes(bram)).toBe(false);
			expect((await conversationFor(database.db, bram, conversationId)).other).toBeNull();
		});
	});
}

/** A small group: who may be in it, who reads it, who writes in it — for every persona. */
for (const target of databases) {
	describe.skipIf(target.skip)(`access to group conversations on ${target.name}`, () => {
		let database: Database & { drop(): Promise<void> };
		// Anna starts a group with Bram and Cor in De Kroon. Dirk is another member; Cas coordinates De Kroon; Olga coordinates Het Anker,
		// where Eva is a member; Fenna is the admin. Gijs hides his name; Hanna wants no messages; Ivo chose "geen contact meer" with Anna.
		let anna: SignedIn, bram: SignedIn, cor: SignedIn, dirk: SignedIn, cas: SignedIn, olga: SignedIn, eva: SignedIn, fenna: SignedIn, gijs: SignedIn, hanna: SignedIn, ivo: SignedIn;
		let kroon: string, groupId: string;
		const db = () => database.db;
		const reads = (viewer: Viewer) => allowed(() => conversationFor(db(), viewer, groupId));
		const writes = async (viewer: SignedIn) => canWrite(await conversationFor(db(), viewer, groupId));
		const chosen = async (viewer: SignedIn) => (await groupCandidates(db(), viewer, kroon)).map((c) => c.name);

		beforeAll(async () => {
			database = await target.open();
			[anna, bram, cor, dirk, cas, olga, eva, fenna, gijs, hanna, ivo] = await Promise.all(
				['Anna', 'Bram', 'Cor', 'Dirk', 'Cas', 'Olga', 'Eva', 'Fenna', 'Gijs', 'Hanna', 'Ivo'].map((name) => makePerson(db(), name, { isAdmin: name === 'Fenna' }))
			);
			const [k, anker] = await db()
				.insert(initiative)
				.values([
					{ slug: 'de-kroon', name: 'De Kroon', town: 'Zwolle', status: 'published' },
					{ slug: 'het-anker', name: 'Het Anker', town: 'Kampen', status: 'published' }
				])
				.returning();
			kroon = k.id;
			await db()
				.insert(membership)
				.values([
					...[anna, bram, cor, dirk, hanna, ivo].map((p) => ({ initiativeId: kroon, userId: p.userId, showName: true })),
					{ initiativeId: kroon, userId: gijs.userId },
					{ initiativeId: kroon, userId: cas.userId, role: 'coordinator' as const, showName: true },
					{ initiativeId: anker.id, userId: olga.userId, role: 'coordinator' as const, showName: true },
					{ initiativeId: anker.id, userId: eva.userId, showName: true }
				]);
			await db().insert(messageSetting).values({ userId: hanna.userId, whoMayWrite: 'nobody' });
			await db().insert(contactBlock).values({ blockerId: ivo.userId, blockedId: anna.userId });
			const started = await startGroup(db(), anna, kroon, [bram.userId, cor.userId], 'Zullen we samen naar de markt?');
			if (!started.ok) throw new Error(started.error);
			groupId = started.conversationId;
		});
		afterAll(() => database?.drop());

		it('a member may choose fellow members who show their name, would take a message from her, and chose no "geen contact meer" either way', async () => {
			expect(await chosen(anna)).toEqual(['Bram', 'Cas', 'Cor', 'Dirk']);
			expect(await groupCandidates(db(), eva, kroon)).toEqual([]);
			expect(await startGroup(db(), anna, kroon, [bram.userId, hanna.userId], 'Hoi')).toEqual({ ok: false, error: 'not_receiving' });
			expect(await startGroup(db(), anna, kroon, [bram.userId, ivo.userId], 'Hoi')).toEqual({ ok: false, error: 'not_receiving' });
			expect(await startGroup(db(), anna, kroon, [bram.userId, gijs.userId], 'Hoi')).toEqual({ ok: false, error: 'not_receiving' });
			expect(await startGroup(db(), anna, kroon, [bram.userId, eva.userId], 'Hoi')).toEqual({ ok: false, error: 'not_receiving' });
			expect(await startGroup(db(), anna, kroon, [bram.userId], 'Hoi')).toEqual({ ok: false, error: 'size' });
			expect(await allowed(() => startGroup(db(), eva, kroon, [bram.userId, cor.userId], 'Hoi'))).toBe(false);
			expect(await allowed(() => startGroup(db(), null, kroon, [bram.userId, cor.userId], 'Hoi'))).toBe(false);
		});

		it('nobody is put in a group with someone who chose "geen contact meer" with them, without saying who', async () => {
			await db().insert(contactBlock).values({ blockerId: cor.userId, blockedId: dirk.userId });
			expect(await startGroup(db(), anna, kroon, [cor.userId, dirk.userId], 'Hoi')).toEqual({ ok: false, error: 'together' });
			await db().delete(contactBlock).where(eq(contactBlock.blockerId, cor.userId));
		});

		it('its members read it and write in it, and see each other by name only', async () => {
			for (const p of [anna, bram, cor]) {
				expect(await reads(p)).toBe(true);
				expect(await writes(p)).toBe(true);
			}
			const seen = await conversationFor(db(), bram, groupId);
			expect(seen.others.map((o) => o.name)).toEqual(['Anna', 'Cor']);
			expect(JSON.stringify(seen.others)).not.toContain('@');
		});

		it('nobody else reads it: not another member, not the coordinator of De Kroon, not a coordinator or member elsewhere, not the admin, nobody signed out', async () => {
			for (const p of [dirk, cas, olga, eva, fenna, gijs, null]) expect(await reads(p)).toBe(false);
		});

		it('"geen contact meer" between two members closes writing for both of them, not for the others', async () => {
			await db().insert(contactBlock).values({ blockerId: bram.userId, blockedId: cor.userId });
			expect(await writes(bram)).toBe(false);
			expect(await writes(cor)).toBe(false);
			expect(await writes(anna)).toBe(true);
			await db().delete(contactBlock).where(eq(contactBlock.blockerId, bram.userId));
		});

		it('who leaves no longer reads it; the last one out takes it with them', async () => {
			await leaveConversation(db(), cor, groupId);
			expect(await reads(cor)).toBe(false);
			expect(await reads(anna)).toBe(true);
			await leaveConversation(db(), bram, groupId);
			expect(await writes(anna)).toBe(false);
			await leaveConversation(db(), anna, groupId);
			expect(await db().select().from(conversation).where(eq(conversation.id, groupId))).toEqual([]);
		});
	});
}
