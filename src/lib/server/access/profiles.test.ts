import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedIn, Viewer } from '../accounts/viewer.ts';
import type { Database } from '../db/index.ts';
import { exchangePost } from '../exchange/schema.ts';
import { initiative, membership } from '../initiatives/schema.ts';
import { contactBlock, conversation, conversationMember } from '../messages/schema.ts';
import { getProfile, updateProfile } from '../profiles/service.ts';
import { databases } from '../../../../tests/helpers/databases.ts';
import { makePerson } from '../../../../tests/helpers/people.ts';
import { allowed } from '../../../../tests/helpers/allowed.ts';
import { profileFor } from './profiles.ts';

/** Who may see a member's profile, in plain words, for every persona. */

const TODAY = '2026-12-04';

for (const target of databases) {
	describe.skipIf(target.skip)(`access to member profiles on ${target.name}`, () => {
		let database: Database & { drop(): Promise<void> };
		let anna: SignedIn, member: SignedIn, coordinator: SignedIn, admin: SignedIn, otherMember: SignedIn, otherCoordinator: SignedIn, noInitiative: SignedIn, talker: SignedIn;
		let networkPost: string;

		const sees = (viewer: Viewer, userId = anna.userId) => allowed(() => profileFor(database.db, viewer, userId, TODAY));

		beforeAll(async () => {
			database = await target.open();
			const db = database.db;
			[anna, member, coordinator, admin, otherMember, otherCoordinator, noInitiative, talker] = await Promise.all(
				['Anna', 'Bram', 'Cas', 'Fenna', 'Eva', 'Gijs', 'Hanna', 'Ivo'].map((name, i) => makePerson(db, name, { isAdmin: i === 3 }))
			);
			const [kroon, anker, zon] = await db
				.insert(initiative)
				.values([
					{ slug: 'de-kroon', name: 'De Kroon', town: 'Zwolle', status: 'published' },
					{ slug: 'het-anker', name: 'Het Anker', town: 'Kampen', status: 'published' },
					{ slug: 'de-zon', name: 'De Zon', town: 'Deventer', status: 'published' }
				])
				.returning();
			await db.insert(membership).values([
				{ initiativeId: kroon.id, userId: anna.userId, showName: true },
				{ initiativeId: kroon.id, userId: member.userId },
				{ initiativeId: kroon.id, userId: coordinator.userId, role: 'coordinator' },
				{ initiativeId: anker.id, userId: otherMember.userId },
				{ initiativeId: anker.id, userId: otherCoordinator.userId, role: 'coordinator' },
				{ initiativeId: zon.id, userId: talker.userId },
				{ initiativeId: zon.id, userId: admin.userId, role: 'coordinator' }
			]);
			[{ id: networkPost }] = await db
				.insert(exchangePost)
				.values({ kind: 'offer', initiativeId: kroon.id, createdBy: anna.userId, title: 'Samen koken', theme: 'koken-en-eten', town: 'Zwolle', audience: 'network', closedAt: new Date() })
				.returning({ id: exchangePost.id });
			await updateProfile(db, anna, { likes: 'Wandelen en koken', talents: 'Ik kan goed luisteren' });
		});
		afterAll(() => database?.drop());

		it('a member sees their own profile', async () => {
			expect(await sees(anna)).toBe(true);
			expect((await getProfile(database.db, anna, anna.userId)).isMe).toBe(true);
		});

		it('a member and the coordinator of the same initiative see it, with no e-mail address or initiative in it', async () => {
			expect(await sees(member)).toBe(true);
			expect(await sees(coordinator)).toBe(true);
			const profile = await getProfile(database.db, member, anna.userId);
			expect(profile).toMatchObject({ name: 'Anna', likes: 'Wandelen en koken', talents: 'Ik kan goed luisteren' });
			expect(JSON.stringify(profile)).not.toContain(anna.email);
			expect(Object.keys(profile).sort()).toEqual(['isMe', 'likes', 'name', 'talents', 'thanks', 'userId']);
		});

		it('through an initiative, a member who hides their name in the member list is seen only by its coordinators', async () => {
			const db = database.db;
			await db.update(membership).set({ showName: false }).where(eq(membership.userId, anna.userId));
			expect(await sees(member)).toBe(false);
			expect(await sees(coordinator)).toBe(true);
			await db.update(membership).set({ showName: true }).where(eq(membership.userId, anna.userId));
		});

		it('nobody signed out sees it', async () => {
			expect(await sees(null)).toBe(false);
		});

		it('a member or coordinator of another initiative, the association admin and someone without an initiative do not see it', async () => {
			expect(await sees(otherMember)).toBe(false);
			expect(await sees(otherCoordinator)).toBe(false);
			expect(await sees(admin)).toBe(false);
			expect(await sees(noInitiative)).toBe(false);
		});

		it('an open offer for the network shows the profile to the network, while it is open', async () => {
			await database.db.update(exchangePost).set({ closedAt: null }).where(eq(exchangePost.id, networkPost));
			expect(await sees(otherMember)).toBe(true);
			expect(await sees(admin)).toBe(true);
			expect(await sees(noInitiative)).toBe(false);
			await database.db.update(exchangePost).set({ closedAt: new Date() }).where(eq(exchangePost.id, networkPost));
			expect(await sees(otherMember)).toBe(false);
		});

		it('someone in a conversation with the member sees it, also from another initiative', async () => {
			const [{ id }] = await database.db.insert(conversation).values({ postId: networkPost }).returning({ id: conversation.id });
			await database.db.insert(conversationMember).values([
				{ conversationId: id, userId: anna.userId },
				{ conversationId: id, userId: talker.userId }
			]);
			expect(await sees(talker)).toBe(true);
		});

		it('after "geen contact meer", either way, they do not see each other\'s profile', async () => {
			const db = database.db;
			await db.insert(contactBlock).values({ blockerId: anna.userId, blockedId: member.userId });
			expect(await sees(member)).toBe(false);
			expect(await sees(anna, member.userId)).toBe(false);
			expect(await sees(coordinator)).toBe(true);
			await db.delete(contactBlock);
			expect(await sees(member)).toBe(true);
		});

		it('an unknown member is not found', async () => {
			expect(await sees(member, 'no-such-member')).toBe(false);
		});
	});
}
