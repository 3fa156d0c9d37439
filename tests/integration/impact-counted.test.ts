import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildRule } from '#lib/server/activities/recurrence.ts';
import { activity, activityException, activityHost, activitySignup, activityTurnout } from '#lib/server/activities/schema.ts';
import type { SignedIn } from '#lib/server/accounts/viewer.ts';
import { queryRows, type Database } from '#lib/server/db/index.ts';
import { exchangePost } from '#lib/server/exchange/schema.ts';
import { directFigures, figuresFor, readCounted, type Figures } from '#lib/server/impact/figures.ts';
import { parsePeriod, quarter, year, type Period } from '#lib/server/impact/period.ts';
import { recountMonth, refreshFigures } from '#lib/server/impact/refresh.ts';
import type { CountRow, Scope } from '#lib/server/impact/sources.ts';
import { initiative, membership } from '#lib/server/initiatives/schema.ts';
import { databases } from '../helpers/databases.ts';
import { makePerson } from '../helpers/people.ts';

/*
 * Figures counted ahead (impact/refresh.ts) against the same figures counted
 * from the sources alone, on a world with activities, series, turnout,
 * sign-ups, hosts and new members over several months: equal in every cell
 * and every count per initiative, for one initiative, the network and the
 * public part, before and after writes and counts.
 */

const NOW = new Date('2026-12-05T12:00:00Z');
const at = (iso: string) => new Date(iso);
const months = (from: string, to: string): Period => parsePeriod(new URLSearchParams({ van: from, tot: to }))!;

for (const target of databases) {
	describe.skipIf(target.skip)(`figures counted ahead on ${target.name}`, () => {
		let database: Database & { drop(): Promise<void> };
		let cas: SignedIn, bo: SignedIn;
		let members: SignedIn[];
		let kroonId: string, ankerId: string, seriesId: string;
		const db = () => database.db;

		/** Counts per initiative, figure and key, zeros dropped: what every breakdown and total is made of. */
		const counts = (rows: CountRow[]) => {
			const out: Record<string, number> = {};
			for (const r of rows) out[`${r.initiativeId}|${r.figure}|${r.key}`] = (out[`${r.initiativeId}|${r.figure}|${r.key}`] ?? 0) + r.count;
			return Object.fromEntries(Object.entries(out).filter(([, n]) => n !== 0));
		};
		const cells = (f: Figures) => f.tables;
		const scopes = (all: boolean): Scope[] => [{ kind: 'initiatives', ids: [kroonId] }, { kind: 'network' }, ...(all ? [{ kind: 'public' } as const] : [])];
		const periods = (): Period[] => [quarter(2026, 3), quarter(2026, 4), year(2026), months('2023-11', '2024-02')];

		async function expectSame(now = NOW, all = false) {
			for (const scope of scopes(all)) {
				for (const period of periods()) {
					const [ahead, direct] = await Promise.all([figuresFor(db(), scope, period, now), directFigures(db(), scope, period, now)]);
					expect(counts(ahead.rows), `${scope.kind} ${period.key}`).toEqual(counts(direct.rows));
					expect(cells(ahead), `${scope.kind} ${period.key}`).toEqual(cells(direct));
				}
			}
		}
		const turnoutOf = async (f: Promise<Figures>) => (await f).tables.find((t) => t.id === 'turnout')!.rows[0].cell.value;
		const kroonQ3 = () => figuresFor(db(), { kind: 'initiatives', ids: [kroonId] }, quarter(2026, 3), NOW);

		beforeAll(async () => {
			database = await target.open();
			[cas, bo] = await Promise.all(['Cas', 'Bo'].map((name) => makePerson(db(), name)));
			members = await Promise.all(Array.from({ length: 14 }, (_, i) => makePerson(db(), `Lid ${i}`)));
			const [kroon, anker] = await db()
				.insert(initiative)
				.values([
					{ slug: 'de-kroon', name: 'De Kroon', town: 'Zwolle', status: 'published', impactPublic: true, createdAt: at('2022-06-01T09:00:00Z') },
					{ slug: 'het-anker', name: 'Het Anker', town: 'Kampen', status: 'published', createdAt: at('2026-02-01T09:00:00Z') }
				])
				.returning();
			[kroonId, ankerId] = [kroon.id, anker.id];
			// New members spread over four years, one of them today (after the last count).
			const joined = ['2023-12-10', '2024-01-20', '2025-11-03', '2026-07-01', '2026-07-31', '2026-08-15', '2026-09-30', '2026-10-02', '2026-11-30', '2026-12-05'];
			await db()
				.insert(membership)
				.values([
					{ initiativeId: kroon.id, userId: cas.userId, role: 'coordinator' as const, joinedAt: at('2022-06-02T09:00:00Z') },
					{ initiativeId: anker.id, userId: bo.userId, role: 'coordinator' as const, joinedAt: at('2026-02-02T09:00:00Z') },
					...members.map((p, i) => ({ initiativeId: kroon.id, userId: p.userId, joinedAt: at(`${joined[i % joined.length]}T10:00:00Z`) })),
					...members.slice(0, 3).map((p) => ({ initiativeId: anker.id, userId: p.userId, joinedAt: at('2026-08-02T09:00:00Z') }))
				]);
			const oneOff = (initiativeId: string, iso: string, createdBy: string, extra: Partial<typeof activity.$inferInsert> = {}) => ({
				initiativeId,
				title: `Activiteit ${iso}`,
				kind: 'ontmoeting' as const,
				startsAt: at(iso),
				endsAt: new Date(at(iso).getTime() + 7_200_000),
				createdBy,
				...extra
			});
			// A one-off near every month edge (in Amsterdam time), and one today, before and after noon.
			const dates = ['2023-12-31T22:30:00Z', '2024-01-01T08:00:00Z', '2025-12-31T22:30:00Z', '2026-06-30T22:30:00Z', '2026-07-15T08:00:00Z', '2026-09-30T21:30:00Z', '2026-10-01T08:00:00Z', '2026-12-04T22:30:00Z', '2026-12-05T09:00:00Z', '2026-12-05T15:00:00Z'];
			const acts = await db()
				.insert(activity)
				.values([
					...dates.map((d, i) => oneOff(i % 3 === 2 ? anker.id : kroon.id, d, members[i].userId, { kind: (['ontmoeting', 'ontdekking', 'ontplooiing'] as const)[i % 3], theme: i % 2 ? 'inloop' : null })),
					// Weekly from June into December, led by members 0 and (co-host) 1: across months, each counted once.
					oneOff(kroon.id, '2026-06-02T08:00:00Z', members[0].userId, {
						kind: 'ontplooiing',
						theme: 'wandelen',
						rrule: buildRule('weekly', at('2026-06-02T08:00:00Z'), { kind: 'until', date: { year: 2026, month: 12, day: 15 } }),
						seriesEndsAt: at('2026-12-15T10:00:00Z')
					}),
					oneOff(kroon.id, '2026-08-20T08:00:00Z', cas.userId, { status: 'cancelled' })
				])
				.returning();
			seriesId = acts[dates.length].id;
			await db().insert(activityException).values({ activityId: seriesId, occurrenceStart: at('2026-07-14T08:00:00Z'), status: 'cancelled' });
			await db().insert(activityHost).values({ activityId: seriesId, userId: members[1].userId });
			await db()
				.insert(activityTurnout)
				.values([
					...['2026-06-30', '2026-07-07', '2026-07-21', '2026-09-29', '2026-12-01'].map((day, i) => ({ activityId: seriesId, occurrenceStart: at(`${day}T08:00:00Z`), people: 8 + i * 3, recordedBy: cas.userId })),
					...acts.slice(0, 8).map((a, i) => ({ activityId: a.id, occurrenceStart: a.startsAt, people: 4 + i, recordedBy: cas.userId }))
				]);
			await db()
				.insert(activitySignup)
				.values(acts.slice(0, 10).flatMap((a, i) => members.slice(0, 2 + i).map((p) => ({ activityId: a.id, occurrenceStart: a.startsAt, userId: p.userId, status: 'confirmed' as const }))));
			await db()
				.insert(exchangePost)
				.values(
					members.map((p, i) => ({
						kind: i % 2 ? ('offer' as const) : ('request' as const),
						initiativeId: i % 4 === 3 ? anker.id : kroon.id,
						createdBy: p.userId,
						title: `Bericht ${i}`,
						theme: 'gezelschap' as const,
						town: 'Zwolle',
						createdAt: at(`${joined[i % joined.length]}T11:00:00Z`)
					}))
				);
		}, 180_000);

		afterAll(async () => {
			await database?.drop();
		});

		it('after the count, the figures come from its rows and equal those counted from the sources, in every cell', async () => {
			expect(await readCounted(db())).toBeNull();
			await refreshFigures(db(), NOW);
			const counted = await readCounted(db());
			// Counted up to the start of today in Amsterdam, from January two years back.
			expect(counted).toMatchObject({ fromMonth: '2024-01', through: at('2026-12-04T23:00:00Z') });
			const [{ n }] = await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from impact_month`);
			expect(n).toBeGreaterThan(0);
			await expectSame(NOW, true);
			// The page says up to when, and that a late change to an earlier day waits for the night.
			expect((await kroonQ3()).updated).toEqual({ at: NOW, lateChangesAt: counted!.countedAt });
		}, 120_000);

		it('a recount outside the counted months, or a clock before the count, reads the sources', async () => {
			await recountMonth(db(), kroonId, at('2021-03-01T08:00:00Z'));
			await recountMonth(db(), kroonId, at('2026-12-05T09:00:00Z'));
			await expectSame();
			const earlier = new Date('2026-10-15T12:00:00Z');
			const [ahead, direct] = await Promise.all([figuresFor(db(), { kind: 'network' }, year(2026), earlier), directFigures(db(), { kind: 'network' }, year(2026), earlier)]);
			expect(cells(ahead)).toEqual(cells(direct));
			expect(ahead.updated.lateChangesAt).toBeNull();
		}, 120_000);

		it('what happens today counts at once; a late change to an earlier day counts after its recount or the night', async () => {
			// Today: a new member and turnout of this morning's date show straight away.
			const morning = await db().select().from(activity).where(sql`${activity.startsAt} = ${at('2026-12-05T09:00:00Z')}`);
			await db().insert(membership).values({ initiativeId: ankerId, userId: cas.userId, joinedAt: at('2026-12-05T10:00:00Z') });
			await db().insert(activityTurnout).values({ activityId: morning[0].id, occurrenceStart: morning[0].startsAt, people: 40, recordedBy: cas.userId });
			await expectSame();

			// Turnout written down afterwards for a date in August: the rows counted ahead do not have it yet ...
			const before = await turnoutOf(kroonQ3());
			await db().insert(activityTurnout).values({ activityId: seriesId, occurrenceStart: at('2026-08-11T08:00:00Z'), people: 25, recordedBy: cas.userId });
			expect(await turnoutOf(kroonQ3())).toBe(before);
			expect(await turnoutOf(directFigures(db(), { kind: 'initiatives', ids: [kroonId] }, quarter(2026, 3), NOW))).toBe(before! + 25);
			// ... until its month is counted again (the job recordTurnout adds), for that initiative only.
			await recountMonth(db(), kroonId, at('2026-08-11T08:00:00Z'));
			expect(await turnoutOf(kroonQ3())).toBe(before! + 25);
			await expectSame();

			// A date cancelled afterwards: counted after the night's count.
			await db().insert(activityException).values({ activityId: seriesId, occurrenceStart: at('2026-09-01T08:00:00Z'), status: 'cancelled' });
			const held = async () => (await kroonQ3()).tables.find((t) => t.id === 'held_kind')!.total!.value;
			const stale = await held();
			await refreshFigures(db(), NOW);
			expect(await held()).toBe(stale! - 1);
			await expectSame();

			// The next day's count moves on: yesterday's new member now comes from the rows.
			const tomorrow = new Date(NOW.getTime() + 86_400_000);
			await refreshFigures(db(), tomorrow);
			expect((await readCounted(db()))!.through).toEqual(at('2026-12-05T23:00:00Z'));
			await expectSame(tomorrow);
		}, 120_000);
	});
}
