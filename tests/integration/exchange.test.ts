import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFound, SignInRequired } from '#lib/server/access/core.ts';
import type { SignedIn } from '#lib/server/accounts/viewer.ts';
import type { Database } from '#lib/server/db/index.ts';
import { postForm, type PostInput } from '#lib/server/exchange/forms.ts';
import { exchangePersonalData } from '#lib/server/exchange/personal-data.ts';
import { exchangePost } from '#lib/server/exchange/schema.ts';
import { createPost, getPost, listPosts, setPostClosed, updatePost } from '#lib/server/exchange/service.ts';
import { createInitiative, type Initiative } from '#lib/server/initiatives/service.ts';
import { membership } from '#lib/server/initiatives/schema.ts';
import { eq } from 'drizzle-orm';
import { databases } from '../helpers/databases.ts';
import { makePerson } from '../helpers/people.ts';

for (const target of databases) {
	describe.skipIf(target.skip)(`vraag & aanbod on ${target.name}`, () => {
		let database: Database & { drop(): Promise<void> };
		let admin: SignedIn, anna: SignedIn, bram: SignedIn, cor: SignedIn, loner: SignedIn;
		let kroon: Initiative, anker: Initiative;
		const input = (overrides: Partial<PostInput> = {}): PostInput => ({
			kind: 'offer',
			title: 'Ik help met formulieren',
			body: 'Belastingaangifte, toeslagen, brieven van de gemeente.',
			theme: 'formulieren-en-geld',
			town: 'Zwolle',
			online: false,
			audience: 'initiative',
			endsOn: null,
			initiativeId: kroon.id,
			...overrides
		});
		const titles = async (viewer: SignedIn, filter = {}) => (await listPosts(database.db, viewer, filter, 100)).posts.map((p) => p.title);

		beforeAll(async () => {
			database = await target.open();
			admin = await makePerson(database.db, 'Beheer', { isAdmin: true });
			anna = await makePerson(database.db, 'Anna');
			bram = await makePerson(database.db, 'Bram');
			cor = await makePerson(database.db, 'Cor');
			loner = await makePerson(database.db, 'Dewi');
			for (const name of ['De Kroon', 'Het Anker']) {
				const result = await createInitiative(database.db, admin, { name, town: 'Zwolle', slug: '', description: '', joinPolicy: 'invite' });
				if (!result.ok) throw new Error(result.error);
				if (name === 'De Kroon') kroon = result.initiative;
				else anker = result.initiative;
			}
			await database.db.delete(membership);
			await database.db.insert(membership).values([
				{ initiativeId: kroon.id, userId: anna.userId },
				{ initiativeId: kroon.id, userId: bram.userId, role: 'coordinator' },
				{ initiativeId: anker.id, userId: cor.userId, role: 'coordinator' }
			]);
		});
		afterAll(() => database?.drop());

		it('a member offers something for their initiative: its members see it, others do not, signed-out people must sign in', async () => {
			const { id } = await createPost(database.db, anna, input());
			expect((await getPost(database.db, bram, id)).author).toBe('Anna');
			expect(await titles(bram)).toContain('Ik help met formulieren');
			await expect(getPost(database.db, cor, id)).rejects.toThrow(NotFound);
			expect(await titles(cor)).not.toContain('Ik help met formulieren');
			await expect(getPost(database.db, loner, id)).rejects.toThrow(NotFound);
			await expect(getPost(database.db, admin, id)).rejects.toThrow(NotFound);
			await expect(getPost(database.db, null, id)).rejects.toThrow(SignInRequired);
			await expect(listPosts(database.db, null)).rejects.toThrow(SignInRequired);
		});

		it('a post for the network is seen by members of any initiative, not by someone in none', async () => {
			const { id } = await createPost(database.db, anna, input({ kind: 'request', title: 'Wie loopt mee naar de huisarts?', theme: 'vervoer-en-meelopen', audience: 'network' }));
			expect((await getPost(database.db, cor, id)).post.kind).toBe('request');
			await expect(getPost(database.db, loner, id)).rejects.toThrow(NotFound);
		});

		it('only members of the initiative may post for it', async () => {
			await expect(createPost(database.db, cor, input())).rejects.toThrow(NotFound);
			await expect(createPost(database.db, loner, input())).rejects.toThrow(NotFound);
		});

		it('only who wrote it may change or close it; closed, others no longer see it', async () => {
			const { id } = await createPost(database.db, anna, input({ title: 'Samen koken op dinsdag', theme: 'koken-en-eten' }));
			await expect(updatePost(database.db, bram, id, input({ title: 'Gekaapt' }))).rejects.toThrow(NotFound);
			await expect(setPostClosed(database.db, bram, id, true)).rejects.toThrow(NotFound);
			await updatePost(database.db, anna, id, input({ title: 'Samen koken op woensdag', theme: 'koken-en-eten' }));
			expect((await getPost(database.db, bram, id)).post.title).toBe('Samen koken op woensdag');
			await setPostClosed(database.db, anna, id, true);
			await expect(getPost(database.db, bram, id)).rejects.toThrow(NotFound);
			expect(await titles(bram)).not.toContain('Samen koken op woensdag');
			expect((await getPost(database.db, anna, id)).post.closedAt).not.toBeNull();
			expect(await titles(anna, { mine: true })).toContain('Samen koken op woensdag');
			await setPostClosed(database.db, anna, id, false);
			expect(await titles(bram)).toContain('Samen koken op woensdag');
		});

		it('after its end day a post pauses: others no longer see it, its writer does', async () => {
			const { id } = await createPost(database.db, anna, input({ title: 'Hulp bij verhuizen' }));
			await database.db.update(exchangePost).set({ endsOn: '2020-01-01' }).where(eq(exchangePost.id, id));
			await expect(getPost(database.db, bram, id)).rejects.toThrow(NotFound);
			expect((await getPost(database.db, anna, id)).paused).toBe(true);
		});

		it('finds by words with Dutch stemming and prefixes ("fiets" finds "fietsen"), by kind and by theme', async () => {
			await createPost(database.db, anna, input({ title: 'Samen fietsen langs de Vecht', body: '', theme: 'bewegen-en-buiten' }));
			await createPost(database.db, anna, input({ kind: 'request', title: 'Wie kan mijn fiets maken?', body: '', theme: 'huis-en-klussen' }));
			expect((await titles(bram, { words: 'fiets' })).sort()).toEqual(['Samen fietsen langs de Vecht', 'Wie kan mijn fiets maken?']);
			expect(await titles(bram, { words: 'fietsen' })).toContain('Samen fietsen langs de Vecht');
			expect(await titles(bram, { words: 'formulier' })).toEqual(['Ik help met formulieren']);
			expect(await titles(bram, { words: 'belasting' })).toContain('Ik help met formulieren');
			expect(await titles(bram, { words: 'belasting' })).not.toContain('Samen fietsen langs de Vecht');
			expect(await titles(bram, { words: 'fiets', kind: 'request' })).toEqual(['Wie kan mijn fiets maken?']);
			expect(await titles(bram, { words: 'fiets', theme: 'bewegen-en-buiten' })).toEqual(['Samen fietsen langs de Vecht']);
			expect(await titles(bram, { words: "'); drop table exchange_post; --" })).toEqual([]);
			expect(await titles(bram, { words: 'de' })).toEqual([]);
		});

		it('reads a bounded page, newest first, and the next page starts after the last one', async () => {
			const first = await listPosts(database.db, bram, {}, 2);
			expect(first.posts).toHaveLength(2);
			expect(first.next).toBe(first.posts[1].id);
			const all = await titles(bram);
			const second = await listPosts(database.db, bram, { after: first.next! }, 2);
			expect(second.posts.map((p) => p.title)).toEqual(all.slice(2, 4));
		});

		it('the form keeps what was typed and names each mistake', () => {
			const result = postForm.safeParse({ kind: 'offer', title: '', theme: 'raket', where: 'town', town: '', audience: 'initiative', endsOn: '31-02-2030', initiativeId: kroon.id });
			expect(result.success).toBe(false);
			const fields = Object.fromEntries(result.error!.issues.map((i) => [i.path[0], i.message]));
			expect(fields).toEqual({ title: 'exchange_error_title', theme: 'exchange_error_theme', town: 'exchange_error_town', endsOn: 'exchange_error_ends_on' });
			const online = postForm.safeParse({ kind: 'request', title: 'Uitleg over mijn telefoon', theme: 'computer-en-telefoon', where: 'online', town: 'Zwolle', audience: 'network', endsOn: '', initiativeId: kroon.id });
			expect(online.success && online.data).toMatchObject({ online: true, town: '', endsOn: null });
		});

		it('the export holds the posts a person wrote; deleting the account removes them', async () => {
			const exported = (await exchangePersonalData.collect(database.db, anna)) as Array<{ title: string }>;
			expect(exported.map((p) => p.title)).toContain('Ik help met formulieren');
			expect(await exchangePersonalData.collect(database.db, bram)).toEqual([]);
		});
	});
}
