import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFound } from '#lib/server/access/core.ts';
import type { SignedIn } from '#lib/server/accounts/viewer.ts';
import type { Database, Db } from '#lib/server/db/index.ts';
import { initiative, membership } from '#lib/server/initiatives/schema.ts';
import { actionLog } from '#lib/server/moderation/queue.ts';
import { report } from '#lib/server/moderation/schema.ts';
import { reportTodos } from '#lib/server/moderation/todo.ts';
import { sendStoryNotice } from '#lib/server/stories/notices.ts';
import { decideNote, giveNote, notesForWriter, readerNote, removeNote, takeBackNote, waitingNotes } from '#lib/server/stories/notes.ts';
import { storiesPersonalData } from '#lib/server/stories/personal-data.ts';
import { getStory } from '#lib/server/stories/read.ts';
import { storyNote } from '#lib/server/stories/schema.ts';
import { createStory, withdrawStory } from '#lib/server/stories/service.ts';
import { noteTodos } from '#lib/server/stories/todo.ts';
import type { StoryInput } from '#lib/server/stories/forms.ts';
import { databases } from '../helpers/databases.ts';
import { makePerson } from '../helpers/people.ts';

/*
 * A note of recognition waits in the moderation room of the story's
 * initiative until a coordinator who is not the writer passes it on; the
 * writer then reads it without the reader's name. A rule per persona.
 */
for (const target of databases) {
	describe.skipIf(target.skip)(`notes of recognition on ${target.name}`, () => {
		let database: Database & { drop(): Promise<void> };
		let db: Db;
		// anna writes; dina reads; bram and erik coordinate De Kroon; cor coordinates Het Anker; fien is a member of Het Anker only.
		let anna: SignedIn, dina: SignedIn, bram: SignedIn, erik: SignedIn, cor: SignedIn, fien: SignedIn, admin: SignedIn;
		let kroon: string, anker: string;
		let storyId: string;
		const input = (overrides: Partial<StoryInput> = {}): StoryInput => ({
			title: 'De eerste stap',
			body: 'Het was moeilijk om binnen te lopen. Nu kom ik elke week.',
			themes: ['hoop'],
			diagnosis: '',
			warnings: [],
			ownWarning: '',
			pseudonym: 'Merel',
			visibility: 'network',
			indexable: false,
			visibleUntil: null,
			consentImpact: false,
			consentTraining: false,
			initiativeId: kroon,
			...overrides
		});
		const NOTE = 'Ik herken dit zo. Dank je wel voor het opschrijven.';
		const waitingFor = async (viewer: SignedIn, slug: string) => (await waitingNotes(db, viewer, slug)).notes.map((n) => n.text);

		beforeAll(async () => {
			database = await target.open();
			db = database.db;
			[anna, dina, bram, erik, cor, fien, admin] = await Promise.all(
				['Anna', 'Dina', 'Bram', 'Erik', 'Cor', 'Fien', 'Beheer'].map((n) => makePerson(db, n, { isAdmin: n === 'Beheer' }))
			);
			const rows = await db
				.insert(initiative)
				.values([
					{ slug: 'de-kroon', name: 'De Kroon', town: 'Zwolle', status: 'published' },
					{ slug: 'het-anker', name: 'Het Anker', town: 'Kampen', status: 'published' }
				])
				.returning();
			[kroon, anker] = rows.map((r) => r.id);
			await db.insert(membership).values([
				{ initiativeId: kroon, userId: anna.userId },
				{ initiativeId: kroon, userId: dina.userId },
				{ initiativeId: kroon, userId: bram.userId, role: 'coordinator' },
				{ initiativeId: kroon, userId: erik.userId, role: 'coordinator' },
				{ initiativeId: anker, userId: cor.userId, role: 'coordinator' },
				{ initiativeId: anker, userId: fien.userId }
			]);
			storyId = (await createStory(db, anna, input(), true)).id;
		});
		afterAll(() => database?.drop());

		it('a reader writes a note: it says "dit herken ik" too, and waits — the writer sees the count, not the note', async () => {
			expect(await readerNote(db, dina, storyId)).toEqual({ possible: true, mine: null });
			expect(await giveNote(db, dina, storyId, `  ${NOTE}  `)).toEqual({ ok: true });
			expect(await giveNote(db, dina, storyId, 'Nog een')).toEqual({ ok: false, error: 'exists' }); // one per reader: a double submit finds the first
			expect(await readerNote(db, dina, storyId)).toMatchObject({ mine: { text: NOTE, status: 'waiting' } });
			expect((await getStory(db, anna, storyId)).recognitions).toBe(1);
			expect((await notesForWriter(db, anna, storyId))?.notes).toEqual([]);
		});

		it('bad input keeps nothing: empty, too long, the writer, a visitor, a story the reader may not read', async () => {
			expect(await giveNote(db, fien, storyId, '   ')).toEqual({ ok: false, error: 'empty' });
			expect(await giveNote(db, fien, storyId, 'x'.repeat(501))).toEqual({ ok: false, error: 'long' });
			await expect(giveNote(db, anna, storyId, 'Van mezelf')).rejects.toThrow(NotFound);
			await expect(giveNote(db, null, storyId, 'Anoniem')).rejects.toThrow();
			const ownOnly = (await createStory(db, anna, input({ title: 'Alleen voor De Kroon', visibility: 'initiative' }), true)).id;
			await expect(giveNote(db, fien, ownOnly, 'Ik lees mee')).rejects.toThrow(NotFound);
			expect(await db.select().from(storyNote).where(eq(storyNote.giverId, fien.userId))).toEqual([]);
		});

		it('only the coordinators of the story’s initiative read a waiting note, with the reader’s name', async () => {
			const inQueue = (await waitingNotes(db, bram, 'de-kroon')).notes;
			expect(inQueue).toEqual([expect.objectContaining({ text: NOTE, giver: 'Dina', storyTitle: 'De eerste stap' })]);
			expect(await waitingFor(erik, 'de-kroon')).toEqual([NOTE]);
			expect((await noteTodos(db, bram)).map((t) => t.text)).toEqual(['1 berichtje van herkenning wacht bij De Kroon']);
			// Not another initiative's coordinator, not the admin, not a member, not the writer, not the reader.
			await expect(waitingNotes(db, cor, 'de-kroon')).rejects.toThrow(NotFound);
			expect(await waitingFor(cor, 'het-anker')).toEqual([]);
			await expect(waitingNotes(db, admin, 'de-kroon')).rejects.toThrow(NotFound);
			for (const other of [anna, dina, fien]) await expect(waitingNotes(db, other, 'de-kroon')).rejects.toThrow(NotFound);
			for (const other of [cor, admin, anna, fien]) expect(await noteTodos(db, other)).toEqual([]);
			// Nor can they decide it.
			const [{ id }] = inQueue;
			for (const other of [cor, admin, anna, dina]) await expect(decideNote(db, other, 'de-kroon', id, true, '')).rejects.toThrow(NotFound);
			await expect(decideNote(db, cor, 'het-anker', id, true, '')).rejects.toThrow(NotFound);
		});

		it('passed on: the writer reads it without a name and gets a mail without its words; the action is logged', async () => {
			const [{ id }] = (await waitingNotes(db, bram, 'de-kroon')).notes;
			expect(await decideNote(db, bram, 'de-kroon', id, true, '')).toEqual({ ok: true, already: false });
			expect(await decideNote(db, erik, 'de-kroon', id, false, 'Te laat')).toEqual({ ok: true, already: true }); // the other coordinator was quicker
			expect(await readerNote(db, dina, storyId)).toMatchObject({ mine: { status: 'delivered' } });
			const received = await notesForWriter(db, anna, storyId);
			expect(received?.notes.map((n) => n.text)).toEqual([NOTE]);
			expect(JSON.stringify(received)).not.toContain('Dina');
			expect(await notesForWriter(db, dina, storyId)).toBeNull();
			expect(await notesForWriter(db, bram, storyId)).toBeNull();

			const sent: Array<{ to: string; subject: string; text: string }> = [];
			const ctx = { db, mailer: { send: async (mail: (typeof sent)[number]) => void sent.push(mail) }, origin: 'https://herstelplein.test', secret: 'x'.repeat(32) };
			expect(await sendStoryNotice(ctx as never, { storyId, kind: 'note' })).toBe('sent');
			expect(sent[0]).toMatchObject({ to: anna.email, subject: 'Iemand herkende zich in je verhaal' });
			expect(sent[0].text).toContain(`https://herstelplein.test/verhalen/${storyId}`);
			expect(sent[0].text).not.toMatch(/herken dit zo|Dina|eerste stap/);

			const log = (await actionLog(db, erik, 'de-kroon')).entries;
			expect(log[0]).toMatchObject({ action: 'deliver', kind: 'note', actor: 'Bram', about: 'Dina' });
			expect(JSON.stringify(log)).not.toContain(NOTE);
		});

		it('not passed on needs a reason, which the reader reads; the writer never sees the note', async () => {
			const second = (await createStory(db, anna, input({ title: 'Tweede verhaal' }), true)).id;
			expect(await giveNote(db, fien, second, 'Bel me even, 06-12345678')).toEqual({ ok: true });
			const [{ id }] = (await waitingNotes(db, bram, 'de-kroon')).notes;
			expect(await decideNote(db, bram, 'de-kroon', id, false, '   ')).toEqual({ ok: false, error: 'reason' });
			expect(await decideNote(db, bram, 'de-kroon', id, false, 'x'.repeat(1001))).toEqual({ ok: false, error: 'reason_long' });
			expect(await decideNote(db, bram, 'de-kroon', id, false, 'Een telefoonnummer delen we hier niet.')).toEqual({ ok: true, already: false });
			expect(await readerNote(db, fien, second)).toMatchObject({ mine: { status: 'declined', reason: 'Een telefoonnummer delen we hier niet.' } });
			expect((await notesForWriter(db, anna, second))?.notes).toEqual([]);
			expect(JSON.stringify(await storiesPersonalData.collect(db, anna))).not.toContain('06-12345678');
			expect(JSON.stringify(await storiesPersonalData.collect(db, fien))).toContain('06-12345678');
		});

		it('a coordinator never handles a note to their own story, nor their own note; with no other coordinator, no note is offered', async () => {
			const bramsStory = (await createStory(db, bram, input({ title: 'Van Bram' }), true)).id;
			expect(await giveNote(db, dina, bramsStory, 'Mooi, Bram')).toEqual({ ok: true });
			expect(await waitingFor(bram, 'de-kroon')).toEqual([]);
			expect(await waitingFor(erik, 'de-kroon')).toEqual(['Mooi, Bram']);
			expect(await giveNote(db, erik, storyId, 'Van een coördinator')).toEqual({ ok: true });
			expect(await waitingFor(erik, 'de-kroon')).not.toContain('Van een coördinator');
			expect(await waitingFor(bram, 'de-kroon')).toContain('Van een coördinator');
			// Het Anker has one coordinator: a note to his story would wait forever.
			const corsStory = (await createStory(db, cor, input({ title: 'Van Cor', initiativeId: anker }), true)).id;
			expect(await readerNote(db, fien, corsStory)).toEqual({ possible: false, mine: null });
			expect(await giveNote(db, fien, corsStory, 'Dank je')).toEqual({ ok: false, error: 'closed' });
		});

		it('the reader takes a waiting note back; the writer removes a passed one; withdrawing the story removes its notes', async () => {
			const third = (await createStory(db, anna, input({ title: 'Derde verhaal' }), true)).id;
			await giveNote(db, dina, third, 'Eerst wel, toch niet');
			await takeBackNote(db, dina, third);
			expect(await readerNote(db, dina, third)).toMatchObject({ mine: null });
			await giveNote(db, dina, third, 'Nu echt');
			const waiting = (await waitingNotes(db, bram, 'de-kroon')).notes.find((n) => n.text === 'Nu echt')!;
			await decideNote(db, bram, 'de-kroon', waiting.id, true, '');
			await takeBackNote(db, dina, third); // passed on: no longer the reader's to take back
			const [passed] = (await notesForWriter(db, anna, third))!.notes;
			await expect(removeNote(db, dina, third, passed.id)).rejects.toThrow(NotFound);
			await removeNote(db, anna, third, passed.id);
			expect((await notesForWriter(db, anna, third))!.notes).toEqual([]);
			await withdrawStory(db, anna, storyId);
			expect(await db.select().from(storyNote).where(eq(storyNote.storyId, storyId))).toEqual([]);
		});

		it('open reports and waiting notes are on the start page of the coordinators who handle them, and nobody else’s', async () => {
			expect(await noteTodos(db, bram)).toEqual([]);
			expect((await noteTodos(db, erik)).map((t) => t.text)).toEqual(['1 berichtje van herkenning wacht bij De Kroon']);
			await db.insert(report).values([
				{ initiativeId: kroon, reporterId: dina.userId, subjectKind: 'person', subjectId: fien.userId, subjectUserId: fien.userId, rule: 'respect' },
				{ initiativeId: kroon, reporterId: dina.userId, subjectKind: 'person', subjectId: bram.userId, subjectUserId: bram.userId, rule: 'respect' }
			]);
			expect((await reportTodos(db, bram)).map((t) => t.text)).toEqual(['1 open melding bij De Kroon']); // not the one about himself
			expect(await reportTodos(db, erik)).toEqual([{ text: '2 open meldingen bij De Kroon', href: '/initiatieven/de-kroon/meldingen' }]);
			for (const other of [anna, dina, cor, admin]) expect(await reportTodos(db, other)).toEqual([]);
		});
	});
}
