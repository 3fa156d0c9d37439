import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedIn } from '#lib/server/accounts/viewer.ts';
import type { Database } from '#lib/server/db/index.ts';
import { refreshActivityDates } from '#lib/server/activities/dates.ts';
import { monthWindow } from '#lib/server/activities/network/query.ts';
import { networkDays, NO_FILTERS } from '#lib/server/activities/network/service.ts';
import { activity } from '#lib/server/activities/schema.ts';
import { amsterdamMoment } from '#lib/server/activities/time.ts';
import { findPlace } from '#lib/server/directory/places.ts';
import { requestOverview } from '#lib/server/expertise/request-figures.ts';
import { poolRequest } from '#lib/server/expertise/schema.ts';
import { membersPage } from '#lib/server/initiatives/memberships.ts';
import { initiative, membership } from '#lib/server/initiatives/schema.ts';
import { startJobRunner } from '#lib/server/jobs/index.ts';
import { noticeQueue } from '#lib/server/notify/index.ts';
import { outsideRequest } from '#lib/server/outside/schema.ts';
import { contentChanged, rememberResult, startPageCache, stopPageCache } from '#lib/server/pagecache/index.ts';
import { databases } from '../helpers/databases.ts';
import { jobsDone } from '../helpers/jobs.ts';
import { makePerson } from '../helpers/people.ts';

/*
 * Results read from many rows (the network's month, the pool's overview, a page of members) are read once and shared until the next
 * write raises the content version (issue 26). These tests write straight into the tables, so nothing raises the
 * version by itself: what a read returns before and after `contentChanged()` shows what is kept and for how long.
 */

const at = (day: number, hour: number) => amsterdamMoment({ year: 2027, month: 3, day }, { hour, minute: 0 })!;
const MARCH_2027 = monthWindow({ year: 2027, month: 3, day: 1 });

for (const target of databases) {
	describe.skipIf(target.skip)(`results kept until the next write on ${target.name}`, () => {
		let database: Database & { drop(): Promise<void> };
		let member: SignedIn, admin: SignedIn;
		let home: string;

		const addActivity = async (title: string, day: number, visibility: 'public' | 'members' = 'public') => {
			const [row] = await database.db
				.insert(activity)
				.values({ title, kind: 'ontmoeting', visibility, initiativeId: home, startsAt: at(day, 14), endsAt: at(day, 16) })
				.returning({ id: activity.id });
			await refreshActivityDates(database.db, [row.id]);
		};
		const titles = async (viewer: SignedIn | null) =>
			[...(await networkDays(database.db, viewer, NO_FILTERS, MARCH_2027, 5)).values()].flatMap((d) => d.dates.map((x) => x.title)).sort();

		beforeAll(async () => {
			database = await target.open();
			await startPageCache(database, { megabytes: 1, pollMs: 100 });
			member = await makePerson(database.db, 'Cor');
			admin = await makePerson(database.db, 'Beheer', { isAdmin: true });
			const place = findPlace('Zwolle')!;
			const [row] = await database.db
				.insert(initiative)
				.values({ slug: 'kroon-zwolle', name: 'De Kroon', town: 'Zwolle', latitude: place.latitude, longitude: place.longitude, status: 'published' })
				.returning();
			home = row.id;
			await database.db.insert(membership).values({ initiativeId: home, userId: member.userId, role: 'member' });
		});
		afterAll(async () => {
			await stopPageCache();
			await database?.drop();
		});

		it('shares one read between callers, reads again after a write, and keeps no failed read', async () => {
			let reads = 0;
			const read = () => rememberResult('test|een', async () => ++reads);
			expect(await Promise.all([read(), read(), read()])).toEqual([1, 1, 1]);
			await contentChanged();
			expect(await read()).toBe(2);

			let fails = true;
			const flaky = () => rememberResult('test|twee', async () => (fails ? Promise.reject(new Error('database gone')) : 'gelukt'));
			await expect(flaky()).rejects.toThrow('database gone');
			fails = false;
			expect(await flaky()).toBe('gelukt');
		});

		it("keeps the network's figures across writes, for their minutes only", async () => {
			let reads = 0;
			const read = (keepMs: number) => rememberResult(`test|netwerk|${keepMs}`, async () => ++reads, { keepMs, acrossWrites: true });
			expect(await read(60_000)).toBe(1);
			await contentChanged();
			expect(await read(60_000)).toBe(1);
			expect(await read(50)).toBe(2);
			await new Promise((done) => setTimeout(done, 120));
			expect(await read(50)).toBe(3);
		});

		it('reads an old result again in the background and hands out the kept one meanwhile, never across a write', async () => {
			// Every result counts as old at once here; in the app after three quarters of its time (pagecache/index.ts).
			await stopPageCache();
			await startPageCache(database, { megabytes: 1, pollMs: 100, refreshAfter: 0 });
			// Each read waits until the test lets it finish, oldest first.
			const waiting: (() => void)[] = [];
			const finishOldest = () => waiting.shift()!();
			try {
				let reads = 0;
				let failing = false;
				const read = () =>
					rememberResult('test|vooruit', async () => {
						const n = ++reads;
						await new Promise<void>((done) => waiting.push(done));
						if (failing) throw new Error('database gone');
						return n;
					});
				const first = read();
				finishOldest();
				expect(await first).toBe(1);
				// Old: handed out at once while read 2 runs; asking again does not start a third read.
				expect(await read()).toBe(1);
				expect(await read()).toBe(1);
				expect(reads).toBe(2);
				finishOldest();
				// The first request that gets read 2 starts read 3.
				await expect.poll(() => read()).toBe(2);
				expect(reads).toBe(3);

				// A read again that fails leaves the kept result, and a later request tries again.
				failing = true;
				finishOldest();
				await expect.poll(async () => [await read(), reads]).toEqual([2, 4]);
				failing = false;
				finishOldest();
				await expect.poll(() => read()).toBe(4);
				expect(reads).toBe(5);

				// A write while read 5 runs: the next request waits for a read after the write (6), and read 5,
				// finishing later, does not replace it.
				await contentChanged();
				const afterWrite = read();
				expect(reads).toBe(6);
				finishOldest();
				finishOldest();
				expect(await afterWrite).toBe(6);
				expect(await read()).toBe(6);
			} finally {
				waiting.forEach((done) => done());
				await stopPageCache();
				await startPageCache(database, { megabytes: 1, pollMs: 100 });
			}
		});

		it("keeps the network's month until the next write, per viewer's scope", async () => {
			await addActivity('Koffie-inloop', 3);
			await addActivity('Ledenavond', 4, 'members');
			expect(await titles(null)).toEqual(['Koffie-inloop']);
			expect(await titles(member)).toEqual(['Koffie-inloop', 'Ledenavond']);

			// Written without raising the version: nobody sees it yet, because the month was read once.
			await addActivity('Wandeling', 10);
			expect(await titles(null)).toEqual(['Koffie-inloop']);
			// Every write through the app raises the version once committed (pagecache/index.ts); then it is there.
			await contentChanged();
			expect(await titles(null)).toEqual(['Koffie-inloop', 'Wandeling']);
			expect(await titles(member)).toEqual(['Koffie-inloop', 'Ledenavond', 'Wandeling']);
		});

		it("keeps the pool's overview until the next write, after access is decided", async () => {
			const now = new Date();
			const asked = async () => (await requestOverview(database.db, admin, now)).months.reduce((n, m) => n + m.received, 0);
			const addRequest = async () => {
				const [row] = await database.db.insert(outsideRequest).values({ kind: 'pool-request', confirmedAt: now }).returning({ id: outsideRequest.id });
				await database.db.insert(poolRequest).values({ id: row.id, sector: 'gemeente', form: 'gastles', day: now.toISOString().slice(0, 10), feeKind: 'honorarium', feeCents: 10000 });
			};
			await addRequest();
			expect(await asked()).toBe(1);
			await addRequest();
			expect(await asked()).toBe(1);
			await contentChanged();
			expect(await asked()).toBe(2);
			// Kept figures never skip the access check.
			await expect(requestOverview(database.db, member, now)).rejects.toThrow();
		});

		it('keeps a page of members per scope: coordinators share one, a member sees only their own', async () => {
			const coordinator = await makePerson(database.db, 'Anna');
			const other = await makePerson(database.db, 'Bram');
			const shy = await makePerson(database.db, 'Dirk');
			await database.db.insert(membership).values([
				{ initiativeId: home, userId: coordinator.userId, role: 'coordinator' },
				{ initiativeId: home, userId: other.userId, role: 'coordinator' },
				{ initiativeId: home, userId: shy.userId, role: 'member', showName: false }
			]);
			await contentChanged();
			const names = async (viewer: SignedIn) => (await membersPage(database.db, viewer, { id: home })).members.map((m) => m.name);
			expect(await names(coordinator)).toEqual(['Anna', 'Bram', 'Cor', 'Dirk']);
			// Read right after a coordinator: a member still never sees a name that was not shown.
			expect(await names(member)).toEqual(['Cor']);
			expect(await names(shy)).toEqual(['Dirk']);

			const late = await makePerson(database.db, 'Els');
			await database.db.insert(membership).values({ initiativeId: home, userId: late.userId, role: 'member' });
			expect(await names(other)).toEqual(['Anna', 'Bram', 'Cor', 'Dirk']);
			await contentChanged();
			expect(await names(other)).toEqual(['Anna', 'Bram', 'Cor', 'Dirk', 'Els']);
		});

		it('a job that only sends mail leaves kept results alone; any other job ends them', async () => {
			let reads = 0;
			const read = () => rememberResult('test|jobs', async () => ++reads);
			let mails = 0;
			const runner = await startJobRunner(
				database,
				{ 'test-mail': noticeQueue(
					(data) => data,
					async () => {
						mails++;
						return 'sent' as const;
					}
				), 'test-import': { handler: async () => {} } },
				{ pollingIntervalSeconds: 0.5, afterJob: contentChanged }
			);
			try {
				// A job is marked done only after `afterJob` has run, so waiting for the jobs is enough.
				expect(await read()).toBe(1);
				await runner.boss.send('test-mail', {});
				await jobsDone(database.db, ['test-mail']);
				expect(mails).toBe(1);
				expect(await read()).toBe(1);
				await runner.boss.send('test-import', {});
				await jobsDone(database.db, ['test-import']);
				expect(await read()).toBe(2);
			} finally {
				await runner.stop();
			}
		}, 60_000);
	});
}
