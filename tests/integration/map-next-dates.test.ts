import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/server/db/index.ts';
import { ensureActivityDates } from '#lib/server/activities/dates.ts';
import { nextPublicDates } from '#lib/server/activities/network/next.ts';
import { buildRule } from '#lib/server/activities/recurrence.ts';
import { cancelOccurrence } from '#lib/server/activities/exceptions.ts';
import { activity, activityException } from '#lib/server/activities/schema.ts';
import { amsterdamMoment } from '#lib/server/activities/time.ts';
import { initiative, membership } from '#lib/server/initiatives/schema.ts';
import { databases } from '../helpers/databases.ts';
import { makePerson } from '../helpers/people.ts';

const at = (date: string, time: string) => {
	const [year, month, day] = date.split('-').map(Number);
	const [hour, minute] = time.split(':').map(Number);
	return amsterdamMoment({ year, month, day }, { hour, minute })!;
};
/** "Now": Monday 30 November 2026, 09:00 in Amsterdam. */
const NOW = at('2026-11-30', '09:00');

for (const target of databases) {
	describe.skipIf(target.skip)(`the next date on the map's preview on ${target.name}`, () => {
		let database: Database & { drop(): Promise<void> };
		const homes: Record<string, string> = {};

		async function addInitiative(slug: string, status: 'published' | 'pending' = 'published') {
			const [row] = await database.db.insert(initiative).values({ slug, name: slug, town: 'Zwolle', status }).returning();
			homes[slug] = row.id;
		}
		async function addActivity(title: string, home: string, startsAt: Date, values: Partial<typeof activity.$inferInsert> = {}) {
			const [row] = await database.db
				.insert(activity)
				.values({ title, kind: 'ontmoeting', visibility: 'public', initiativeId: homes[home], startsAt, endsAt: new Date(startsAt.getTime() + 2 * 3600_000), ...values })
				.returning();
			return row;
		}

		beforeAll(async () => {
			database = await target.open();
			for (const slug of ['kroon', 'anker', 'haven', 'stil', 'bezig']) await addInitiative(slug);
			await addInitiative('wacht', 'pending');

			// De Kroon: only the public, published one-off counts; earlier ones are for members, proposed or cancelled.
			await addActivity('Alleen leden', 'kroon', at('2026-11-30', '12:00'), { visibility: 'members' });
			await addActivity('Voorstel', 'kroon', at('2026-11-30', '13:00'), { status: 'proposed' });
			await addActivity('Afgelast', 'kroon', at('2026-12-01', '10:00'), { status: 'cancelled' });
			await addActivity('Gisteren', 'kroon', at('2026-11-29', '10:00'));
			await addActivity('Samen koken', 'kroon', at('2026-12-02', '17:00'));
			await addActivity('Later koken', 'kroon', at('2026-12-09', '17:00'));

			// Het Anker: a weekly series on Monday evening whose date tonight is cancelled.
			const start = at('2026-11-02', '19:00');
			const series = await addActivity('Wandelen', 'anker', start, { rrule: buildRule('weekly', start, { kind: 'never' }) });
			await database.db.insert(activityException).values({ activityId: series.id, occurrenceStart: at('2026-11-30', '19:00'), status: 'cancelled' });

			// De Haven: only something far ahead; Stil: nothing; Wacht: waits for approval.
			await addActivity('Zomerfeest', 'haven', at('2027-06-01', '14:00'));
			await addActivity('Open dag', 'wacht', at('2026-12-01', '14:00'));

			// Bezig: a morning walk-in that is still going at nine, before this afternoon's lunch.
			await addActivity('Lunch', 'bezig', at('2026-11-30', '12:00'));
			await addActivity('Ochtendinloop', 'bezig', at('2026-11-30', '08:00'), { endsAt: at('2026-11-30', '11:00') });
			// Written around the services: the dates table is built from them, as at a start.
			await ensureActivityDates(database.db);
		});
		afterAll(() => database?.drop());

		it('gives each initiative its first public date that takes place, in one call for all of them', async () => {
			const next = await nextPublicDates(database.db, Object.values(homes), NOW);
			expect(next.get(homes.kroon)).toEqual({ title: 'Samen koken', startsAt: at('2026-12-02', '17:00'), endsAt: at('2026-12-02', '19:00') });
			expect(next.get(homes.anker)).toEqual({ title: 'Wandelen', startsAt: at('2026-12-07', '19:00'), endsAt: at('2026-12-07', '21:00') });
			expect(next.has(homes.haven)).toBe(false);
			expect(next.has(homes.stil)).toBe(false);
			expect(next.has(homes.wacht)).toBe(false);
			expect(next.get(homes.bezig)).toEqual({ title: 'Ochtendinloop', startsAt: at('2026-11-30', '08:00'), endsAt: at('2026-11-30', '11:00') });
		});

		it('follows a change made through the activities: a cancelled date gives way to the next one', async () => {
			const [walk] = await database.db.select().from(activity).where(eq(activity.title, 'Wandelen'));
			const anna = await makePerson(database.db, 'Anna');
			await database.db.insert(membership).values({ initiativeId: homes.anker, userId: anna.userId, role: 'coordinator' });
			expect(await cancelOccurrence(database.db, anna, walk.id, at('2026-12-07', '19:00'))).toEqual({ ok: true });
			expect((await nextPublicDates(database.db, [homes.anker], NOW)).get(homes.anker)?.startsAt).toEqual(at('2026-12-14', '19:00'));
		});

		it('reads only the initiatives asked for', async () => {
			const next = await nextPublicDates(database.db, [homes.anker], NOW);
			expect([...next.keys()]).toEqual([homes.anker]);
			expect((await nextPublicDates(database.db, [], NOW)).size).toBe(0);
		});
	});
}
