import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedIn, Viewer } from '../accounts/viewer.ts';
import type { Database } from '../db/index.ts';
import { initiative, membership } from '../initiatives/schema.ts';
import { story } from '../stories/schema.ts';
import { databases } from '../../../../tests/helpers/databases.ts';
import { makePerson } from '../../../../tests/helpers/people.ts';
import { allowed } from '../../../../tests/helpers/allowed.ts';
import { NotFound, SignInRequired } from './core.ts';
import { listedStoriesFor, requireRedactie, requireWriter, storyByLink, storyFor } from './stories.ts';

/** Who may read an ervaringsverhaal, in plain words, for every persona and every visibility. */

const TODAY = '2026-12-04';

type Persona = 'anonymous' | 'noInitiative' | 'otherInitiative' | 'otherCoordinator' | 'member' | 'coordinator' | 'admin' | 'writer';
type Kind = 'public' | 'network' | 'initiative' | 'link' | 'draft' | 'review' | 'ended' | 'withdrawn';

/** Which stories each persona may open by their address (a `link` story only through its secret link). */
const MAY_READ: Record<Persona, Kind[]> = {
	anonymous: ['public', 'withdrawn'],
	noInitiative: ['public', 'withdrawn'],
	otherInitiative: ['public', 'network', 'withdrawn'],
	otherCoordinator: ['public', 'network', 'withdrawn'],
	member: ['public', 'network', 'initiative', 'withdrawn'],
	// the coordinator is redactie of the writer's initiative: they also read what waits for them
	coordinator: ['public', 'network', 'initiative', 'review', 'withdrawn'],
	// the admin is redactie for every initiative, but reads no members' stories
	admin: ['public', 'review', 'withdrawn'],
	writer: ['public', 'network', 'initiative', 'link', 'draft', 'review', 'ended', 'withdrawn']
};

/** Which stories each persona finds in lists, search and the feed. */
const FINDS: Record<Persona, Kind[]> = {
	anonymous: ['public'],
	noInitiative: ['public'],
	otherInitiative: ['public', 'network'],
	otherCoordinator: ['public', 'network'],
	member: ['public', 'network', 'initiative'],
	coordinator: ['public', 'network', 'initiative'],
	admin: ['public'],
	writer: ['public', 'network', 'initiative']
};

for (const target of databases) {
	describe.skipIf(target.skip)(`access to ervaringsverhalen on ${target.name}`, () => {
		let database: Database & { drop(): Promise<void> };
		const people = {} as Record<Persona, Viewer>;
		const ids = {} as Record<Kind, string>;
		const tokens = {} as Record<Kind, string>;

		const reads = (viewer: Viewer, id: string) => allowed(() => storyFor(database.db, viewer, id, TODAY));

		beforeAll(async () => {
			database = await target.open();
			const db = database.db;
			const names: Persona[] = ['noInitiative', 'otherInitiative', 'otherCoordinator', 'member', 'coordinator', 'admin', 'writer'];
			const made = await Promise.all(names.map((n) => makePerson(db, n, { isAdmin: n === 'admin' })));
			names.forEach((n, i) => (people[n] = made[i]));
			people.anonymous = null;
			const [kroon, anker] = await db
				.insert(initiative)
				.values([
					{ slug: 'de-kroon', name: 'De Kroon', town: 'Zwolle', status: 'published' },
					{ slug: 'het-anker', name: 'Het Anker', town: 'Kampen', status: 'published' }
				])
				.returning();
			const id = (p: Persona) => (people[p] as SignedIn).userId;
			await db.insert(membership).values([
				{ initiativeId: kroon.id, userId: id('writer') },
				{ initiativeId: kroon.id, userId: id('member') },
				{ initiativeId: kroon.id, userId: id('coordinator'), role: 'coordinator' },
				{ initiativeId: anker.id, userId: id('otherInitiative') },
				{ initiativeId: anker.id, userId: id('otherCoordinator'), role: 'coordinator' }
			]);
			const kinds: Array<[Kind, Partial<typeof story.$inferInsert>]> = [
				['public', { visibility: 'public', status: 'published' }],
				['network', { visibility: 'network', status: 'published' }],
				['initiative', { visibility: 'initiative', status: 'published' }],
				['link', { visibility: 'link', status: 'published' }],
				['draft', { visibility: 'public', status: 'draft' }],
				['review', { visibility: 'public', status: 'review' }],
				['ended', { visibility: 'public', status: 'published', visibleUntil: '2026-12-03' }],
				['withdrawn', { visibility: 'public', status: 'withdrawn', title: '' }]
			];
			for (const [kind, values] of kinds) {
				const token = randomBytes(32).toString('base64url');
				const [row] = await db
					.insert(story)
					.values({ title: `Verhaal ${kind}`, body: 'Tekst', initiativeId: kroon.id, writerId: id('writer'), linkToken: token, publishedAt: new Date(), ...values })
					.returning({ id: story.id });
				ids[kind] = row.id;
				tokens[kind] = token;
			}
		});
		afterAll(() => database?.drop());

		for (const persona of Object.keys(MAY_READ) as Persona[]) {
			it(`${persona} opens exactly: ${MAY_READ[persona].join(', ')}`, async () => {
				const opened: Kind[] = [];
				for (const kind of Object.keys(ids) as Kind[]) if (await reads(people[persona], ids[kind])) opened.push(kind);
				expect(opened.sort()).toEqual([...MAY_READ[persona]].sort());
			});

			it(`${persona} finds in lists only: ${FINDS[persona].join(', ')}`, async () => {
				const rows = await database.db.select({ title: story.title }).from(story).where(listedStoriesFor(people[persona], TODAY));
				expect(rows.map((r) => r.title.replace('Verhaal ', '')).sort()).toEqual([...FINDS[persona]].sort());
			});

			it(`${persona} reads a link story with its secret link, and nothing else by that link`, async () => {
				await expect(storyByLink(database.db, people[persona], tokens.link, TODAY)).resolves.toMatchObject({ story: { id: ids.link } });
				for (const kind of ['public', 'initiative', 'draft'] as Kind[]) {
					await expect(storyByLink(database.db, people[persona], tokens[kind], TODAY)).rejects.toBeInstanceOf(NotFound);
				}
			});
		}

		it('nobody checks their own story as redactie, and a coordinator of an initiative that waits for approval is no redactie', async () => {
			const db = database.db;
			const [waiting] = await db.insert(initiative).values({ slug: 'wacht', name: 'Wacht', town: 'Zwolle', status: 'pending' }).returning();
			const starter = await makePerson(db, 'Starter');
			await db.insert(membership).values({ initiativeId: waiting.id, userId: starter.userId, role: 'coordinator' });
			const [own] = await db
				.insert(story)
				.values({ title: 'Eigen', initiativeId: waiting.id, writerId: starter.userId, linkToken: randomBytes(32).toString('base64url'), visibility: 'public', status: 'review' })
				.returning({ id: story.id });
			await expect(requireRedactie(db, starter, own.id)).rejects.toBeInstanceOf(NotFound);
			await expect(requireRedactie(db, people.admin, own.id)).resolves.toMatchObject({ isRedactie: true });
		});

		it('only the writer may change a story; everyone else, coordinators and admin too, gets not found', async () => {
			await expect(requireWriter(database.db, people.writer, ids.public)).resolves.toMatchObject({ isWriter: true });
			for (const p of ['member', 'coordinator', 'admin', 'otherCoordinator'] as Persona[]) {
				await expect(requireWriter(database.db, people[p], ids.public)).rejects.toBeInstanceOf(NotFound);
			}
			await expect(requireWriter(database.db, null, ids.public)).rejects.toBeInstanceOf(SignInRequired);
		});

		it('the redactie is the coordinators of the writer’s initiative and the admin, for waiting stories only', async () => {
			for (const p of ['coordinator', 'admin'] as Persona[]) {
				await expect(requireRedactie(database.db, people[p], ids.review)).resolves.toMatchObject({ isRedactie: true });
				await expect(requireRedactie(database.db, people[p], ids.draft)).rejects.toBeInstanceOf(NotFound);
				await expect(requireRedactie(database.db, people[p], ids.public)).rejects.toBeInstanceOf(NotFound);
			}
			for (const p of ['member', 'otherCoordinator', 'otherInitiative', 'writer'] as Persona[]) {
				await expect(requireRedactie(database.db, people[p], ids.review)).rejects.toBeInstanceOf(NotFound);
			}
		});
	});
}
