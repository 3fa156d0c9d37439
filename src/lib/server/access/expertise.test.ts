import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedIn, Viewer } from '../accounts/viewer.ts';
import type { Database } from '../db/index.ts';
import { expertProfile, poolCoordinator } from '../expertise/schema.ts';
import { poolOverview, searchExperts } from '../expertise/read.ts';
import { initiative, membership } from '../initiatives/schema.ts';
import { databases } from '../../../../tests/helpers/databases.ts';
import { makePerson } from '../../../../tests/helpers/people.ts';
import { allowed } from '../../../../tests/helpers/allowed.ts';
import { expertProfileFor, notAboutFor, requirePoolCoordinator } from './expertise.ts';

/** Who may see an expert profile and "hier praat ik niet over", for every persona. */

type Persona = 'anonymous' | 'member' | 'expert' | 'anotherExpert' | 'coordinator' | 'poolCoordinator' | 'localPoolCoordinator' | 'admin';
/** `expert`'s and `anotherExpert`'s profiles are published; `quiet`'s is not. */
type Profile = 'expert' | 'anotherExpert' | 'quiet';

const MAY_OPEN: Record<Persona, Profile[]> = {
	anonymous: ['expert', 'anotherExpert'],
	member: ['expert', 'anotherExpert'],
	expert: ['expert', 'anotherExpert'],
	anotherExpert: ['expert', 'anotherExpert'],
	coordinator: ['expert', 'anotherExpert'],
	// pool coordinators work with published profiles only: an unpublished one is its writer's alone
	poolCoordinator: ['expert', 'anotherExpert'],
	localPoolCoordinator: ['expert', 'anotherExpert'],
	admin: ['expert', 'anotherExpert']
};

/** "Hier praat ik niet over": the expert's own, and the profiles a pool coordinator works with. */
const READS_NOT_ABOUT: Record<Persona, Profile[]> = {
	anonymous: [],
	member: [],
	expert: ['expert'],
	anotherExpert: ['anotherExpert'],
	// the coordinator of the expert's initiative is no pool coordinator
	coordinator: [],
	poolCoordinator: ['expert', 'anotherExpert'],
	// a pool coordinator of the expert's initiative: that initiative's members only
	localPoolCoordinator: ['expert'],
	// being admin gives no more than any member
	admin: []
};

const POOL: Persona[] = ['poolCoordinator', 'localPoolCoordinator'];

for (const target of databases) {
	describe.skipIf(target.skip)(`access to the expertise pool on ${target.name}`, () => {
		let database: Database & { drop(): Promise<void> };
		const people = {} as Record<Persona | 'quiet', Viewer>;
		const ids = {} as Record<Profile, string>;

		beforeAll(async () => {
			database = await target.open();
			const db = database.db;
			const names = ['member', 'expert', 'anotherExpert', 'coordinator', 'poolCoordinator', 'localPoolCoordinator', 'admin', 'quiet'] as const;
			const made = await Promise.all(names.map((n) => makePerson(db, n, { isAdmin: n === 'admin' })));
			names.forEach((n, i) => (people[n] = made[i]));
			people.anonymous = null;
			const id = (p: Persona | 'quiet') => (people[p] as SignedIn).userId;
			const [kroon, anker] = await db
				.insert(initiative)
				.values([
					{ slug: 'de-kroon', name: 'De Kroon', town: 'Zwolle', status: 'published' },
					{ slug: 'het-anker', name: 'Het Anker', town: 'Kampen', status: 'published' }
				])
				.returning();
			await db.insert(membership).values([
				{ initiativeId: kroon.id, userId: id('expert') },
				{ initiativeId: kroon.id, userId: id('member') },
				{ initiativeId: kroon.id, userId: id('quiet') },
				{ initiativeId: kroon.id, userId: id('coordinator'), role: 'coordinator' },
				{ initiativeId: anker.id, userId: id('anotherExpert') },
				// An initiative's own pool coordinator is its member: the task counts only while they are.
				{ initiativeId: kroon.id, userId: id('localPoolCoordinator') }
			]);
			await db.insert(poolCoordinator).values([{ userId: id('poolCoordinator') }, { userId: id('localPoolCoordinator'), initiativeId: kroon.id }]);
			for (const [owner, publishedAt] of [['expert', new Date()], ['anotherExpert', new Date()], ['quiet', null]] as const) {
				const [row] = await db
					.insert(expertProfile)
					.values({ userId: id(owner), introduction: `Over ${owner}`, notAbout: `Niet over ${owner}`, themes: ['herstel'], forms: ['gastles'], online: true, publishedAt })
					.returning({ id: expertProfile.id });
				ids[owner] = row.id;
			}
		});
		afterAll(() => database?.drop());

		for (const persona of Object.keys(MAY_OPEN) as Persona[]) {
			it(`${persona} opens exactly: ${MAY_OPEN[persona].join(', ')}`, async () => {
				const opened: Profile[] = [];
				for (const p of Object.keys(ids) as Profile[]) if (await allowed(() => expertProfileFor(database.db, people[persona], ids[p]))) opened.push(p);
				expect(opened.sort()).toEqual([...MAY_OPEN[persona]].sort());
			});

			it(`${persona} reads "hier praat ik niet over" of exactly: ${READS_NOT_ABOUT[persona].join(', ') || 'none'}`, async () => {
				const read: Profile[] = [];
				for (const p of Object.keys(ids) as Profile[]) {
					if (await allowed(() => notAboutFor(database.db, people[persona], ids[p]))) read.push(p);
					const access = await expertProfileFor(database.db, people[persona], ids[p]).catch(() => null);
					// the public part never carries it, whoever asks
					if (access) expect(JSON.stringify(access.profile)).not.toContain('Niet over');
				}
				expect(read.sort()).toEqual([...READS_NOT_ABOUT[persona]].sort());
			});

			it(`${persona} ${POOL.includes(persona) ? 'opens' : 'does not open'} the pool coordinators' overview`, async () => {
				expect(await allowed(() => requirePoolCoordinator(database.db, people[persona]))).toBe(POOL.includes(persona));
				expect(await allowed(() => poolOverview(database.db, people[persona], { page: 1 }))).toBe(POOL.includes(persona));
			});
		}

		it('only its owner opens an unpublished profile, and reads what is in it', async () => {
			await expect(expertProfileFor(database.db, people.quiet, ids.quiet)).resolves.toMatchObject({ isOwner: true, mayReadNotAbout: true });
			await expect(notAboutFor(database.db, people.quiet, ids.quiet)).resolves.toBe('Niet over quiet');
		});

		it('the public search shows published profiles only, without "hier praat ik niet over"', async () => {
			const found = await searchExperts(database.db, { page: 1 });
			expect(found.experts.map((e) => e.id).sort()).toEqual([ids.expert, ids.anotherExpert].sort());
			expect(JSON.stringify(found)).not.toContain('Niet over');
		});

		it('the overview shows each pool coordinator the published profiles they work with, never an unpublished one', async () => {
			const wide = await poolOverview(database.db, people.poolCoordinator, { page: 1 });
			expect(wide.experts.map((e) => e.notAbout).sort()).toEqual(['Niet over anotherExpert', 'Niet over expert']);
			const local = await poolOverview(database.db, people.localPoolCoordinator, { page: 1 });
			expect(local.experts.map((e) => e.notAbout)).toEqual(['Niet over expert']);
		});
	});
}
