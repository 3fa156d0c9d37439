import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedIn, Viewer } from '../accounts/viewer.ts';
import type { Database } from '../db/index.ts';
import { exchangePause, exchangePost } from '../exchange/schema.ts';
import { initiative, membership } from '../initiatives/schema.ts';
import { contactBlock } from '../messages/schema.ts';
import { databases } from '../../../../tests/helpers/databases.ts';
import { makePerson } from '../../../../tests/helpers/people.ts';
import { allowed } from '../../../../tests/helpers/allowed.ts';
import { NotFound, SignInRequired } from './core.ts';
import { postFor, requirePostOwner } from './exchange.ts';

/** Who may see an offer or a request, in plain words, for every persona. */

const TODAY = '2026-12-04';

for (const target of databases) {
	describe.skipIf(target.skip)(`access to vraag & aanbod on ${target.name}`, () => {
		let database: Database & { drop(): Promise<void> };
		let writer: SignedIn, member: SignedIn, coordinator: SignedIn, otherInitiative: SignedIn, noInitiative: SignedIn, admin: SignedIn, blocked: SignedIn, starter: SignedIn;
		let forInitiative: string, forNetwork: string, closed: string, paused: string;

		const sees = (viewer: Viewer, postId: string) => allowed(() => postFor(database.db, viewer, postId, TODAY));

		beforeAll(async () => {
			database = await target.open();
			const db = database.db;
			[writer, member, coordinator, otherInitiative, noInitiative, admin, blocked, starter] = await Promise.all(
				['Anna', 'Bram', 'Cas', 'Dirk', 'Eva', 'Fenna', 'Gijs', 'Hanna'].map((name, i) => makePerson(db, name, { isAdmin: i === 5 }))
			);
			const [kroon, anker, waiting] = await db
				.insert(initiative)
				.values([
					{ slug: 'de-kroon', name: 'De Kroon', town: 'Zwolle', status: 'published' },
					{ slug: 'het-anker', name: 'Het Anker', town: 'Kampen', status: 'published' },
					{ slug: 'wacht-nog', name: 'Wacht nog', town: 'Zwolle', status: 'pending' }
				])
				.returning();
			await db.insert(membership).values([
				{ initiativeId: kroon.id, userId: writer.userId },
				{ initiativeId: kroon.id, userId: member.userId },
				{ initiativeId: kroon.id, userId: coordinator.userId, role: 'coordinator' },
				{ initiativeId: kroon.id, userId: blocked.userId },
				{ initiativeId: anker.id, userId: otherInitiative.userId },
				{ initiativeId: anker.id, userId: admin.userId, role: 'coordinator' },
				{ initiativeId: waiting.id, userId: starter.userId, role: 'coordinator' }
			]);
			const post = (title: string, extra: Partial<typeof exchangePost.$inferInsert> = {}) => ({
				kind: 'offer' as const,
				title,
				theme: 'gezelschap' as const,
				town: 'Zwolle',
				initiativeId: kroon.id,
				createdBy: writer.userId,
				...extra
			});
			const rows = await db
				.insert(exchangePost)
				.values([
					post('Voor De Kroon'),
					post('Voor iedereen', { audience: 'network' }),
					post('Gesloten', { audience: 'network', closedAt: new Date() }),
					post('Voorbij', { audience: 'network', endsOn: '2026-12-03' })
				])
				.returning({ id: exchangePost.id });
			[forInitiative, forNetwork, closed, paused] = rows.map((r) => r.id);
			await db.insert(contactBlock).values({ blockerId: writer.userId, blockedId: blocked.userId });
		});
		afterAll(() => database?.drop());

		it('the writer sees all their own posts, also closed and paused ones, and may change them', async () => {
			for (const id of [forInitiative, forNetwork, closed, paused]) expect(await sees(writer, id)).toBe(true);
			await expect(requirePostOwner(database.db, writer, forInitiative, TODAY)).resolves.toMatchObject({ isOwner: true });
		});

		it('a member of the same initiative sees its posts, but may not change them', async () => {
			expect(await sees(member, forInitiative)).toBe(true);
			expect(await sees(member, forNetwork)).toBe(true);
			await expect(requirePostOwner(database.db, member, forInitiative, TODAY)).rejects.toThrow(NotFound);
		});

		it('a coordinator sees what a member sees, and may not change or see more', async () => {
			expect(await sees(coordinator, forInitiative)).toBe(true);
			expect(await sees(coordinator, closed)).toBe(false);
			await expect(requirePostOwner(database.db, coordinator, forInitiative, TODAY)).rejects.toThrow(NotFound);
		});

		it('a member of another initiative sees only posts for the whole network', async () => {
			expect(await sees(otherInitiative, forInitiative)).toBe(false);
			expect(await sees(otherInitiative, forNetwork)).toBe(true);
		});

		it('the association admin sees no more than any member of their own initiative', async () => {
			expect(await sees(admin, forInitiative)).toBe(false);
			expect(await sees(admin, forNetwork)).toBe(true);
			expect(await sees(admin, closed)).toBe(false);
		});

		it('someone who belongs to no initiative sees nothing, and nobody signed out does', async () => {
			for (const id of [forInitiative, forNetwork]) {
				expect(await sees(noInitiative, id)).toBe(false);
				expect(await sees(null, id)).toBe(false);
			}
			await expect(postFor(database.db, null, forNetwork, TODAY)).rejects.toThrow(SignInRequired);
		});

		it('someone whose only initiative waits for approval is not yet part of the network: no posts for the network', async () => {
			expect(await sees(starter, forNetwork)).toBe(false);
			expect(await sees(starter, forInitiative)).toBe(false);
		});

		it('nobody else sees a closed post, or one past its end day', async () => {
			for (const viewer of [member, otherInitiative]) {
				expect(await sees(viewer, closed)).toBe(false);
				expect(await sees(viewer, paused)).toBe(false);
			}
		});

		it('someone the writer has no contact with any more does not see the writer\'s posts', async () => {
			expect(await sees(blocked, forInitiative)).toBe(false);
			expect(await sees(blocked, forNetwork)).toBe(false);
		});

		it('during "even pauze" nobody else sees the writer\'s posts — not a member, a coordinator, another initiative or the admin — while the writer still does', async () => {
			const others = [member, coordinator, otherInitiative, admin];
			const seen = async () => Promise.all(others.map((viewer) => sees(viewer, forNetwork)));
			expect(await seen()).toEqual([true, true, true, true]);
			for (const until of ['2026-12-10', TODAY, null]) {
				await database.db.insert(exchangePause).values({ userId: writer.userId, until }).onConflictDoUpdate({ target: exchangePause.userId, set: { until } });
				expect(await seen(), `pause until ${until}`).toEqual([false, false, false, false]);
				expect(await sees(member, forInitiative)).toBe(false);
				for (const id of [forInitiative, forNetwork, closed, paused]) expect(await sees(writer, id)).toBe(true);
			}
			// A pause whose last day has passed is over by itself; ending it shows the posts again too.
			await database.db.update(exchangePause).set({ until: '2026-12-03' });
			expect(await seen()).toEqual([true, true, true, true]);
			await database.db.delete(exchangePause);
			expect(await seen()).toEqual([true, true, true, true]);
		});
	});
}
