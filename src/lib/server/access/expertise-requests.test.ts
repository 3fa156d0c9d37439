import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedIn, Viewer } from '../accounts/viewer.ts';
import type { Database } from '../db/index.ts';
import { eq } from 'drizzle-orm';
import { grantLocalPoolCoordinator, localPool, localPoolOf, revokeLocalPoolCoordinator } from '../expertise/pool.ts';
import { myProposal } from '../expertise/proposals.ts';
import { requestOverview } from '../expertise/request-figures.ts';
import { requestDetail, requestQueue } from '../expertise/request-queue.ts';
import { requestByLink } from '../expertise/request-service.ts';
import { expertProfile, poolCoordinator, poolProposal, poolRequest } from '../expertise/schema.ts';
import { initiative, membership } from '../initiatives/schema.ts';
import { outsideRequest } from '../outside/schema.ts';
import { newOutsideToken } from '../outside/tokens.ts';
import { databases } from '../../../../tests/helpers/databases.ts';
import { makePerson } from '../../../../tests/helpers/people.ts';
import { allowed } from '../../../../tests/helpers/allowed.ts';

/** Who may see a request to the pool, for every persona. */

type Persona =
	| 'anonymous'
	| 'member'
	| 'coordinator'
	| 'otherCoordinator'
	| 'admin'
	| 'expert'
	| 'declinedExpert'
	| 'otherExpert'
	| 'poolCoordinator'
	| 'localPoolCoordinator'
	| 'otherLocalPoolCoordinator';
/** `network`: the association's; `local`: De Kroon's own; `unconfirmed`: never confirmed. */
type Request = 'network' | 'local' | 'unconfirmed';

/** A request's page for pool coordinators. */
const COORDINATES: Record<Persona, Request[]> = {
	anonymous: [],
	member: [],
	// an initiative's coordinator is no pool coordinator
	coordinator: [],
	otherCoordinator: [],
	// being admin gives no more than any member
	admin: [],
	expert: [],
	declinedExpert: [],
	otherExpert: [],
	poolCoordinator: ['network', 'local'],
	// De Kroon's pool coordinator: De Kroon's own requests only
	localPoolCoordinator: ['local'],
	otherLocalPoolCoordinator: []
};

/** A request's page for an expert: only the ones they were proposed for (their own decline included, never another's). */
const EXPERT_OPENS: Record<Persona, Request[]> = {
	anonymous: [],
	member: [],
	coordinator: [],
	otherCoordinator: [],
	admin: [],
	expert: ['network'],
	declinedExpert: ['network'],
	otherExpert: [],
	poolCoordinator: [],
	localPoolCoordinator: [],
	otherLocalPoolCoordinator: []
};

/** The overview in figures: the association's pool coordinators and the admin. */
const OVERVIEW: Persona[] = ['admin', 'poolCoordinator'];

const PERSONAS = Object.keys(COORDINATES) as Persona[];

for (const target of databases) {
	describe.skipIf(target.skip)(`access to requests to the expertise pool on ${target.name}`, () => {
		let database: Database & { drop(): Promise<void> };
		const people = {} as Record<Persona, Viewer>;
		const ids = {} as Record<Request, string>;
		const tokens = {} as Record<Request, string>;

		beforeAll(async () => {
			database = await target.open();
			const db = database.db;
			const names = PERSONAS.filter((p) => p !== 'anonymous');
			const made = await Promise.all(names.map((n) => makePerson(db, n, { isAdmin: n === 'admin' })));
			names.forEach((n, i) => (people[n] = made[i]));
			people.anonymous = null;
			const id = (p: Persona) => (people[p] as SignedIn).userId;
			const [kroon, anker] = await db
				.insert(initiative)
				.values([
					{ slug: 'de-kroon', name: 'De Kroon', town: 'Zwolle', status: 'published' },
					{ slug: 'het-anker', name: 'Het Anker', town: 'Kampen', status: 'published' }
				])
				.returning();
			await db.insert(membership).values([
				{ initiativeId: kroon.id, userId: id('member') },
				{ initiativeId: kroon.id, userId: id('expert') },
				{ initiativeId: kroon.id, userId: id('coordinator'), role: 'coordinator' },
				{ initiativeId: anker.id, userId: id('otherCoordinator'), role: 'coordinator' },
				// An initiative's own pool coordinators are its members: the task counts only while they are.
				{ initiativeId: kroon.id, userId: id('localPoolCoordinator') },
				{ initiativeId: anker.id, userId: id('otherLocalPoolCoordinator') }
			]);
			await db.insert(poolCoordinator).values([
				{ userId: id('poolCoordinator') },
				{ userId: id('localPoolCoordinator'), initiativeId: kroon.id },
				{ userId: id('otherLocalPoolCoordinator'), initiativeId: anker.id }
			]);
			const profile: Record<string, string> = {};
			for (const p of ['expert', 'declinedExpert', 'otherExpert'] as const) {
				const [row] = await db.insert(expertProfile).values({ userId: id(p), introduction: 'Hallo', publishedAt: new Date() }).returning({ id: expertProfile.id });
				profile[p] = row.id;
			}
			for (const [key, local, confirmed] of [['network', false, true], ['local', true, true], ['unconfirmed', false, false]] as const) {
				const { token, hash } = newOutsideToken();
				const [o] = await db
					.insert(outsideRequest)
					.values({ kind: 'pool-request', email: `${key}@org.test`, tokenHash: hash, confirmedAt: confirmed ? new Date() : null })
					.returning({ id: outsideRequest.id });
				await db.insert(poolRequest).values({
					id: o.id,
					initiativeId: local ? kroon.id : null,
					sector: 'ggz',
					form: 'gastles',
					organisation: `Organisatie ${key}`,
					contactName: 'Contact',
					goal: `Doel ${key}`,
					day: '2099-01-01',
					feeKind: 'honorarium',
					feeCents: 10000,
					status: 'voorgesteld'
				});
				ids[key] = o.id;
				tokens[key] = token;
			}
			await db.insert(poolProposal).values([
				{ requestId: ids.network, profileId: profile.expert, answer: 'accepted' },
				{ requestId: ids.network, profileId: profile.declinedExpert, answer: 'declined' }
			]);
		});

		afterAll(async () => {
			await database?.drop();
		});

		it.each(PERSONAS)('%s opens as pool coordinator only the requests in their scope, and sees only those in the queue', async (persona) => {
			const db = database.db;
			for (const r of ['network', 'local', 'unconfirmed'] as const) {
				expect(await allowed(() => requestDetail(db, people[persona], ids[r])), `${persona} → ${r}`).toBe(COORDINATES[persona].includes(r));
			}
			const queue = await requestQueue(db, people[persona]).catch(() => null);
			const listed = queue?.items.map((i) => i.id) ?? [];
			expect(listed.sort()).toEqual(COORDINATES[persona].map((r) => ids[r]).sort());
		});

		it.each(PERSONAS)('%s opens as expert only the requests proposed to them', async (persona) => {
			for (const r of ['network', 'local', 'unconfirmed'] as const) {
				expect(await allowed(() => myProposal(database.db, people[persona], ids[r])), `${persona} → ${r}`).toBe(EXPERT_OPENS[persona].includes(r));
			}
		});

		it.each(PERSONAS)('%s reads a request’s thread only as an expert who said yes (or its pool coordinators)', async (persona) => {
			const thread = await myProposal(database.db, people[persona], ids.network).then(
				(p) => p.thread,
				() => 'not theirs'
			);
			const coordinates = await requestDetail(database.db, people[persona], ids.network).then(
				(d) => Array.isArray(d.thread),
				() => false
			);
			const reads = Array.isArray(thread) || coordinates;
			expect(reads, persona).toBe(['expert', 'poolCoordinator'].includes(persona));
			if (persona === 'declinedExpert') expect(thread).toBeNull();
		});

		it.each(PERSONAS)('%s sees the overview in figures only when allowed', async (persona) => {
			expect(await allowed(() => requestOverview(database.db, people[persona]))).toBe(OVERVIEW.includes(persona));
		});

		it('an organisation link opens its own request only, without who declined; an unknown link opens nothing', async () => {
			const view = await requestByLink(database.db, tokens.network);
			expect(view?.request.organisation).toBe('Organisatie network');
			expect(JSON.stringify(view)).not.toContain('Organisatie local');
			expect(view?.experts).toHaveLength(1);
			expect(JSON.stringify(view)).not.toContain('declinedExpert');
			expect((await requestByLink(database.db, tokens.local))?.request.organisation).toBe('Organisatie local');
			expect(await requestByLink(database.db, newOutsideToken().token)).toBeNull();
			expect(await requestByLink(database.db, 'kort')).toBeNull();
		});

		it.each(PERSONAS)('%s chooses De Kroon’s own pool coordinators only as its coordinator', async (persona) => {
			expect(await allowed(() => localPool(database.db, people[persona], 'de-kroon'))).toBe(persona === 'coordinator');
			const member = (people.member as SignedIn).userId;
			expect(await allowed(() => grantLocalPoolCoordinator(database.db, people[persona], 'de-kroon', member))).toBe(persona === 'coordinator');
			await database.db.delete(poolCoordinator).where(eq(poolCoordinator.userId, member));
		});

		it('a coordinator chooses from the members only; the task counts while they are a member, and opens the local requests', async () => {
			const db = database.db;
			const coordinator = people.coordinator as SignedIn;
			const member = people.member as SignedIn;
			expect(await grantLocalPoolCoordinator(db, coordinator, 'de-kroon', (people.otherExpert as SignedIn).userId)).toEqual({ ok: false, error: 'not_member' });
			const before = await localPool(db, coordinator, 'de-kroon');
			expect(before.candidates.map((c) => c.userId)).toContain(member.userId);
			expect(before.coordinators).toHaveLength(1);
			expect(await grantLocalPoolCoordinator(db, coordinator, 'de-kroon', member.userId)).toEqual({ ok: true });
			expect(await grantLocalPoolCoordinator(db, coordinator, 'de-kroon', member.userId)).toEqual({ ok: true });
			const after = await localPool(db, coordinator, 'de-kroon');
			expect(after.coordinators).toHaveLength(2);
			expect(after.candidates.map((c) => c.userId)).not.toContain(member.userId);
			expect((await requestQueue(db, member)).items.map((i) => i.id)).toEqual([ids.local]);
			expect(await localPoolOf(db, 'de-kroon')).toEqual({ slug: 'de-kroon', name: 'De Kroon' });
			expect(await localPoolOf(db, 'bestaat-niet')).toBeNull();
			// Another initiative's coordinator cannot end it; leaving the initiative ends it.
			const mine = after.coordinators.find((c) => c.name === 'member')!;
			await expect(revokeLocalPoolCoordinator(db, people.otherCoordinator, 'de-kroon', mine.id)).rejects.toThrow();
			await db.delete(membership).where(eq(membership.userId, member.userId));
			expect(await allowed(() => requestQueue(db, member))).toBe(false);
			await db.insert(membership).values({ initiativeId: (await db.select().from(initiative).where(eq(initiative.slug, 'de-kroon')))[0].id, userId: member.userId });
			await revokeLocalPoolCoordinator(db, coordinator, 'de-kroon', mine.id);
			expect(await allowed(() => requestQueue(db, member))).toBe(false);
		});

		it('an expert never reads the contact details', async () => {
			const mine = await myProposal(database.db, people.expert, ids.network);
			expect(JSON.stringify(mine)).not.toContain('Contact');
			expect(JSON.stringify(mine)).not.toContain('network@org.test');
		});
	});
}
