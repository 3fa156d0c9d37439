import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedIn, Viewer } from '../accounts/viewer.ts';
import type { Database } from '../db/index.ts';
import { acceptDeal, markDone, confirmDone, proposeDeal, showThanks, thank } from '../deals/service.ts';
import { exchangePost } from '../exchange/schema.ts';
import { initiative, membership } from '../initiatives/schema.ts';
import { contactBlock, conversation, conversationMember } from '../messages/schema.ts';
import { getProfile } from '../profiles/service.ts';
import { databases } from '../../../../tests/helpers/databases.ts';
import { makePerson } from '../../../../tests/helpers/people.ts';
import { allowed } from '../../../../tests/helpers/allowed.ts';
import { NotFound } from './core.ts';
import { dealFor } from './deals.ts';

/** Who may see and act on an afspraak and its bedankje, in plain words, for every persona. */

for (const target of databases) {
	describe.skipIf(target.skip)(`access to afspraken and bedankjes on ${target.name}`, () => {
		let database: Database & { drop(): Promise<void> };
		let poster: SignedIn, responder: SignedIn, member: SignedIn, coordinator: SignedIn, admin: SignedIn, otherMember: SignedIn, otherCoordinator: SignedIn;
		let offerTalk: string, requestTalk: string;
		const soon = new Date(Date.now() + 7 * 86_400_000);

		const sees = (viewer: Viewer, conversationId = offerTalk) => allowed(() => dealFor(database.db, viewer, conversationId));
		const talk = async (postId: string, a: SignedIn, b: SignedIn) => {
			const [{ id }] = await database.db.insert(conversation).values({ postId }).returning({ id: conversation.id });
			await database.db.insert(conversationMember).values([
				{ conversationId: id, userId: a.userId },
				{ conversationId: id, userId: b.userId }
			]);
			return id;
		};

		beforeAll(async () => {
			database = await target.open();
			const db = database.db;
			[poster, responder, member, coordinator, admin, otherMember, otherCoordinator] = await Promise.all(
				['Anna', 'Bram', 'Dirk', 'Cas', 'Fenna', 'Eva', 'Gijs'].map((name, i) => makePerson(db, name, { isAdmin: i === 4 }))
			);
			const [kroon, anker] = await db
				.insert(initiative)
				.values([
					{ slug: 'de-kroon', name: 'De Kroon', town: 'Zwolle', status: 'published' },
					{ slug: 'het-anker', name: 'Het Anker', town: 'Kampen', status: 'published' }
				])
				.returning();
			await db.insert(membership).values([
				{ initiativeId: kroon.id, userId: poster.userId },
				{ initiativeId: kroon.id, userId: responder.userId },
				{ initiativeId: kroon.id, userId: member.userId },
				{ initiativeId: kroon.id, userId: coordinator.userId, role: 'coordinator' },
				{ initiativeId: kroon.id, userId: admin.userId, role: 'coordinator' },
				{ initiativeId: anker.id, userId: otherMember.userId },
				{ initiativeId: anker.id, userId: otherCoordinator.userId, role: 'coordinator' }
			]);
			const [offer, request] = await db
				.insert(exchangePost)
				.values([
					{ kind: 'offer', initiativeId: kroon.id, createdBy: poster.userId, title: 'Ik help met formulieren', theme: 'formulieren-en-geld', town: 'Zwolle' },
					{ kind: 'request', initiativeId: kroon.id, createdBy: poster.userId, title: 'Wie loopt mee naar de huisarts?', theme: 'vervoer-en-meelopen', town: 'Zwolle' }
				])
				.returning({ id: exchangePost.id });
			offerTalk = await talk(offer.id, poster, responder);
			requestTalk = await talk(request.id, poster, responder);
			expect(await proposeDeal(db, responder, offerTalk, { startsAt: soon, place: 'Bibliotheek Zwolle' }, 0)).toEqual({ ok: true });
		});
		afterAll(() => database?.drop());

		it('the two people in the conversation see its afspraak; for an offer its poster gives, the one who responded receives', async () => {
			expect((await dealFor(database.db, poster, offerTalk)).role).toBe('giver');
			expect((await dealFor(database.db, responder, offerTalk)).role).toBe('receiver');
			expect((await dealFor(database.db, poster, offerTalk)).deal?.place).toBe('Bibliotheek Zwolle');
		});

		it('for a request, the one who responded gives', async () => {
			expect((await dealFor(database.db, responder, requestTalk)).role).toBe('giver');
			expect((await dealFor(database.db, poster, requestTalk)).role).toBe('receiver');
		});

		it('a member of the same initiative, its coordinator and the association admin do not see it', async () => {
			expect(await sees(member)).toBe(false);
			expect(await sees(coordinator)).toBe(false);
			expect(await sees(admin)).toBe(false);
		});

		it('a member or coordinator of another initiative does not see it, and nobody signed out', async () => {
			expect(await sees(otherMember)).toBe(false);
			expect(await sees(otherCoordinator)).toBe(false);
			expect(await sees(null)).toBe(false);
		});

		it('only the two people act on it: a coordinator or the admin cannot say yes or propose', async () => {
			const version = (await dealFor(database.db, poster, offerTalk)).deal!.version;
			await expect(acceptDeal(database.db, coordinator, offerTalk, version)).rejects.toThrow(NotFound);
			await expect(acceptDeal(database.db, admin, offerTalk, version)).rejects.toThrow(NotFound);
			await expect(proposeDeal(database.db, member, offerTalk, { startsAt: soon, place: 'Hier' }, version)).rejects.toThrow(NotFound);
		});

		it('a bedankje is seen by the coordinator and the admin only on the profile, only when its giver chose to show it', async () => {
			const db = database.db;
			const version = (await dealFor(db, poster, offerTalk)).deal!.version;
			expect(await acceptDeal(db, poster, offerTalk, version)).toEqual({ ok: true });
			expect(await markDone(db, poster, offerTalk, version)).toEqual({ ok: true });
			expect(await confirmDone(db, responder, offerTalk, version, true)).toEqual({ ok: true });
			expect(await thank(db, responder, offerTalk, 'Dank je, het formulier is weg!')).toEqual({ ok: true });
			for (const viewer of [coordinator, admin, member]) expect((await getProfile(db, viewer, poster.userId)).thanks).toEqual([]);
			await expect(showThanks(db, responder, offerTalk, true)).rejects.toThrow(NotFound);
			await expect(showThanks(db, coordinator, offerTalk, true)).rejects.toThrow(NotFound);
			await showThanks(db, poster, offerTalk, true);
			for (const viewer of [coordinator, admin, member]) expect((await getProfile(db, viewer, poster.userId)).thanks.map((t) => t.body)).toEqual(['Dank je, het formulier is weg!']);
		});

		it('after "geen contact meer" neither can act on the afspraak any more', async () => {
			const db = database.db;
			await db.insert(contactBlock).values({ blockerId: poster.userId, blockedId: responder.userId });
			expect((await dealFor(db, responder, requestTalk)).mayAct).toBe(false);
			expect((await dealFor(db, poster, requestTalk)).mayAct).toBe(false);
			expect(await proposeDeal(db, responder, requestTalk, { startsAt: soon, place: 'Online' }, 0)).toEqual({ ok: false, error: 'closed' });
			await db.delete(contactBlock);
		});
	});
}
