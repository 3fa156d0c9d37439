import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedIn, Viewer } from '../accounts/viewer.ts';
import { activity, activityHost, ACTIVITY_STATUSES, ACTIVITY_VISIBILITIES } from '../activities/schema.ts';
import type { Database } from '../db/index.ts';
import { initiative, membership } from '../initiatives/schema.ts';
import { databases } from '../../../../tests/helpers/databases.ts';
import { makePerson } from '../../../../tests/helpers/people.ts';
import { activityFor, activityPhotoAccess, canSeeActivity, requireActivityManager, type ActivityAccess } from './activities.ts';
import { inNetwork } from './initiatives.ts';
import { NotFound, SignInRequired, type Role } from './core.ts';

/*
 * Who may see an activity and who may run it (access/activities.ts), in plain
 * words. "This initiative" holds one activity of every kind: public, network
 * and members-only, each published, proposed and cancelled, all made by the
 * host with the co-host beside them. It exists in each of its three states.
 */

type Visibility = (typeof ACTIVITY_VISIBILITIES)[number];
type Status = (typeof ACTIVITY_STATUSES)[number];
type Kind = `${Visibility} ${Status}`;
const KINDS = ACTIVITY_VISIBILITIES.flatMap((v) => ACTIVITY_STATUSES.map((s): Kind => `${v} ${s}`));

const OPEN: Kind[] = ['public published', 'public cancelled'];
const NETWORK: Kind[] = ['network published', 'network cancelled'];
const MEMBERS: Kind[] = ['members published', 'members cancelled'];
const PROPOSALS: Kind[] = ['public proposed', 'network proposed', 'members proposed'];
const ALL = KINDS;

const PERSONAS = [
	'an anonymous visitor',
	'a signed-in person in no initiative',
	'a member of another initiative',
	'a coordinator of another initiative',
	'a member',
	'the host',
	'a co-host',
	'a coordinator',
	'the association admin'
] as const;
type Persona = (typeof PERSONAS)[number];

const STATES = { published: 'published', pending: 'pending', unpublished: 'taken-offline' } as const;
type State = keyof typeof STATES;

/** Each row one rule: which activities of this published initiative a persona sees. */
const SEEN_IN_PUBLISHED: Array<{ rule: string; who: Persona; sees: Kind[] }> = [
	{ who: 'an anonymous visitor', sees: OPEN, rule: 'an anonymous visitor sees public activities, also cancelled ones, but no network or members-only activity and no proposal' },
	{ who: 'a signed-in person in no initiative', sees: OPEN, rule: 'a signed-in person in no initiative sees only what an anonymous visitor sees' },
	{ who: 'a member of another initiative', sees: [...OPEN, ...NETWORK], rule: 'a member of another initiative also sees network activities, but does not see a members-only activity or a proposal' },
	{ who: 'a coordinator of another initiative', sees: [...OPEN, ...NETWORK], rule: 'a coordinator of another initiative sees no more than a member of another initiative' },
	{ who: 'the association admin', sees: OPEN, rule: 'the association admin, in no initiative, sees only what an anonymous visitor sees' },
	{ who: 'a member', sees: [...OPEN, ...NETWORK, ...MEMBERS], rule: "a member sees every activity of their initiative except someone else's proposal" },
	// A host may add a co-host to their proposal, who then cannot see it until it is approved (current rule: see the report).
	{ who: 'a co-host', sees: [...OPEN, ...NETWORK, ...MEMBERS], rule: 'a co-host sees what any member sees, so not a proposal they were added to' },
	{ who: 'the host', sees: ALL, rule: 'the host sees every activity, their own proposals included' },
	{ who: 'a coordinator', sees: ALL, rule: 'a coordinator sees every activity of their initiative, proposals included' }
];

/** In a pending or taken-offline initiative outsiders see nothing; its own members see as before. */
function seenInHidden(state: string): Array<{ rule: string; who: Persona; sees: Kind[] }> {
	return [
		...(['an anonymous visitor', 'a signed-in person in no initiative', 'a member of another initiative', 'a coordinator of another initiative'] as const).map((who) => ({
			who,
			sees: [],
			rule: `${who} sees nothing of a ${state} initiative, not even a public activity`
		})),
		{ who: 'the association admin', sees: [], rule: `the association admin sees none of the activities of a ${state} initiative, though they see the initiative itself` },
		{ who: 'a member', sees: [...OPEN, ...NETWORK, ...MEMBERS], rule: `a member sees the activities of their ${state} initiative as in a published one` },
		{ who: 'a co-host', sees: [...OPEN, ...NETWORK, ...MEMBERS], rule: `a co-host sees the activities of their ${state} initiative as in a published one` },
		{ who: 'the host', sees: ALL, rule: `the host sees all their activities of a ${state} initiative, proposals included` },
		{ who: 'a coordinator', sees: ALL, rule: `a coordinator sees every activity of their ${state} initiative, proposals included` }
	];
}

const SEEN: Record<State, Array<{ rule: string; who: Persona; sees: Kind[] }>> = {
	published: SEEN_IN_PUBLISHED,
	pending: seenInHidden(STATES.pending),
	unpublished: seenInHidden(STATES.unpublished)
};

/** Each row one rule: which activities a persona may manage (edit, cancel, see who comes), the same in every state of the initiative. */
const MANAGED: Array<{ rule: string; who: Persona; manages: Kind[] }> = [
	{ who: 'the host', manages: ALL, rule: 'the host may manage every activity they made, proposals included' },
	{ who: 'a co-host', manages: [...OPEN, ...NETWORK, ...MEMBERS], rule: 'a co-host may manage the activity, but not a proposal (they do not see it)' },
	{ who: 'a coordinator', manages: ALL, rule: 'a coordinator may manage every activity of their initiative' },
	{ who: 'a member', manages: [], rule: "a member may not manage someone else's activity" },
	{ who: 'a member of another initiative', manages: [], rule: "a member of another initiative may not manage this one's activities" },
	{ who: 'a coordinator of another initiative', manages: [], rule: "a coordinator of another initiative may not manage this one's activities" },
	{ who: 'the association admin', manages: [], rule: "the association admin may not manage an initiative's activities" },
	{ who: 'a signed-in person in no initiative', manages: [], rule: 'a signed-in person in no initiative may not manage any activity' },
	{ who: 'an anonymous visitor', manages: [], rule: 'an anonymous visitor may not manage any activity' }
];

/** The role that comes along with an activity: the viewer's role in its initiative. */
const ROLES: Record<Persona, Role | null> = {
	'an anonymous visitor': null,
	'a signed-in person in no initiative': null,
	'a member of another initiative': null,
	'a coordinator of another initiative': null,
	'a member': 'member',
	'the host': 'member',
	'a co-host': 'member',
	'a coordinator': 'coordinator',
	'the association admin': null
};

for (const target of databases) {
	describe.skipIf(target.skip)(`access to activities on ${target.name}`, () => {
		let database: Database & { drop(): Promise<void> };
		const people = {} as Record<Persona, Viewer>;
		/** This initiative's activities, by state of the initiative and kind of activity. */
		const activities = {} as Record<State, Record<Kind, string>>;
		/** Someone who made an activity and was co-host of another, and then left the initiative. */
		let leaver: SignedIn;
		let leftBehind: string;
		/** People whose only initiative waits for approval or was taken offline. */
		let starter: SignedIn, offlineOnly: SignedIn;

		const userId = (viewer: Viewer) => (viewer as SignedIn).userId;
		async function addInitiative(name: string, status: State) {
			const [row] = await database.db
				.insert(initiative)
				.values({ slug: `${name}-${randomUUID().slice(0, 8)}`, name, town: 'Zwolle', status })
				.returning({ id: initiative.id });
			return row.id;
		}
		async function addMember(person: Viewer, initiativeId: string, role: Role = 'member') {
			await database.db.insert(membership).values({ initiativeId, userId: userId(person), role });
		}
		async function addActivity(initiativeId: string, kind: Kind, createdBy: string) {
			const [visibility, status] = kind.split(' ') as [Visibility, Status];
			const [row] = await database.db
				.insert(activity)
				.values({
					initiativeId,
					title: kind,
					kind: 'ontmoeting',
					startsAt: new Date('2026-12-01T13:00:00Z'),
					endsAt: new Date('2026-12-01T15:00:00Z'),
					visibility,
					status,
					createdBy
				})
				.returning({ id: activity.id });
			return row.id;
		}
		/** What `activityFor` shows; null when hidden, which is "not found", never anything else. Asked once per person and activity (the fixtures do not change). */
		const asked = new Map<string, Promise<ActivityAccess | null>>();
		function shown(viewer: Viewer, activityId: string) {
			const key = `${viewer?.userId ?? '-'} ${activityId}`;
			if (!asked.has(key)) asked.set(key, activityFor(database.db, viewer, activityId).catch((error) => (error instanceof NotFound ? null : Promise.reject(error))));
			return asked.get(key)!;
		}
		const sees = async (viewer: Viewer, activityId: string) => (await shown(viewer, activityId)) !== null;

		beforeAll(async () => {
			database = await target.open();
			const db = database.db;
			people['an anonymous visitor'] = null;
			people['a signed-in person in no initiative'] = await makePerson(db, 'Dewi');
			people['a member of another initiative'] = await makePerson(db, 'Eva');
			people['a coordinator of another initiative'] = await makePerson(db, 'Fenna');
			people['a member'] = await makePerson(db, 'Cor');
			people['the host'] = await makePerson(db, 'Bram');
			people['a co-host'] = await makePerson(db, 'Gijs');
			people['a coordinator'] = await makePerson(db, 'Anna');
			people['the association admin'] = await makePerson(db, 'Beheer', { isAdmin: true });
			leaver = await makePerson(db, 'Hanna');
			starter = await makePerson(db, 'Ivo');
			offlineOnly = await makePerson(db, 'Joke');

			const other = await addInitiative('het-anker', 'published');
			await addMember(people['a member of another initiative'], other);
			await addMember(people['a coordinator of another initiative'], other, 'coordinator');
			await addMember(starter, await addInitiative('nieuw-begin', 'pending'), 'coordinator');
			await addMember(offlineOnly, await addInitiative('gestopt', 'unpublished'));

			const ids = {} as Record<State, string>;
			for (const state of Object.keys(STATES) as State[]) {
				const id = (ids[state] = await addInitiative(`de-kroon-${state}`, state));
				for (const who of ['a member', 'the host', 'a co-host'] as const) await addMember(people[who], id);
				await addMember(people['a coordinator'], id, 'coordinator');
				activities[state] = {} as Record<Kind, string>;
				for (const kind of KINDS) {
					activities[state][kind] = await addActivity(id, kind, userId(people['the host']));
					await db.insert(activityHost).values({ activityId: activities[state][kind], userId: userId(people['a co-host']) });
				}
			}
			// The leaver made one public activity and was co-host of another, then left (no membership).
			leftBehind = await addActivity(ids.published, 'public published', leaver.userId);
			await db.insert(activityHost).values({ activityId: activities.published['public published'], userId: leaver.userId });
		});
		afterAll(() => database?.drop());

		describe('activityFor: who sees an activity', () => {
			for (const state of Object.keys(STATES) as State[]) {
				describe(`in a ${STATES[state]} initiative`, () => {
					it.each(SEEN[state])('$rule', async ({ who, sees: expected }) => {
						const seen: Kind[] = [];
						for (const kind of KINDS) if (await sees(people[who], activities[state][kind])) seen.push(kind);
						expect(seen.sort()).toEqual([...expected].sort());
					});
				});
			}

			it('a hidden activity looks the same as one that does not exist: not found, never "sign in first"', async () => {
				await expect(activityFor(database.db, null, activities.published['members published'])).rejects.toThrow(NotFound);
				await expect(activityFor(database.db, null, randomUUID())).rejects.toThrow(NotFound);
				await expect(activityFor(database.db, people['a coordinator'], randomUUID())).rejects.toThrow(NotFound);
			});

			it("the viewer's role in the activity's initiative comes along: member for a member, host or co-host, coordinator for a coordinator, none for anyone else", async () => {
				const roles = {} as Record<Persona, Role | null>;
				for (const who of PERSONAS) roles[who] = (await activityFor(database.db, people[who], activities.published['public published'])).role;
				expect(roles).toEqual(ROLES);
			});

			it('it gives the activity and its initiative', async () => {
				const found = await activityFor(database.db, people['a member'], activities.pending['members published']);
				expect(found.activity).toMatchObject({ id: activities.pending['members published'], visibility: 'members', status: 'published' });
				expect(found.initiative).toMatchObject({ id: found.activity.initiativeId, status: 'pending' });
			});
		});

		describe("activityPhotoAccess: who sees an activity's own photo", () => {
			/** The photo as this persona may fetch it: 'everyone' (shared caches may keep it), 'only some' or 'not found'. */
			const photo = (who: Persona, kind: Kind) =>
				activityPhotoAccess(database.db, people[who], activities.published[kind]).then(
					(found) => (found.public ? 'everyone' : 'only some'),
					(error) => (error instanceof NotFound ? 'not found' : Promise.reject(error))
				);
			const PHOTO_RULES: Array<{ rule: string; who: Persona; members: 'only some' | 'not found' }> = [
				{ who: 'an anonymous visitor', members: 'not found', rule: "an anonymous visitor does not get the photo of a members-only activity" },
				{ who: 'a signed-in person in no initiative', members: 'not found', rule: 'a signed-in person in no initiative does not get it either' },
				{ who: 'a member of another initiative', members: 'not found', rule: 'a member of another initiative does not get it' },
				{ who: 'a coordinator of another initiative', members: 'not found', rule: 'a coordinator of another initiative does not get it' },
				{ who: 'the association admin', members: 'not found', rule: 'the association admin, in no initiative, does not get it' },
				{ who: 'a member', members: 'only some', rule: 'a member gets it, as a photo no shared cache may keep' },
				{ who: 'the host', members: 'only some', rule: 'the host gets it, as a photo no shared cache may keep' },
				{ who: 'a co-host', members: 'only some', rule: 'a co-host gets it, as a photo no shared cache may keep' },
				{ who: 'a coordinator', members: 'only some', rule: 'a coordinator gets it, as a photo no shared cache may keep' }
			];
			it.each(PHOTO_RULES)('$rule; the photo of a public activity is for everyone', async ({ who, members }) => {
				expect(await photo(who, 'members published')).toBe(members);
				expect(await photo(who, 'public published')).toBe('everyone');
			});

			it("a network activity's photo goes to the network, never into shared caches", async () => {
				expect(await photo('a member of another initiative', 'network published')).toBe('only some');
				expect(await photo('an anonymous visitor', 'network published')).toBe('not found');
			});

			it("a proposal's photo only to its host and the coordinators; in a pending initiative only to its members", async () => {
				expect(await photo('a member', 'public proposed')).toBe('not found');
				expect(await photo('the host', 'public proposed')).toBe('only some');
				await expect(activityPhotoAccess(database.db, null, activities.pending['public published'])).rejects.toThrow(NotFound);
				expect((await activityPhotoAccess(database.db, people['a member'], activities.pending['public published'])).public).toBe(false);
			});
		});

		describe('activityFor and requireActivityManager: who may manage an activity', () => {
			for (const state of Object.keys(STATES) as State[]) {
				describe(`in a ${STATES[state]} initiative`, () => {
					it.each(MANAGED)('$rule', async ({ who, manages }) => {
						const managed: Kind[] = [];
						for (const kind of KINDS) {
							const id = activities[state][kind];
							const access = await shown(people[who], id);
							const guard = await requireActivityManager(database.db, people[who], id).then(
								() => 'manages',
								(error) => (error instanceof NotFound ? 'not found' : error instanceof SignInRequired ? 'sign in first' : Promise.reject(error))
							);
							// The flag on what one sees and the guard always agree.
							expect(guard, kind).toBe(access?.canManage ? 'manages' : who === 'an anonymous visitor' ? 'sign in first' : 'not found');
							if (guard === 'manages') managed.push(kind);
						}
						expect(managed.sort()).toEqual([...manages].sort());
					});
				});
			}

			it('an anonymous visitor is asked to sign in first, also for an activity that does not exist', async () => {
				await expect(requireActivityManager(database.db, null, activities.published['public published'])).rejects.toThrow(SignInRequired);
				await expect(requireActivityManager(database.db, null, randomUUID())).rejects.toThrow(SignInRequired);
			});

			it('an activity that does not exist is not found, also by a coordinator', async () => {
				await expect(requireActivityManager(database.db, people['a coordinator'], randomUUID())).rejects.toThrow(NotFound);
			});

			it('a host who left the initiative may no longer manage the activity they made, though they still see it when it is public', async () => {
				const access = await activityFor(database.db, leaver, leftBehind);
				expect(access).toMatchObject({ role: null, canManage: false });
				await expect(requireActivityManager(database.db, leaver, leftBehind)).rejects.toThrow(NotFound);
			});

			it('a co-host who left the initiative may no longer manage it', async () => {
				expect((await activityFor(database.db, leaver, activities.published['public published'])).canManage).toBe(false);
				await expect(requireActivityManager(database.db, leaver, activities.published['public published'])).rejects.toThrow(NotFound);
			});

			it('the guard gives what activityFor gives', async () => {
				const id = activities.unpublished['members proposed'];
				expect(await requireActivityManager(database.db, people['a coordinator'], id)).toEqual(await activityFor(database.db, people['a coordinator'], id));
			});
		});

		describe('inNetwork: who is part of the network', () => {
			it('belonging to any initiative puts a person in the network; an anonymous visitor, a person in no initiative and the admin (in none) are not', async () => {
				const inIt = {} as Record<Persona, boolean>;
				for (const who of PERSONAS) inIt[who] = await inNetwork(database.db, people[who]);
				expect(inIt).toEqual({
					'an anonymous visitor': false,
					'a signed-in person in no initiative': false,
					'a member of another initiative': true,
					'a coordinator of another initiative': true,
					'a member': true,
					'the host': true,
					'a co-host': true,
					'a coordinator': true,
					'the association admin': false
				});
			});

			// Anyone may sign up and start an initiative; until the admin approves it, its starter is
			// not part of the network (nor are the members of one taken offline). The network list's
			// SQL (activities/network/sql.ts) uses the same rule (inNetworkSql).
			it('a person whose only initiative still waits for approval is not yet part of the network', async () => {
				expect(await inNetwork(database.db, starter)).toBe(false);
			});
			it('a person whose only initiative still waits for approval does not see network activities', async () => {
				expect(await sees(starter, activities.published['network published'])).toBe(false);
			});
			it('a person whose only initiative was taken offline is no longer part of the network', async () => {
				expect(await inNetwork(database.db, offlineOnly)).toBe(false);
			});
		});
	});
}

describe('canSeeActivity, the rule itself', () => {
	const activityOf = (visibility: Visibility, status: Status, createdBy: string | null = 'host') => ({ visibility, status, createdBy });
	// Each row one rule: [rule, activity, initiative status, role of the viewer, viewer's id, in the network, sees]
	const rows: Array<[string, ReturnType<typeof activityOf>, string, Role | null, string | null, boolean, boolean]> = [
		['anyone sees a public activity of a published initiative', activityOf('public', 'published'), 'published', null, null, false, true],
		['a cancelled activity stays visible where it was visible', activityOf('public', 'cancelled'), 'published', null, null, false, true],
		['being in the network opens network activities to people outside the initiative', activityOf('network', 'published'), 'published', null, 'eva', true, true],
		['outside the network a network activity stays closed', activityOf('network', 'published'), 'published', null, 'dewi', false, false],
		['the network never opens a members-only activity', activityOf('members', 'published'), 'published', null, 'eva', true, false],
		['nobody outside the initiative sees a proposal, not even a public one', activityOf('public', 'proposed'), 'published', null, 'eva', true, false],
		['nothing of a pending initiative is open to people outside it', activityOf('public', 'published'), 'pending', null, 'eva', true, false],
		['nothing of a taken-offline initiative is open to people outside it', activityOf('public', 'published'), 'unpublished', null, 'eva', true, false],
		['a member sees a members-only activity, also of a pending initiative', activityOf('members', 'published'), 'pending', 'member', 'cor', false, true],
		['a member sees a network activity without being counted in the network', activityOf('network', 'cancelled'), 'published', 'member', 'cor', false, true],
		["a member does not see someone else's proposal", activityOf('members', 'proposed'), 'published', 'member', 'cor', false, false],
		['the member who proposed an activity sees their proposal', activityOf('members', 'proposed', 'cor'), 'published', 'member', 'cor', false, true],
		['a coordinator sees every proposal', activityOf('members', 'proposed'), 'unpublished', 'coordinator', 'anna', false, true],
		['someone who proposed an activity and then left no longer sees it', activityOf('public', 'proposed', 'hanna'), 'published', null, 'hanna', true, false],
		['a proposal whose host deleted their account is seen by the coordinators only', activityOf('public', 'proposed', null), 'published', 'member', 'cor', false, false]
	];
	it.each(rows)('%s', (_rule, a, initiativeStatus, role, userId, network, expected) => {
		expect(canSeeActivity(a, initiativeStatus, role, userId, network)).toBe(expected);
	});

	it('being in the network is assumed false when not given', () => {
		expect(canSeeActivity(activityOf('network', 'published'), 'published', null, 'eva')).toBe(false);
	});
});
