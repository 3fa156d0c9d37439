import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedIn, Viewer } from '../accounts/viewer.ts';
import type { Database } from '../db/index.ts';
import { quarter } from '../impact/period.ts';
import { impactNote } from '../impact/schema.ts';
import { addNote, addQuote, deleteNote, figuresPage, initiativeFigures, myNotes, networkFigures, publicFigures, setImpactPublic } from '../impact/service.ts';
import { initiative, membership } from '../initiatives/schema.ts';
import { story } from '../stories/schema.ts';
import { databases } from '../../../../tests/helpers/databases.ts';
import { makePerson } from '../../../../tests/helpers/people.ts';
import { allowed } from '../../../../tests/helpers/allowed.ts';

/** Who sees which figures and voices, in plain words, for every persona. */

const Q3 = quarter(2026, 3);
const NOW = new Date('2026-12-05T12:00:00Z');

for (const target of databases) {
	describe.skipIf(target.skip)(`access to figures on ${target.name}`, () => {
		let database: Database & { drop(): Promise<void> };
		// Cas coordinates De Kroon, Dewi is a member there; Olga coordinates Het Anker, Eva is a member there; Fenna is the admin.
		let cas: SignedIn, dewi: SignedIn, olga: SignedIn, eva: SignedIn, fenna: SignedIn;
		let consented: string, notConsented: string;
		const db = () => database.db;
		const personas = () => ({ anonymous: null as Viewer, memberOfOther: eva, member: dewi, coordinator: cas, coordinatorOfOther: olga, admin: fenna });
		const readsFigures = (viewer: Viewer) => allowed(() => initiativeFigures(db(), viewer, 'de-kroon', Q3, NOW));

		beforeAll(async () => {
			database = await target.open();
			[cas, dewi, olga, eva, fenna] = await Promise.all(['Cas', 'Dewi', 'Olga', 'Eva', 'Fenna'].map((name, i) => makePerson(db(), name, { isAdmin: i === 4 })));
			const [kroon, anker] = await db()
				.insert(initiative)
				.values([
					{ slug: 'de-kroon', name: 'De Kroon', town: 'Zwolle', status: 'published' },
					{ slug: 'het-anker', name: 'Het Anker', town: 'Kampen', status: 'published' }
				])
				.returning();
			await db()
				.insert(membership)
				.values([
					{ initiativeId: kroon.id, userId: cas.userId, role: 'coordinator' as const },
					{ initiativeId: kroon.id, userId: dewi.userId },
					{ initiativeId: anker.id, userId: olga.userId, role: 'coordinator' as const },
					{ initiativeId: anker.id, userId: eva.userId }
				]);
			const stories = await db()
				.insert(story)
				.values(
					[true, false].map((consent) => ({
						writerId: dewi.userId,
						initiativeId: kroon.id,
						title: consent ? 'Mijn eerste stap' : 'Alleen voor ons',
						body: 'Ik durfde eerst niet naar binnen. Nu zet ik de koffie.',
						status: 'published' as const,
						consentImpact: consent,
						linkToken: randomBytes(32).toString('base64url'),
						publishedAt: new Date('2026-08-01T10:00:00Z')
					}))
				)
				.returning();
			[consented, notConsented] = stories.map((s) => s.id);
		});

		afterAll(async () => {
			await database?.drop();
		});

		it("an initiative's figures, report log and quotable stories: its coordinators only", async () => {
			const who = personas();
			expect(await readsFigures(who.coordinator)).toBe(true);
			expect(await allowed(() => figuresPage(db(), who.coordinator, 'de-kroon', Q3, NOW))).toBe(true);
			for (const viewer of [who.anonymous, who.member, who.memberOfOther, who.coordinatorOfOther, who.admin]) {
				expect(await readsFigures(viewer)).toBe(false);
				expect(await allowed(() => figuresPage(db(), viewer, 'de-kroon', Q3, NOW))).toBe(false);
				expect(await allowed(() => setImpactPublic(db(), viewer, 'de-kroon', true))).toBe(false);
			}
		});

		it("the network's figures: the association admin only", async () => {
			const who = personas();
			expect(await allowed(() => networkFigures(db(), who.admin, Q3, NOW))).toBe(true);
			for (const viewer of [who.anonymous, who.member, who.memberOfOther, who.coordinator, who.coordinatorOfOther]) {
				expect(await allowed(() => networkFigures(db(), viewer, Q3, NOW))).toBe(false);
			}
		});

		it('the public figures are for anyone and hold no counts of people', async () => {
			const open = await publicFigures(db(), Q3, NOW);
			expect(Object.keys(open).sort()).toEqual(['byTown', 'held', 'heldTotal', 'initiatives', 'period', 'updated']);
		});

		it('a quote only from a story whose writer consented; never by another coordinator', async () => {
			expect((await figuresPage(db(), cas, 'de-kroon', Q3, NOW)).stories.map((s) => s.id)).toEqual([consented]);
			expect(await allowed(() => addQuote(db(), cas, 'de-kroon', notConsented, 'Nu zet ik de koffie.'))).toBe(false);
			expect(await allowed(() => addQuote(db(), olga, 'het-anker', consented, 'Nu zet ik de koffie.'))).toBe(false);
			expect(await addQuote(db(), cas, 'de-kroon', consented, 'Nu zet ik de koffie.')).toEqual({ ok: true });
			expect((await figuresPage(db(), cas, 'de-kroon', Q3, NOW)).voices.quotes).toEqual([{ id: expect.any(String), body: 'Nu zet ik de koffie.', storyTitle: 'Mijn eerste stap' }]);
			expect(await addQuote(db(), cas, 'de-kroon', consented, 'Iets wat er niet staat.')).toEqual({ ok: false, error: 'not_in_story' });
		});

		it("a note: a member gives it for their own initiative, only they see their list and delete it", async () => {
			const who = personas();
			expect(await allowed(() => addNote(db(), who.memberOfOther, 'de-kroon', 'Ik hoor er niet bij.'))).toBe(false);
			expect(await allowed(() => addNote(db(), who.anonymous, 'de-kroon', 'Anoniem.'))).toBe(false);
			await addNote(db(), dewi, 'de-kroon', 'Ik heb weer een ritme.');
			const [note] = await myNotes(db(), dewi, 'de-kroon');
			expect((await myNotes(db(), cas, 'de-kroon')).map((n) => n.id)).not.toContain(note.id);
			for (const viewer of [who.anonymous, who.coordinator, who.coordinatorOfOther, who.admin, who.memberOfOther]) {
				expect(await allowed(() => deleteNote(db(), viewer, note.id))).toBe(false);
			}
			// The coordinators read it in the report, without a name.
			const figures = await initiativeFigures(db(), cas, 'de-kroon', Q3, NOW);
			expect(figures.voices.notes).toEqual([{ id: note.id, body: 'Ik heb weer een ritme.' }]);
			await deleteNote(db(), dewi, note.id);
			expect(await db().select().from(impactNote).where(eq(impactNote.id, note.id))).toEqual([]);
		});
	});
}
