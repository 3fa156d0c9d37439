import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFound, SignInRequired } from '#lib/server/access/core.ts';
import type { SignedIn } from '#lib/server/accounts/viewer.ts';
import type { Database } from '#lib/server/db/index.ts';
import { boardFor } from '#lib/server/exchange/board.ts';
import { placeFilter } from '#lib/server/exchange/place.ts';
import { readPostQuery } from '#lib/server/exchange/query.ts';
import { listPosts } from '#lib/server/exchange/service.ts';
import { exchangePause, exchangePost } from '#lib/server/exchange/schema.ts';
import { createInitiative, type Initiative } from '#lib/server/initiatives/service.ts';
import { membership } from '#lib/server/initiatives/schema.ts';
import { contactBlock } from '#lib/server/messages/schema.ts';
import { databases } from '../helpers/databases.ts';
import { makePerson } from '../helpers/people.ts';

const NOW = new Date('2026-12-04T10:00:00Z');

for (const target of databases) {
	describe.skipIf(target.skip)(`vraag & aanbod close by (the prikbord, near a place) on ${target.name}`, () => {
		let database: Database & { drop(): Promise<void> };
		let admin: SignedIn, anna: SignedIn, bram: SignedIn, cor: SignedIn;
		let kroon: Initiative, anker: Initiative;
		const titles = async (viewer: SignedIn, slug = kroon.slug) => (await boardFor(database.db, viewer, slug, NOW)).posts.map((p) => p.title).sort();

		beforeAll(async () => {
			database = await target.open();
			admin = await makePerson(database.db, 'Beheer', { isAdmin: true });
			anna = await makePerson(database.db, 'Anna');
			bram = await makePerson(database.db, 'Bram');
			cor = await makePerson(database.db, 'Cor');
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
			const post = { kind: 'offer' as const, body: '', theme: 'gezelschap' as const, town: 'Zwolle', createdAt: NOW };
			await database.db.insert(exchangePost).values([
				{ ...post, title: 'Samen koken', initiativeId: kroon.id, createdBy: anna.userId },
				{ ...post, kind: 'request', title: 'Wie loopt mee?', initiativeId: kroon.id, createdBy: anna.userId, audience: 'network' },
				{ ...post, title: 'Gesloten aanbod', initiativeId: kroon.id, createdBy: anna.userId, closedAt: NOW },
				{ ...post, title: 'Verlopen vraag', initiativeId: kroon.id, createdBy: anna.userId, endsOn: '2026-12-03' },
				{ ...post, title: 'Verborgen aanbod', initiativeId: kroon.id, createdBy: anna.userId, hiddenAt: NOW },
				{ ...post, title: 'Bij het Anker', initiativeId: anker.id, createdBy: cor.userId, audience: 'network' },
				{ ...post, title: 'In Den Bosch', town: 'Den Bosch', initiativeId: anker.id, createdBy: cor.userId, audience: 'network' },
				{ ...post, title: 'In Vught', town: 'vught', initiativeId: anker.id, createdBy: cor.userId, audience: 'network' },
				{ ...post, title: 'Online uitleg', town: '', online: true, initiativeId: anker.id, createdBy: cor.userId, audience: 'network' }
			]);
		});
		afterAll(() => database?.drop());

		it("shows members the initiative's open offers and requests, not closed, ended or other initiatives' ones", async () => {
			expect(await titles(bram)).toEqual(['Samen koken', 'Wie loopt mee?']);
			// Also the writer's own closed, ended and hidden posts stay off the paper, and all of them while she takes a break.
			expect(await titles(anna)).toEqual(['Samen koken', 'Wie loopt mee?']);
			await database.db.insert(exchangePause).values({ userId: anna.userId, until: null });
			expect(await titles(anna)).toEqual([]);
			expect(await titles(bram)).toEqual([]);
			await database.db.delete(exchangePause);
		});

		it('carries no names of who wrote the posts', async () => {
			const board = await boardFor(database.db, bram, kroon.slug, NOW);
			expect(JSON.stringify(board.posts)).not.toContain('Anna');
			expect(JSON.stringify(board.posts)).not.toContain(anna.userId);
		});

		it('is for members only: not for members of another initiative, the admin, or anyone signed out', async () => {
			await expect(boardFor(database.db, cor, kroon.slug, NOW)).rejects.toThrow(NotFound);
			await expect(boardFor(database.db, admin, kroon.slug, NOW)).rejects.toThrow(NotFound);
			await expect(boardFor(database.db, null, kroon.slug, NOW)).rejects.toThrow(SignInRequired);
			await expect(boardFor(database.db, bram, 'bestaat-niet', NOW)).rejects.toThrow(NotFound);
		});

		it('finds posts near a place, however the place was written, and online ones everywhere', async () => {
			const near = async (search: string) => {
				const query = readPostQuery(new URLSearchParams(search));
				const { places } = await placeFilter(query.form);
				return (await listPosts(database.db, bram, { ...query.filter, places }, 100)).posts.map((p) => p.title).sort();
			};
			expect(await near("plaats='s-Hertogenbosch&afstand=10")).toEqual(['In Den Bosch', 'In Vught', 'Online uitleg']);
			expect(await near('plaats=Zwolle&afstand=5')).toEqual(['Bij het Anker', 'Online uitleg', 'Samen koken', 'Wie loopt mee?']);
			// All of the country, or a place we do not know: no place filter.
			expect(await near('plaats=Zwolle&afstand=alle')).toHaveLength(6);
			const unknown = await placeFilter(readPostQuery(new URLSearchParams('plaats=Zwole')).form);
			expect(unknown.places).toBeUndefined();
			expect(unknown.location).toMatchObject({ kind: 'unknown', suggestions: expect.arrayContaining(['Zwolle']) });
		});

		it('leaves out the posts of someone who chose "geen contact meer" with the viewer', async () => {
			await database.db.insert(contactBlock).values({ blockerId: anna.userId, blockedId: bram.userId });
			expect(await titles(bram)).toEqual([]);
			await database.db.delete(contactBlock);
		});
	});
}
