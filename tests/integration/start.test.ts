import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignInRequired } from '#lib/server/access/core.ts';
import type { SignedIn, Viewer } from '#lib/server/accounts/viewer.ts';
import { activity } from '#lib/server/activities/schema.ts';
import { signUp } from '#lib/server/activities/signups.ts';
import type { Database } from '#lib/server/db/index.ts';
import { initiativePhoto, membership, openingHours } from '#lib/server/initiatives/schema.ts';
import { createInviteLink } from '#lib/server/initiatives/invites.ts';
import { createInitiative, type Initiative } from '#lib/server/initiatives/service.ts';
import { firstSteps } from '#lib/server/start/checklist.ts';
import { startPage, TODO_SOURCES } from '#lib/server/start/page.ts';
import { collectTodos } from '#lib/server/start/todo.ts';
import { databases } from '../helpers/databases.ts';
import { makePerson } from '../helpers/people.ts';

/*
 * The start page (`/` signed in): whose to-dos a person gets, the new
 * coordinator's first steps, and their own next dates. "This initiative" has
 * no hours, no photo and a proposal waiting; "another initiative" the same.
 */

const DAY = 86_400_000;

for (const target of databases) {
	describe.skipIf(target.skip)(`the start page on ${target.name}`, () => {
		let database: Database & { drop(): Promise<void> };
		let admin: SignedIn, coordinator: SignedIn, member: SignedIn, otherCoordinator: SignedIn, otherMember: SignedIn, nobody: SignedIn;
		let kroon: Initiative, anker: Initiative;

		async function start(viewer: SignedIn, name: string) {
			const result = await createInitiative(database.db, viewer, { name, town: 'Zwolle', slug: '', description: '', joinPolicy: 'invite' });
			if (!result.ok) throw new Error(result.error);
			return result.initiative;
		}
		const addMember = (i: Initiative, who: SignedIn) => database.db.insert(membership).values({ initiativeId: i.id, userId: who.userId });
		const propose = (i: Initiative, by: SignedIn, title: string) =>
			database.db.insert(activity).values({ initiativeId: i.id, title, kind: 'ontmoeting', startsAt: new Date(Date.now() + 7 * DAY), endsAt: new Date(Date.now() + 7 * DAY + 7_200_000), status: 'proposed', createdBy: by.userId });
		const todos = async (viewer: Viewer) => (await collectTodos(database.db, viewer, TODO_SOURCES)).items;

		beforeAll(async () => {
			database = await target.open();
			admin = await makePerson(database.db, 'Beheer', { isAdmin: true });
			coordinator = await makePerson(database.db, 'Anna');
			member = await makePerson(database.db, 'Bram');
			otherCoordinator = await makePerson(database.db, 'Cor');
			otherMember = await makePerson(database.db, 'Dewi');
			nobody = await makePerson(database.db, 'Eva');
			kroon = await start(coordinator, 'De Kroon');
			anker = await start(otherCoordinator, 'Het Anker');
			await addMember(kroon, member);
			await addMember(anker, otherMember);
			await propose(kroon, member, 'Samen koken');
			await propose(anker, otherMember, 'Wandelen');
		});
		afterAll(() => database?.drop());

		it('a coordinator gets the to-dos of their own initiative: the proposal, the hours, the photo', async () => {
			expect(await todos(coordinator)).toEqual([
				{ text: 'Voorstellen voor activiteiten bij De Kroon wachten op je (1).', href: `/initiatieven/${kroon.slug}/activiteiten#voorstellen` },
				{ text: 'Zet de inlooptijden van De Kroon op de pagina.', href: `/initiatieven/${kroon.slug}/profiel#profiel` },
				{ text: 'Zet een foto van De Kroon op de pagina.', href: `/initiatieven/${kroon.slug}/profiel#fotos` }
			]);
		});

		it('a coordinator of another initiative gets only their own initiative’s to-dos', async () => {
			const theirs = await todos(otherCoordinator);
			expect(theirs).toHaveLength(3);
			expect(theirs.every((t) => t.href.startsWith(`/initiatieven/${anker.slug}/`) && t.text.includes('Het Anker'))).toBe(true);
		});

		it('a member, a member of another initiative, a person in no initiative and the admin get no coordinator to-dos', async () => {
			for (const viewer of [member, otherMember, nobody, admin]) expect(await todos(viewer)).toEqual([]);
		});

		it('an anonymous visitor gets no to-dos and no start page', async () => {
			expect(await todos(null)).toEqual([]);
			await expect(startPage(database.db, null)).rejects.toThrow(SignInRequired);
		});

		it('a to-do goes away when it is done', async () => {
			await database.db.insert(openingHours).values({ initiativeId: kroon.id, weekday: 2, opensAt: '10:00', closesAt: '16:00' });
			await database.db.insert(initiativePhoto).values({ initiativeId: kroon.id, alt: 'De tuin', contentType: 'image/webp', width: 1, height: 1, data: Buffer.from([0]) });
			expect((await todos(coordinator)).map((t) => t.href)).toEqual([`/initiatieven/${kroon.slug}/activiteiten#voorstellen`]);
		});

		it('a new coordinator’s first steps are ticked off one by one, and go away when all are done', async () => {
			const fresh = await start(nobody, 'De Vonk');
			expect(await firstSteps(database.db, nobody, fresh.id)).toEqual({ placeAndHours: false, photo: false, invited: false, activity: false });
			await createInviteLink(database.db, nobody, fresh.id, { maxUses: null, days: 7 });
			expect(await firstSteps(database.db, nobody, fresh.id)).toMatchObject({ invited: true, activity: false });
			await propose(fresh, nobody, 'Eerste koffie');
			expect(await firstSteps(database.db, nobody, fresh.id)).toMatchObject({ invited: true, activity: true, placeAndHours: false });
			await database.db.insert(openingHours).values({ initiativeId: fresh.id, weekday: 3, opensAt: '10:00', closesAt: '12:00' });
			expect(await firstSteps(database.db, nobody, fresh.id)).toMatchObject({ placeAndHours: false });
			await database.db.insert(initiativePhoto).values({ initiativeId: fresh.id, alt: 'De deur', contentType: 'image/webp', width: 1, height: 1, data: Buffer.from([0]) });
			const { updateProfile } = await import('#lib/server/initiatives/profile.ts');
			await updateProfile(database.db, nobody, fresh.id, {
				name: 'De Vonk',
				description: '',
				address: 'Kerkstraat 1',
				postcode: '8011 AB',
				town: 'Zwolle',
				latitude: 52.5,
				longitude: 6.1,
				themes: [],
				accessibility: [],
				phone: '',
				website: '',
				closedOnHolidays: true,
				hours: [{ weekday: 3, opensAt: '10:00', closesAt: '12:00' }]
			});
			expect(await firstSteps(database.db, nobody, fresh.id)).toBeNull();
		});

		it('someone besides the starter being a member counts as invited, without an invite', async () => {
			const starter = await makePerson(database.db, 'Fenna');
			const fresh = await start(starter, 'De Brug');
			expect(await firstSteps(database.db, starter, fresh.id)).toMatchObject({ invited: false });
			await addMember(fresh, await makePerson(database.db, 'Gijs'));
			expect(await firstSteps(database.db, starter, fresh.id)).toMatchObject({ invited: true });
		});

		it('the first steps are the coordinators’ own: members and others get none', async () => {
			for (const viewer of [member, otherMember, otherCoordinator, admin, null]) expect(await firstSteps(database.db, viewer, kroon.id)).toBeNull();
		});

		it('the start page shows my initiatives and my next dates, nobody else’s', async () => {
			const [walk] = await database.db
				.insert(activity)
				.values({ initiativeId: kroon.id, title: 'Wandelen in het park', kind: 'ontmoeting', startsAt: new Date(Date.now() + 2 * DAY), endsAt: new Date(Date.now() + 2 * DAY + 3_600_000), visibility: 'members', createdBy: coordinator.userId })
				.returning();
			await signUp(database.db, member, walk.id);
			const mine = await startPage(database.db, member);
			expect(mine.initiatives.map((i) => [i.name, i.role])).toEqual([['De Kroon', 'member']]);
			expect(mine.next.map((s) => s.activity.title)).toEqual(['Wandelen in het park']);
			const theirs = await startPage(database.db, otherMember);
			expect(theirs.initiatives.map((i) => i.name)).toEqual(['Het Anker']);
			expect(theirs.next).toEqual([]);
		});
	});
}
