import { randomUUID } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFound } from '#lib/server/access/core.ts';
import { user } from '#lib/server/accounts/schema.ts';
import type { SignedIn } from '#lib/server/accounts/viewer.ts';
import type { Database, Db } from '#lib/server/db/index.ts';
import { sendStoryNotice } from '#lib/server/stories/notices.ts';
import { initiative, membership } from '#lib/server/initiatives/schema.ts';
import type { StoryInput } from '#lib/server/stories/forms.ts';
import { muteList, saveMuteList } from '#lib/server/stories/mute.ts';
import { storiesPersonalData } from '#lib/server/stories/personal-data.ts';
import { feedStories, getStory, getStoryByLink, listStories, myStories, similarStories } from '#lib/server/stories/read.ts';
import { addSynonym, listSynonyms, removeSynonym } from '#lib/server/stories/synonyms.ts';
import { setRecognition } from '#lib/server/stories/recognition.ts';
import { acceptEdit, approveStory, declineEdit, proposeEdit, redactieQueue, setRedactieSetting } from '#lib/server/stories/redactie.ts';
import { story } from '#lib/server/stories/schema.ts';
import { createStory, updateStory, withdrawStory } from '#lib/server/stories/service.ts';
import { databases } from '../helpers/databases.ts';
import { makePerson } from '../helpers/people.ts';

for (const target of databases) {
	describe.skipIf(target.skip)(`ervaringsverhalen on ${target.name}`, () => {
		let database: Database & { drop(): Promise<void> };
		let db: Db;
		let anna: SignedIn, bram: SignedIn, cor: SignedIn, admin: SignedIn;
		let kroon: string, anker: string;
		const input = (overrides: Partial<StoryInput> = {}): StoryInput => ({
			title: 'Wandelen in de regen',
			body: 'Elke dinsdag gingen we wandelen. Het hielp me uit mijn hoofd te komen.',
			themes: ['eenzaamheid', 'hoop'],
			diagnosis: '',
			warnings: [],
			ownWarning: '',
			pseudonym: '',
			visibility: 'initiative',
			indexable: false,
			visibleUntil: null,
			consentImpact: false,
			consentTraining: false,
			initiativeId: kroon,
			...overrides
		});
		const titles = async (viewer: SignedIn | null, filter = {}) => (await listStories(db, viewer, filter)).stories.map((s) => s.title);

		beforeAll(async () => {
			database = await target.open();
			db = database.db;
			[anna, bram, cor, admin] = await Promise.all(['Anna Jansen', 'Bram', 'Cor', 'Beheer'].map((n) => makePerson(db, n, { isAdmin: n === 'Beheer' })));
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
				{ initiativeId: kroon, userId: bram.userId, role: 'coordinator' },
				{ initiativeId: anker, userId: cor.userId, role: 'coordinator' }
			]);
		});
		afterAll(() => database?.drop());

		it('a draft is the writer’s alone; sending it for the initiative puts it live at once (the default)', async () => {
			const { id, status } = await createStory(db, anna, input({ title: 'Mijn concept' }), false);
			expect(status).toBe('draft');
			await expect(getStory(db, bram, id)).rejects.toThrow(NotFound);
			expect(await updateStory(db, anna, id, input({ title: 'Mijn concept' }), true)).toEqual({ status: 'published' });
			expect((await getStory(db, bram, id)).title).toBe('Mijn concept');
		});

		it('an initiative may choose that members’ stories pass the redactie first; only its coordinators choose', async () => {
			await expect(setRedactieSetting(db, anna, kroon, true)).rejects.toThrow(NotFound);
			await expect(setRedactieSetting(db, cor, kroon, true)).rejects.toThrow(NotFound);
			await setRedactieSetting(db, bram, kroon, true);
			expect((await createStory(db, anna, input({ title: 'Eerst gelezen' }), true)).status).toBe('review');
			await setRedactieSetting(db, bram, kroon, false);
		});

		it('a public story waits for the redactie; the redactie proposes an edit, the writer accepts, it goes live marked', async () => {
			const { id, status } = await createStory(db, anna, input({ title: 'Mijn weg terug', visibility: 'public', pseudonym: 'Zonnebloem', warnings: ['suicide'] }), true);
			expect(status).toBe('review');
			expect(await titles(null)).not.toContain('Mijn weg terug');
			const queued = (await redactieQueue(db, bram)).find((q) => q.id === id);
			expect(queued).toMatchObject({ signature: 'Zonnebloem' });
			expect(JSON.stringify(queued)).not.toContain('Anna');
			expect((await redactieQueue(db, cor)).map((q) => q.id)).not.toContain(id);
			expect((await redactieQueue(db, admin)).map((q) => q.id)).toContain(id);

			await proposeEdit(db, bram, id, { title: 'Mijn weg terug', body: 'Een kortere tekst.', reason: 'achternaam weggehaald' });
			// The writer gets a mail that there is a proposal: a link, never the title or text.
			const sent: Array<{ to: string; subject: string; text: string }> = [];
			const ctx = { db, mailer: { send: async (mail: (typeof sent)[number]) => void sent.push(mail) }, origin: 'https://herstelplein.test', secret: 'x'.repeat(32) };
			expect(await sendStoryNotice(ctx as never, { storyId: id, kind: 'proposal' })).toBe('sent');
			expect(sent[0]).toMatchObject({ to: anna.email, subject: 'De redactie heeft een voorstel voor je verhaal' });
			expect(sent[0].text).toContain(`https://herstelplein.test/verhalen/${id}`);
			expect(sent[0].text).not.toMatch(/Mijn weg terug|kortere tekst|achternaam/);
			await expect(proposeEdit(db, cor, id, { title: 'x', body: 'y', reason: 'z' })).rejects.toThrow(NotFound);
			const mine = await getStory(db, anna, id);
			expect(mine.openEdit?.reason).toBe('achternaam weggehaald');
			expect(mine.html).toContain('Elke dinsdag'); // nothing changed yet
			await expect(acceptEdit(db, bram, id, mine.openEdit!.id)).rejects.toThrow(NotFound);
			await acceptEdit(db, anna, id, mine.openEdit!.id);
			await acceptEdit(db, anna, id, mine.openEdit!.id); // a double submit changes nothing
			expect(await sendStoryNotice(ctx as never, { storyId: id, kind: 'proposal' })).toBe('skipped'); // answered before the mail went
			await expect(declineEdit(db, anna, id, mine.openEdit!.id)).rejects.toThrow(NotFound);
			const published = await getStory(db, null, id);
			expect(published).toMatchObject({ status: 'published', author: 'Zonnebloem', editReason: 'achternaam weggehaald' });
			expect(published.html).toContain('Een kortere tekst.');
			expect(await titles(null)).toContain('Mijn weg terug');
		});

		it('a writer may decline a proposal: nothing changes, the redactie may still approve it as sent', async () => {
			const { id } = await createStory(db, anna, input({ title: 'Zoals ik het schreef', visibility: 'public' }), true);
			await proposeEdit(db, bram, id, { title: 'Anders', body: 'Anders', reason: 'korter' });
			const edit = (await getStory(db, anna, id)).openEdit!;
			await declineEdit(db, anna, id, edit.id);
			expect((await getStory(db, anna, id)).title).toBe('Zoals ik het schreef');
			await approveStory(db, admin, id);
			expect((await getStory(db, null, id)).status).toBe('published');
		});

		it('a new text for a public story goes back to the redactie; a smaller circle stays live', async () => {
			const [row] = await db.select({ id: story.id }).from(story).where(eq(story.title, 'Zoals ik het schreef'));
			expect((await updateStory(db, anna, row.id, input({ title: 'Zoals ik het schreef', visibility: 'network' }), true)).status).toBe('published');
			expect((await updateStory(db, anna, row.id, input({ title: 'Zoals ik het schreef', visibility: 'public' }), true)).status).toBe('review');
		});

		it('finds stories by a stemmed word, by theme, with title before text and marked snippets', async () => {
			await createStory(db, anna, input({ title: 'Over wandelingen', body: 'Buiten zijn.', visibility: 'network' }), true);
			const found = (await listStories(db, bram, { words: 'wandelingen' })).stories;
			expect(found.map((s) => s.title)).toEqual(expect.arrayContaining(['Over wandelingen', 'Mijn concept']));
			expect(found[0].title).toBe('Over wandelingen');
			expect(await titles(cor, { words: 'wandelingen' })).toEqual(['Over wandelingen']); // Cor is in another initiative
			const member = (await listStories(db, anna, { words: 'dinsdag' })).stories;
			expect(member[0].snippet.some((p) => p.hit && /dinsdag/i.test(p.text))).toBe(true);
			expect(await titles(bram, { theme: 'hoop' })).toContain('Mijn concept');
			expect(await titles(bram, { theme: 'rouw' })).toEqual([]);
			expect(await titles(bram, { words: '"tekst die nergens staat"' })).toEqual([]);
		});

		it('a link-only story is found by no list, search or feed, and opens with its secret link, signed out too', async () => {
			const { id } = await createStory(db, anna, input({ title: 'Alleen voor jou', body: 'Geheim wandelen', visibility: 'link' }), true);
			const token = (await getStory(db, anna, id)).own!.linkToken;
			for (const viewer of [null, bram, cor, admin]) {
				expect(await titles(viewer)).not.toContain('Alleen voor jou');
				expect(await titles(viewer, { words: 'geheim' })).not.toContain('Alleen voor jou');
				if (viewer) await expect(getStory(db, viewer, id)).rejects.toThrow(NotFound);
			}
			expect((await feedStories(db)).map((s) => s.title)).not.toContain('Alleen voor jou');
			expect((await getStoryByLink(db, null, token)).title).toBe('Alleen voor jou');
		});

		it('a pseudonym never leads to the account: not in lists, search, the feed or the story', async () => {
			const { id } = await createStory(db, anna, input({ title: 'Onder andere naam', visibility: 'public', pseudonym: 'Merel' }), true);
			await approveStory(db, bram, id);
			for (const viewer of [null, bram, cor, admin]) {
				const page = JSON.stringify([await getStory(db, viewer, id), await listStories(db, viewer, { words: 'andere naam' })]);
				expect(page).toContain('Merel');
				expect(page).not.toContain('Anna');
				expect(page).not.toContain(anna.userId);
			}
			expect(JSON.stringify(await feedStories(db))).not.toContain('Anna');
			// signed with the display name, the name shows
			expect((await getStory(db, null, (await myStories(db, anna)).find((s) => s.title === 'Mijn weg terug')!.id)).author).toBe('Zonnebloem');
		});

		it('liever niet zien: stories about a chosen theme or word are folded for that reader only, in lists and on the page', async () => {
			const [row] = await db.select({ id: story.id }).from(story).where(eq(story.title, 'Over wandelingen'));
			await createStory(db, anna, input({ title: 'Over koken', body: 'Soep maken met de groep.', themes: ['vriendschap'] }), true);
			expect((await getStory(db, bram, row.id)).muted).toBe(false);
			await saveMuteList(db, bram, ['rouw', 'geen-thema'], 'Wandeling, ziekenhuis');
			expect(await muteList(db, bram)).toEqual({ themes: ['rouw'], words: ['wandeling', 'ziekenhuis'] });
			expect((await getStory(db, bram, row.id)).muted).toBe(true);
			const listed = (await listStories(db, bram)).stories;
			expect(listed.find((s) => s.title === 'Over wandelingen')?.muted).toBe(true);
			expect(listed.find((s) => s.title === 'Over koken')?.muted).toBe(false);
			expect((await getStory(db, cor, row.id)).muted).toBe(false);
			await saveMuteList(db, bram, [], '');
			expect((await getStory(db, bram, row.id)).muted).toBe(false);
		});

		it('an end day takes a story back to the writer alone', async () => {
			const { id } = await createStory(db, anna, input({ title: 'Even zichtbaar', visibility: 'network' }), true);
			await db.update(story).set({ visibleUntil: '2020-01-01' }).where(eq(story.id, id));
			await expect(getStory(db, bram, id)).rejects.toThrow(NotFound);
			expect((await getStory(db, anna, id)).title).toBe('Even zichtbaar');
		});

		it('herkenning: once per reader, can be taken back, counted for the writer only', async () => {
			const [row] = await db.select({ id: story.id }).from(story).where(eq(story.title, 'Onder andere naam'));
			await setRecognition(db, bram, row.id, true);
			await setRecognition(db, bram, row.id, true);
			await setRecognition(db, cor, row.id, true);
			expect((await getStory(db, anna, row.id)).recognitions).toBe(2);
			expect(await getStory(db, bram, row.id)).toMatchObject({ recognitions: null, recognizedByMe: true });
			await setRecognition(db, cor, row.id, false);
			expect((await getStory(db, anna, row.id)).recognitions).toBe(1);
			await expect(setRecognition(db, anna, row.id, true)).rejects.toThrow(NotFound);
			await expect(setRecognition(db, null, row.id, true)).rejects.toThrow();
		});

		it('withdrawing deletes the text and leaves a tombstone', async () => {
			const [row] = await db.select({ id: story.id }).from(story).where(eq(story.title, 'Onder andere naam'));
			await expect(withdrawStory(db, bram, row.id)).rejects.toThrow(NotFound);
			await withdrawStory(db, anna, row.id);
			const tomb = await getStory(db, null, row.id);
			expect(tomb).toMatchObject({ status: 'withdrawn', title: '', author: '', html: '' });
			const [stored] = await db.select().from(story).where(eq(story.id, row.id));
			expect(stored).toMatchObject({ body: '', pseudonym: '', themes: [] });
			expect(await titles(null)).not.toContain('Onder andere naam');
			await expect(updateStory(db, anna, row.id, input({ title: 'Terug' }), true)).rejects.toThrow(NotFound);
		});

		it('the redactie’s synonyms: searching one phrase finds the other, both ways; only the association admin keeps the list', async () => {
			await createStory(db, cor, input({ title: 'Drie weken binnen', body: 'In de kliniek leerde ik weer slapen.', themes: ['hoop'], visibility: 'network', initiativeId: anker }), true);
			await createStory(db, cor, input({ title: 'Mijn burn-out', body: 'Het ging te lang door.', themes: ['werk-en-dagbesteding'], visibility: 'network', initiativeId: anker }), true);
			expect(await titles(anna, { words: 'opname' })).not.toContain('Drie weken binnen');
			await expect(addSynonym(db, bram, 'opname', 'kliniek')).rejects.toThrow(NotFound);
			expect(await addSynonym(db, admin, ' Opname ', 'kliniek')).toEqual({ pair: ['opname', 'kliniek'] });
			expect(await addSynonym(db, admin, 'kliniek', 'opname')).toEqual({ pair: ['kliniek', 'opname'] }); // twice changes nothing
			expect(await addSynonym(db, admin, 'overspannen', 'Burn-out')).toEqual({ pair: ['overspannen', 'burn out'] });
			expect(await titles(anna, { words: 'opname' })).toContain('Drie weken binnen');
			expect(await titles(anna, { words: 'overspannen' })).toContain('Mijn burn-out');
			expect(await titles(anna, { words: 'burn-out' })).toContain('Mijn burn-out');
			expect(await titles(anna, { words: 'opname werk' })).toEqual([]); // every word (or its synonym) must match
			expect(await listSynonyms(db, admin)).toEqual([
				{ word: 'burn out', alternative: 'overspannen' },
				{ word: 'kliniek', alternative: 'opname' }
			]);
			await expect(listSynonyms(db, bram)).rejects.toThrow(NotFound);
			expect(await addSynonym(db, admin, ' ', 'kliniek')).toEqual({ error: 'stories_synonym_error_empty' });
			expect(await addSynonym(db, admin, 'Kliniek', 'kliniek')).toEqual({ error: 'stories_synonym_error_same' });
			expect(await addSynonym(db, admin, 'een hele lange uitdrukking', 'kort')).toEqual({ error: 'stories_synonym_error_long' });
			await removeSynonym(db, admin, 'opname', 'kliniek');
			expect(await titles(anna, { words: 'opname' })).not.toContain('Drie weken binnen');
			expect(await listSynonyms(db, admin)).toHaveLength(1);
		});

		it('verhalen die hierop lijken: most shared themes first, then title words; only stories the reader may find, never itself', async () => {
			const about = (title: string, themes: StoryInput['themes'], more: Partial<StoryInput> = {}) =>
				createStory(db, cor, input({ title, body: 'Een verhaal.', themes, visibility: 'network', initiativeId: anker, ...more }), true);
			const { id } = await createStory(db, anna, input({ title: 'Rouw om mijn moeder', themes: ['rouw', 'familie'], visibility: 'network' }), true);
			await about('Een jaar zonder haar', ['rouw', 'familie']);
			await about('Mijn moeder en ik', ['wonen']);
			await about('Afscheid', ['rouw']);
			await about('Alleen met de link', ['rouw', 'familie'], { visibility: 'link' });
			await about('Alleen voor Het Anker', ['rouw', 'familie'], { visibility: 'initiative' });
			const similar = async (viewer: SignedIn) => (await similarStories(db, viewer, await getStory(db, viewer, id))).map((s) => s.title);
			expect(await similar(anna)).toEqual(['Een jaar zonder haar', 'Afscheid', 'Mijn moeder en ik']);
			expect(await similar(cor)).toEqual(['Alleen voor Het Anker', 'Een jaar zonder haar', 'Afscheid']);
		});

		it('a search ranks the newest 500 matches, so a common word costs the same however many stories there are', async () => {
			const DAY = 86_400_000;
			const row = (title: string, weight: 'A' | 'C', daysAgo: number) => ({
				writerId: cor.userId,
				initiativeId: anker,
				title,
				body: title,
				visibility: 'public' as const,
				status: 'published' as const,
				linkToken: randomUUID(),
				publishedAt: new Date(Date.now() - daysAgo * DAY),
				search: sql`setweight(to_tsvector('simple', ${title}), ${weight})`
			});
			// The best match is the oldest: its word in the title (weight A); 500 newer stories have it in the text only.
			const [best] = await db.insert(story).values(row('Zeldzaamwoord zeldzaamwoord', 'A', 400)).returning({ id: story.id });
			const newer = await db
				.insert(story)
				.values(Array.from({ length: 500 }, (_, i) => row(`Verhaal ${i} met zeldzaamwoord`, 'C', (i + 1) / 1440)))
				.returning({ id: story.id });
			const first = async () => (await listStories(db, null, { words: 'zeldzaamwoord' })).stories[0]?.id;
			expect(await first()).not.toBe(best.id);
			// One fewer newer match, and the best one is among the 500 ranked: it comes first.
			await db.delete(story).where(eq(story.id, newer[0].id));
			expect(await first()).toBe(best.id);
			await db.delete(story).where(inArray(story.id, [best.id, ...newer.map((n) => n.id)]));
		});

		it('the export holds the writer’s stories and pseudonyms; deleting the account empties them and unlinks the tombstones', async () => {
			const exported = JSON.stringify(await storiesPersonalData.collect(db, anna));
			expect(exported).toContain('Zonnebloem');
			expect(exported).toContain('Mijn concept');
			expect(JSON.stringify(await storiesPersonalData.collect(db, bram))).not.toContain('Zonnebloem');
			await db.transaction(async (tx) => {
				await storiesPersonalData.erase!(tx as unknown as Db, anna);
				await tx.delete(user).where(eq(user.id, anna.userId));
			});
			const left = (await db.select().from(story)).filter((s) => s.writerId !== cor.userId);
			expect(left.length).toBeGreaterThan(5);
			for (const s of left) expect(s).toMatchObject({ writerId: null, status: 'withdrawn', body: '', title: '', pseudonym: '' });
		});
	});
}
