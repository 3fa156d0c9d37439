import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, count, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import { account, user } from '#lib/server/accounts/schema.ts';
import { activity, activityDate, activitySignup } from '#lib/server/activities/schema.ts';
import { createAuth } from '#lib/server/accounts/auth.ts';
import type { Database } from '#lib/server/db/index.ts';
import { BENCH_EMAIL, BENCH_PASSWORD, generateScale, type ScaleResult } from '#lib/server/demo/scale.ts';
import { initiative, membership } from '#lib/server/initiatives/schema.ts';
import { exchangePost } from '#lib/server/exchange/schema.ts';
import { conversationMember, message } from '#lib/server/messages/schema.ts';
import { story } from '#lib/server/stories/schema.ts';
import { expertProfile, poolCoordinator, poolRequest } from '#lib/server/expertise/schema.ts';
import { loadKeyring } from '#lib/server/space/keyring.ts';
import { spaceEntry } from '#lib/server/space/schema.ts';
import { databases } from '../helpers/databases.ts';

const NOW = new Date('2026-11-25T10:00:00Z');
const OPTIONS = { seed: 7, scale: 0.01, now: NOW, racers: 3, spaceKeys: loadKeyring({ dataDir: mkdtempSync(path.join(tmpdir(), 'hp-scale-key-')) }) };

async function snapshot(database: Database) {
	const db = database.db;
	return {
		initiatives: await db.select({ id: initiative.id, slug: initiative.slug, lat: initiative.latitude, themes: initiative.themes }).from(initiative).orderBy(asc(initiative.slug)),
		activities: await db.select({ id: activity.id, startsAt: activity.startsAt, title: activity.title }).from(activity).orderBy(asc(activity.id)),
		signups: await db.select({ n: count() }).from(activitySignup)
	};
}

for (const target of databases) {
	describe.skipIf(target.skip)(`national-scale demo data on ${target.name}`, () => {
		let first: Database & { drop(): Promise<void> };
		let second: Database & { drop(): Promise<void> };
		let result: ScaleResult;
		beforeAll(async () => {
			[first, second] = [await target.open(), await target.open()];
			result = await generateScale(first.db, OPTIONS);
		}, 180_000);
		afterAll(async () => {
			await first?.drop();
			await second?.drop();
		});

		it('makes the requested numbers of rows, spread over the country, with filled profiles', async () => {
			const db = first.db;
			const [{ n: initiatives }] = await db.select({ n: count() }).from(initiative);
			const [{ n: activities }] = await db.select({ n: count() }).from(activity);
			const [{ n: users }] = await db.select({ n: count() }).from(user);
			const [{ n: memberships }] = await db.select({ n: count() }).from(membership);
			expect({ initiatives, activities, users, memberships }).toEqual({
				initiatives: result.counts.initiatives,
				activities: result.counts.activities,
				users: result.counts.users,
				memberships: result.counts.memberships
			});
			expect(initiatives).toBe(4);
			// Half the dates one-offs, the other half in 16 series; as many one-offs again in the year before (the
			// figures' history); and the activity for parallel sign-ups.
			expect(activities).toBe(500 + 500 + 16 + 1);
			const [{ n: series }] = await db.select({ n: count() }).from(activity).where(isNotNull(activity.rrule));
			expect(series).toBe(16);
			const [{ n: withoutPlace }] = await db.select({ n: count() }).from(initiative).where(isNull(initiative.latitude));
			expect(withoutPlace).toBe(0);
			// The network's dates table is built from them (so the bench measures the month as it is served): each
			// one-off once, each series once per date.
			const [{ n: oneOffDates }] = await db.select({ n: count() }).from(activityDate).innerJoin(activity, eq(activity.id, activityDate.activityId)).where(isNull(activity.rrule));
			const [{ n: dates }] = await db.select({ n: count() }).from(activityDate);
			expect(oneOffDates).toBe(activities - series);
			expect(dates).toBeGreaterThan(activities + 16);
		});

		it('makes offers and requests, conversations and messages, with the bench login as the busiest member', async () => {
			const db = first.db;
			const [{ n: posts }] = await db.select({ n: count() }).from(exchangePost);
			const [{ n: messages }] = await db.select({ n: count() }).from(message);
			expect({ posts, messages }).toEqual({ posts: result.counts.posts, messages: result.counts.messages });
			// Scale 0.01: 200 posts, about 1,000 conversations and 5,000 messages.
			expect(posts).toBe(200);
			expect(result.counts.conversations).toBeGreaterThan(900);
			expect(messages).toBeGreaterThan(4000);
			const [busiest] = await db
				.select({ userId: conversationMember.userId, n: count() })
				.from(conversationMember)
				.groupBy(conversationMember.userId)
				.orderBy(desc(count()))
				.limit(1);
			const [bench] = await db.select({ id: user.id }).from(user).where(eq(user.email, BENCH_EMAIL));
			expect(busiest.userId).toBe(bench.id);
			const [{ n: long }] = await db.select({ n: count() }).from(message).where(eq(message.conversationId, result.longConversation));
			expect(long).toBe(300);
			const [inLong] = await db.select({ n: count() }).from(conversationMember).where(eq(conversationMember.conversationId, result.longConversation));
			expect(inLong.n).toBe(2);
		});

		it('makes stories of every visibility and state, one of them a published public story for a story page', async () => {
			const rows = await first.db.select({ id: story.id, visibility: story.visibility, status: story.status }).from(story);
			expect(rows).toHaveLength(result.counts.stories);
			expect(rows).toHaveLength(200);
			expect(new Set(rows.map((r) => r.visibility))).toEqual(new Set(['public', 'network', 'initiative', 'link']));
			expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['published', 'review', 'draft', 'withdrawn']));
			expect(rows.find((r) => r.id === result.publicStory)).toMatchObject({ visibility: 'public', status: 'published' });
		});

		it('makes expert profiles of different people, most published, one of them for a profile page', async () => {
			const rows = await first.db.select({ id: expertProfile.id, userId: expertProfile.userId, publishedAt: expertProfile.publishedAt }).from(expertProfile);
			expect(rows).toHaveLength(result.counts.experts);
			expect(rows.length).toBeGreaterThanOrEqual(20);
			expect(new Set(rows.map((r) => r.userId)).size).toBe(rows.length);
			expect(rows.filter((r) => r.publishedAt).length).toBeGreaterThan(rows.length / 2);
			expect(rows.find((r) => r.id === result.publishedExpert)?.publishedAt).toBeTruthy();
		});

		it('makes requests to the pool in every status, the bench login their pool coordinator', async () => {
			const rows = await first.db.select({ status: poolRequest.status, organisation: poolRequest.organisation }).from(poolRequest);
			expect(rows).toHaveLength(result.counts.poolRequests);
			expect(rows.length).toBe(200);
			expect(new Set(rows.map((r) => r.status)).size).toBeGreaterThanOrEqual(5);
			// Closed long ago: the organisation's details are forgotten, as the retention job would have done.
			expect(rows.some((r) => r.organisation === null) && rows.some((r) => r.organisation !== null)).toBe(true);
			const [bench] = await first.db.select({ id: user.id }).from(user).where(eq(user.email, BENCH_EMAIL));
			expect(await first.db.select({ initiativeId: poolCoordinator.initiativeId }).from(poolCoordinator).where(eq(poolCoordinator.userId, bench.id))).toEqual([{ initiativeId: null }]);
		});

		it('gives the bench login and the first racers a herstelruimte with 500 journal entries each, sealed', async () => {
			const owners = await first.db.select({ owner: spaceEntry.ownerId, n: count() }).from(spaceEntry).groupBy(spaceEntry.ownerId);
			expect(owners.map((o) => o.n)).toEqual([500, 500, 500, 500]);
			const [bench] = await first.db.select({ id: user.id }).from(user).where(eq(user.email, BENCH_EMAIL));
			expect(owners.map((o) => o.owner)).toContain(bench.id);
			const [entry] = await first.db.select().from(spaceEntry).limit(1);
			expect(JSON.stringify(entry)).not.toMatch(/inloop|geslapen/i);
		});

		it('gives a password only to the bench logins, and the bench login can sign in', async () => {
			const [{ n }] = await first.db.select({ n: count() }).from(account);
			expect(n).toBe(1 + OPTIONS.racers);
			const auth = createAuth({ db: first.db, mailer: { send: async () => {} } as never, origin: 'http://localhost', secret: 'x'.repeat(32) });
			const signedIn = await auth.api.signInEmail({ body: { email: BENCH_EMAIL, password: BENCH_PASSWORD } });
			expect(signedIn.user.email).toBe(BENCH_EMAIL);
		});

		it('never confirms more people than an activity has places', async () => {
			const rows = await first.db
				.select({ capacity: activity.capacity, confirmed: count() })
				.from(activitySignup)
				.innerJoin(activity, eq(activity.id, activitySignup.activityId))
				.where(eq(activitySignup.status, 'confirmed'))
				.groupBy(activity.id, activity.capacity);
			expect(rows.length).toBeGreaterThan(0);
			for (const r of rows) if (r.capacity !== null) expect(r.confirmed).toBeLessThanOrEqual(r.capacity);
		});

		it('makes the same data from the same seed', async () => {
			const again = await generateScale(second.db, OPTIONS);
			expect(again.bigInitiative).toBe(result.bigInitiative);
			expect(await snapshot(second)).toEqual(await snapshot(first));
		}, 120_000);
	});
}
