import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedIn, Viewer } from '../accounts/viewer.ts';
import type { Database } from '../db/index.ts';
import { initiative, membership } from '../initiatives/schema.ts';
import { databases } from '../../../../tests/helpers/databases.ts';
import { makePerson } from '../../../../tests/helpers/people.ts';
import { NotFound, SignInRequired, type Role } from './core.ts';
import { initiativeFor, requireCoordinator, requireMember, reviewNoteFor, roleIn } from './initiatives.ts';

/*
 * Who may see and run an initiative (access/initiatives.ts), in plain words.
 * Every persona meets the same initiative in each of its three states; "this
 * initiative" below is that one, "another initiative" is a published one next
 * to it.
 */

const PERSONAS = [
	'an anonymous visitor',
	'a signed-in person in no initiative',
	'a member of another initiative',
	'a coordinator of another initiative',
	'a member',
	'a coordinator',
	'the association admin'
] as const;
type Persona = (typeof PERSONAS)[number];

const STATES = { published: 'published', pending: 'pending', unpublished: 'taken-offline' } as const;
type State = keyof typeof STATES;
/** For test names: each state with its words. */
const EACH_STATE = (Object.keys(STATES) as State[]).map((state) => ({ state, words: STATES[state] }));

/** What a persona gets from `initiativeFor`: the initiative with their role, or "not found". */
type Sight = Role | 'no role' | 'not found';

/** Each row one rule: who sees an initiative in which state, and as what. */
const SEEING: Array<{ rule: string; state: State; sights: Record<Persona, Sight> }> = [
	{
		rule: 'a published initiative is seen by everyone; only its own members have a role in it',
		state: 'published',
		sights: {
			'an anonymous visitor': 'no role',
			'a signed-in person in no initiative': 'no role',
			'a member of another initiative': 'no role',
			'a coordinator of another initiative': 'no role',
			'a member': 'member',
			'a coordinator': 'coordinator',
			'the association admin': 'no role'
		}
	},
	{
		rule: 'a pending initiative is seen by its own members and the admin only',
		state: 'pending',
		sights: {
			'an anonymous visitor': 'not found',
			'a signed-in person in no initiative': 'not found',
			'a member of another initiative': 'not found',
			'a coordinator of another initiative': 'not found',
			'a member': 'member',
			'a coordinator': 'coordinator',
			'the association admin': 'no role'
		}
	},
	{
		rule: 'a taken-offline initiative is seen by its own members and the admin only',
		state: 'unpublished',
		sights: {
			'an anonymous visitor': 'not found',
			'a signed-in person in no initiative': 'not found',
			'a member of another initiative': 'not found',
			'a coordinator of another initiative': 'not found',
			'a member': 'member',
			'a coordinator': 'coordinator',
			'the association admin': 'no role'
		}
	}
];

/** What a persona gets from a guard: let through with a role, or stopped. */
type Outcome = Role | 'not found' | 'sign in first';

/** The same in every state of the initiative: being hidden never opens a guard, being a member always does. */
const MEMBERS_ONLY: Record<Persona, Outcome> = {
	'an anonymous visitor': 'sign in first',
	'a signed-in person in no initiative': 'not found',
	'a member of another initiative': 'not found',
	'a coordinator of another initiative': 'not found',
	'a member': 'member',
	'a coordinator': 'coordinator',
	'the association admin': 'not found'
};
const COORDINATORS_ONLY: Record<Persona, Outcome> = { ...MEMBERS_ONLY, 'a member': 'not found' };

async function outcome(check: Promise<{ role: Role | null }>): Promise<Sight | Outcome> {
	try {
		return (await check).role ?? 'no role';
	} catch (error) {
		if (error instanceof NotFound) return 'not found';
		if (error instanceof SignInRequired) return 'sign in first';
		throw error;
	}
}

for (const target of databases) {
	describe.skipIf(target.skip)(`access to initiatives on ${target.name}`, () => {
		let database: Database & { drop(): Promise<void> };
		const people = {} as Record<Persona, Viewer>;
		const initiatives = {} as Record<State, { id: string; slug: string }>;

		async function addInitiative(name: string, status: State) {
			const slug = `${name}-${randomUUID().slice(0, 8)}`;
			const [row] = await database.db.insert(initiative).values({ slug, name, town: 'Zwolle', status }).returning({ id: initiative.id, slug: initiative.slug });
			return row;
		}
		async function addMember(person: Viewer, initiativeId: string, role: Role) {
			await database.db.insert(membership).values({ initiativeId, userId: (person as SignedIn).userId, role });
		}

		beforeAll(async () => {
			database = await target.open();
			const db = database.db;
			people['an anonymous visitor'] = null;
			people['a signed-in person in no initiative'] = await makePerson(db, 'Dewi');
			people['a member of another initiative'] = await makePerson(db, 'Eva');
			people['a coordinator of another initiative'] = await makePerson(db, 'Fenna');
			people['a member'] = await makePerson(db, 'Bram');
			people['a coordinator'] = await makePerson(db, 'Anna');
			people['the association admin'] = await makePerson(db, 'Beheer', { isAdmin: true });
			const other = await addInitiative('het-anker', 'published');
			await addMember(people['a member of another initiative'], other.id, 'member');
			await addMember(people['a coordinator of another initiative'], other.id, 'coordinator');
			for (const state of Object.keys(STATES) as State[]) {
				initiatives[state] = await addInitiative(`de-kroon-${state}`, state);
				await addMember(people['a member'], initiatives[state].id, 'member');
				await addMember(people['a coordinator'], initiatives[state].id, 'coordinator');
			}
		});
		afterAll(() => database?.drop());

		describe('initiativeFor: who sees an initiative', () => {
			it.each(SEEING)('$rule', async ({ state, sights }) => {
				const seen = {} as Record<Persona, Sight | Outcome>;
				for (const persona of PERSONAS) seen[persona] = await outcome(initiativeFor(database.db, people[persona], { id: initiatives[state].id }));
				expect(seen).toEqual(sights);
			});

			it.each(SEEING)('its address (slug) gives the same answer as its id: $rule', async ({ state, sights }) => {
				const seen = {} as Record<Persona, Sight | Outcome>;
				for (const persona of PERSONAS) seen[persona] = await outcome(initiativeFor(database.db, people[persona], { slug: initiatives[state].slug }));
				expect(seen).toEqual(sights);
			});

			it('a hidden initiative looks the same as one that does not exist: not found, never "sign in first"', async () => {
				await expect(initiativeFor(database.db, null, { id: initiatives.pending.id })).rejects.toThrow(NotFound);
				await expect(initiativeFor(database.db, null, { id: randomUUID() })).rejects.toThrow(NotFound);
				await expect(initiativeFor(database.db, null, { slug: 'bestaat-niet' })).rejects.toThrow(NotFound);
			});

			it('an unknown initiative is not found, also by the admin', async () => {
				await expect(initiativeFor(database.db, people['the association admin'], { id: randomUUID() })).rejects.toThrow(NotFound);
				await expect(initiativeFor(database.db, people['the association admin'], { slug: 'bestaat-niet' })).rejects.toThrow(NotFound);
			});

			it('it gives the initiative itself, with its state', async () => {
				const { initiative: found } = await initiativeFor(database.db, people['a member'], { id: initiatives.pending.id });
				expect(found).toMatchObject({ id: initiatives.pending.id, slug: initiatives.pending.slug, status: 'pending' });
			});
		});

		describe('roleIn: the role a person has in an initiative', () => {
			const ROLES: Record<Persona, Role | null> = {
				'an anonymous visitor': null,
				'a signed-in person in no initiative': null,
				'a member of another initiative': null,
				'a coordinator of another initiative': null,
				'a member': 'member',
				'a coordinator': 'coordinator',
				'the association admin': null
			};
			it.each(EACH_STATE)('only its own members have a role in a $words initiative; the admin has none', async ({ state }) => {
				const roles = {} as Record<Persona, Role | null>;
				for (const persona of PERSONAS) roles[persona] = await roleIn(database.db, people[persona], initiatives[state].id);
				expect(roles).toEqual(ROLES);
			});

			it('nobody has a role in an initiative that does not exist', async () => {
				expect(await roleIn(database.db, people['a coordinator'], randomUUID())).toBeNull();
			});
		});

		describe('requireMember: only members of the initiative, in any role', () => {
			it.each(EACH_STATE)('a $words initiative lets in its members and coordinators; the admin and members of other initiatives must not pass', async ({ state }) => {
				const got = {} as Record<Persona, Sight | Outcome>;
				for (const persona of PERSONAS) got[persona] = await outcome(requireMember(database.db, people[persona], { id: initiatives[state].id }));
				expect(got).toEqual(MEMBERS_ONLY);
			});

			it('an anonymous visitor is asked to sign in first, also for an initiative that does not exist', async () => {
				await expect(requireMember(database.db, null, { slug: initiatives.published.slug })).rejects.toThrow(SignInRequired);
				await expect(requireMember(database.db, null, { id: randomUUID() })).rejects.toThrow(SignInRequired);
			});

			it('it finds the initiative by its address (slug) too', async () => {
				expect((await requireMember(database.db, people['a member'], { slug: initiatives.unpublished.slug })).role).toBe('member');
				await expect(requireMember(database.db, people['a member of another initiative'], { slug: initiatives.published.slug })).rejects.toThrow(NotFound);
			});
		});

		describe('requireCoordinator: only the coordinators of the initiative', () => {
			it.each(EACH_STATE)('a $words initiative is run by its coordinators only: not by a member, a coordinator of another initiative or the admin', async ({ state }) => {
				const got = {} as Record<Persona, Sight | Outcome>;
				for (const persona of PERSONAS) got[persona] = await outcome(requireCoordinator(database.db, people[persona], { id: initiatives[state].id }));
				expect(got).toEqual(COORDINATORS_ONLY);
			});

			it('an anonymous visitor is asked to sign in first', async () => {
				await expect(requireCoordinator(database.db, null, { slug: initiatives.published.slug })).rejects.toThrow(SignInRequired);
			});

			it('a coordinator of another initiative may not run this one, by its address (slug) either', async () => {
				await expect(requireCoordinator(database.db, people['a coordinator of another initiative'], { slug: initiatives.published.slug })).rejects.toThrow(NotFound);
				expect((await requireCoordinator(database.db, people['a coordinator'], { slug: initiatives.published.slug })).role).toBe('coordinator');
			});
		});

		describe('reviewNoteFor: why the association declined an initiative', () => {
			it('only its own coordinators read the reason; a member, the admin and everyone else do not', async () => {
				const reason = `Vertel meer over jullie ${randomUUID()}`;
				await database.db.update(initiative).set({ reviewNote: reason }).where(eq(initiative.id, initiatives.unpublished.id));
				const read = {} as Record<Persona, string | null | Outcome>;
				for (const persona of PERSONAS) {
					const access = initiativeFor(database.db, people[persona], { id: initiatives.unpublished.id });
					read[persona] = await access.then(reviewNoteFor, (error) => outcome(Promise.reject(error)));
				}
				expect(read).toEqual({
					'an anonymous visitor': 'not found',
					'a signed-in person in no initiative': 'not found',
					'a member of another initiative': 'not found',
					'a coordinator of another initiative': 'not found',
					'a member': null,
					'a coordinator': reason,
					'the association admin': null
				});
			});

			it('once public, the reason is read by nobody', async () => {
				await database.db.update(initiative).set({ reviewNote: 'oud' }).where(eq(initiative.id, initiatives.published.id));
				const access = await initiativeFor(database.db, people['a coordinator'], { id: initiatives.published.id });
				expect(reviewNoteFor(access)).toBeNull();
			});
		});
	});
}
