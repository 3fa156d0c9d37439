import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedIn, Viewer } from '#lib/server/accounts/viewer.ts';
import type { Database } from '#lib/server/db/index.ts';
import { datesHorizon, ensureActivityDates } from '#lib/server/activities/dates.ts';
import { cancelOccurrence, moveOccurrence, restoreOccurrence } from '#lib/server/activities/exceptions.ts';
import type { ActivityInput } from '#lib/server/activities/forms.ts';
import { expandedNetworkDates, expandedNetworkDays, networkDates, networkDays, NO_FILTERS, type NetworkFilters } from '#lib/server/activities/network/service.ts';
import { monthWindow, weekWindow } from '#lib/server/activities/network/query.ts';
import { approveActivity, declineActivity } from '#lib/server/activities/proposals.ts';
import { buildRule, type RepeatPattern, type SeriesEnd } from '#lib/server/activities/recurrence.ts';
import { activity, activityDate } from '#lib/server/activities/schema.ts';
import { cancelActivity, createActivity, expandedDatesIn, listOccurrences, updateActivity } from '#lib/server/activities/service.ts';
import { amsterdamMoment, calendarDay } from '#lib/server/activities/time.ts';
import { findPlace } from '#lib/server/directory/places.ts';
import { initiative, membership } from '#lib/server/initiatives/schema.ts';
import { databases } from '../helpers/databases.ts';
import { makePerson } from '../helpers/people.ts';

/**
 * The network's week and month read the dates table (activities/dates.ts).
 * Here it must give exactly what expanding every series gives, for every
 * persona and some filters, for tricky series, after every kind of change.
 */

const at = (date: string, time: string) => {
	const [year, month, day] = date.split('-').map(Number);
	const [hour, minute] = time.split(':').map(Number);
	return amsterdamMoment({ year, month, day }, { hour, minute })!;
};
const month = (year: number, m: number) => monthWindow({ year, month: m, day: 1 });

/** January to April 2027 (summer time from 28 March), October and November 2027 (winter time from 31 October), a week, and part of a day. */
const WINDOWS = [
	month(2027, 1),
	month(2027, 2),
	month(2027, 3),
	month(2027, 4),
	month(2027, 10),
	month(2027, 11),
	weekWindow({ year: 2027, month: 1, day: 20 }),
	{ start: at('2027-01-12', '00:00'), from: at('2027-01-12', '19:30'), to: at('2027-01-13', '00:00') }
];
const near = (place: string, km: number) => ({ near: { latitude: findPlace(place)!.latitude, longitude: findPlace(place)!.longitude, km } });
/** Every initiative here is in Zwolle: near it finds them all, near Maastricht none. */
const FILTERS: Array<Partial<NetworkFilters>> = [{}, { themes: ['wandelen'] }, { kinds: ['ontdekking'] }, { where: 'online' }, near('Zwolle', 10), near('Maastricht', 25)];

function input(title: string, start: string, time: [string, string], values: Partial<ActivityInput> & { repeat?: [RepeatPattern, SeriesEnd] } = {}): ActivityInput {
	const { repeat, ...rest } = values;
	const startsAt = at(start, time[0]);
	let endsAt = at(start, time[1]);
	if (endsAt <= startsAt) endsAt = new Date(endsAt.getTime() + 24 * 3600_000);
	return {
		title,
		description: '',
		kind: 'ontmoeting',
		startsAt,
		endsAt,
		place: '',
		capacity: null,
		visibility: 'public',
		rrule: repeat ? buildRule(repeat[0], startsAt, repeat[1]) : null,
		...rest
	};
}

for (const target of databases) {
	// Each comparison asks every window, persona, filter and calendar twice: on PGlite, among the other test files
	// running at once on 2 cores, one test took 18–30 s (2026-12-06), near the default 30 s.
	describe.skipIf(target.skip)(`the dates table behind the network's week and month on ${target.name}`, { timeout: 120_000 }, () => {
		let database: Database & { drop(): Promise<void> };
		let outsider: SignedIn, starter: SignedIn, networker: SignedIn, member: SignedIn, coordinator: SignedIn, host: SignedIn;
		const homes: Record<string, string> = {};
		const ids: Record<string, string> = {};
		const personas = (): Array<[string, Viewer]> => [
			['visitor', null],
			['outsider', outsider],
			['starter of a pending initiative', starter],
			['member of another initiative', networker],
			['member', member],
			['coordinator', coordinator],
			['host of a proposal', host]
		];

		/** A date as shown, in words. */
		const describeDate = (x: Awaited<ReturnType<typeof networkDates>>['dates'][number]) =>
			`${x.title} ${x.startsAt.toISOString()} key ${x.key.toISOString()}${x.cancelled ? ' date cancelled' : ''}${x.moved ? ' moved' : ''} ${x.status} ${x.confirmed}`;
		/** What a day shows, in words: its count and its first dates. */
		const shown = (days: Awaited<ReturnType<typeof networkDays>>) =>
			[...days.values()].map((d) => ({
				day: d.day,
				count: d.count,
				dates: d.dates.map(describeDate)
			}));

		/** A page of the list, in words. */
		const listed = ({ dates, more }: Awaited<ReturnType<typeof networkDates>>) => ({ dates: dates.map(describeDate), more });

		/** The table and the expansion agree on every window, persona and filter, in the week and month and in the list (whole, and a page); returns the total counted. */
		async function agree(): Promise<number> {
			const horizon = await datesHorizon(database.db);
			let total = 0;
			for (const window of WINDOWS) {
				// Else the table would not be read at all.
				expect(window.to <= horizon!).toBe(true);
				for (const [name, viewer] of personas()) {
					// Every persona without filters; the filters for a visitor and a member.
					for (const filter of viewer === null || viewer === member ? FILTERS : [{}]) {
						const filters = { ...NO_FILTERS, ...filter };
						const perDay = window.to.getTime() - window.start.getTime() > 8 * 24 * 3600_000 ? 3 : 6;
						const table = shown(await networkDays(database.db, viewer, filters, window, perDay));
						const expanded = shown(await expandedNetworkDays(database.db, viewer, filters, window, perDay));
						const what = `${name}, ${JSON.stringify(filter)}, ${window.start.toISOString()}`;
						expect(table, what).toEqual(expanded);
						// The whole list, and (without filters) a page in the middle.
						for (const page of Object.keys(filter).length === 0 ? [{ limit: 500 }, { limit: 4, offset: 4 }] : [{ limit: 500 }]) {
							expect(listed(await networkDates(database.db, viewer, filters, window, page)), `${what}, list ${JSON.stringify(page)}`).toEqual(
								listed(await expandedNetworkDates(database.db, viewer, filters, window, page))
							);
						}
						total += table.reduce((n, d) => n + d.count, 0);
					}
					// Each initiative's own calendar: the same dates, in the same order, or the same refusal.
					for (const [slug, home] of Object.entries(homes)) {
						const asListed = (o: { title: string; startsAt: Date; key: Date; cancelled: boolean }) => `${o.title} ${o.startsAt.toISOString()} key ${o.key.toISOString()}${o.cancelled ? ' date cancelled' : ''}`;
						const refused = (e: Error) => [e.name];
						const table = await listOccurrences(database.db, viewer, home, { from: window.from, to: window.to, limit: 500 }).then((r) => r.occurrences.map(asListed), refused);
						const expanded = await expandedDatesIn(database.db, viewer, home, window, 500).then((r) => r.slice(0, 500).map((d) => asListed({ ...d.occurrence, title: d.activity.title })), refused);
						expect(table, `${name}, ${slug}, ${window.start.toISOString()} (own calendar)`).toEqual(expanded);
					}
				}
			}
			return total;
		}
		const count = async (viewer: Viewer, day: string, filters: Partial<NetworkFilters> = {}) => {
			const [year, m] = day.split('-').map(Number);
			return (await networkDays(database.db, viewer, { ...NO_FILTERS, ...filters }, month(year, m), 3)).get(day)?.count ?? 0;
		};
		const create = async (who: SignedIn, home: string, values: ActivityInput) => {
			ids[values.title] = (await createActivity(database.db, who, homes[home], values)).id;
		};

		beforeAll(async () => {
			database = await target.open();
			// Built on an empty database, as at a first start; from then on every change keeps it.
			await ensureActivityDates(database.db);
			[outsider, starter, networker, member, coordinator, host] = await Promise.all(
				['Eva', 'Gert', 'Noor', 'Cor', 'Anna', 'Bram'].map((name) => makePerson(database.db, name))
			);
			for (const [slug, status, reviewActivities] of [
				['kroon', 'published', true],
				['anker', 'published', false],
				['wacht', 'pending', false]
			] as const) {
				const place = findPlace('Zwolle')!;
				const [row] = await database.db
					.insert(initiative)
					.values({ slug, name: slug, town: 'Zwolle', latitude: place.latitude, longitude: place.longitude, status, reviewActivities })
					.returning();
				homes[slug] = row.id;
			}
			await database.db.insert(membership).values([
				{ initiativeId: homes.kroon, userId: coordinator.userId, role: 'coordinator' },
				{ initiativeId: homes.kroon, userId: member.userId, role: 'member' },
				{ initiativeId: homes.kroon, userId: host.userId, role: 'member' },
				{ initiativeId: homes.anker, userId: networker.userId, role: 'coordinator' },
				{ initiativeId: homes.wacht, userId: starter.userId, role: 'coordinator' }
			]);

			// Series of every kind, across both changes of the clock.
			await create(coordinator, 'kroon', input('Dinsdagwandeling', '2026-12-08', ['19:00', '21:00'], { theme: 'wandelen', capacity: 10, repeat: ['weekly', { kind: 'never' }] }));
			await create(coordinator, 'kroon', input('Om de week koffie', '2027-01-07', ['10:00', '11:30'], { repeat: ['biweekly', { kind: 'until', date: { year: 2027, month: 11, day: 30 } }] }));
			await create(coordinator, 'kroon', input('Maandelijks netwerk', '2027-01-09', ['14:00', '16:00'], { visibility: 'network', repeat: ['monthly', { kind: 'never' }] }));
			await create(coordinator, 'kroon', input('Ledengroep', '2027-01-04', ['20:00', '21:00'], { visibility: 'members', repeat: ['weekly', { kind: 'count', count: 6 }] }));
			await create(coordinator, 'kroon', input('Nachtwandeling', '2027-03-07', ['02:30', '03:30'], { theme: 'wandelen', kind: 'ontdekking', repeat: ['weekly', { kind: 'never' }] }));
			await create(coordinator, 'kroon', input('Laat op zaterdag', '2027-10-02', ['23:30', '01:00'], { repeat: ['weekly', { kind: 'until', date: { year: 2027, month: 11, day: 14 } }] }));
			await create(coordinator, 'kroon', input('Online schrijven', '2027-01-13', ['20:00', '21:00'], { kind: 'ontdekking', onlineUrl: 'https://meet.example/abc', repeat: ['weekly', { kind: 'never' }] }));
			await create(networker, 'anker', input('Ankerwandeling', '2027-01-06', ['10:00', '12:00'], { theme: 'wandelen', repeat: ['weekly', { kind: 'never' }] }));
			// One-offs, some on the same day and time as a series date.
			await create(coordinator, 'kroon', input('Koffie-inloop', '2027-01-12', ['19:00', '20:00']));
			await create(coordinator, 'kroon', input('Netwerkavond', '2027-01-12', ['20:00', '22:00'], { visibility: 'network' }));
			await create(coordinator, 'kroon', input('Ledenavond', '2027-02-10', ['19:00', '21:00'], { visibility: 'members' }));
			await create(networker, 'anker', input('Ankerleden', '2027-02-10', ['19:00', '20:00'], { visibility: 'members' }));
			await create(starter, 'wacht', input('Wachtende activiteit', '2027-01-12', ['15:00', '16:00']));
			// Members' proposals wait in De Kroon.
			await create(host, 'kroon', input('Voorstel van Bram', '2027-01-14', ['10:00', '12:00']));
			await create(host, 'kroon', input('Nog een voorstel', '2027-02-11', ['10:00', '12:00'], { repeat: ['weekly', { kind: 'count', count: 3 }] }));
		});
		afterAll(() => database?.drop());

		it('holds every date of every activity before the horizon, and a month of it counts what takes place', async () => {
			expect(await agree()).toBeGreaterThan(0);
			// 12 January: the walk, the coffee and the network evening (for the network), the online writing on the 13th.
			expect(await count(null, '2027-01-12')).toBe(2);
			expect(await count(networker, '2027-01-12')).toBe(3);
			expect(await count(starter, '2027-01-12')).toBe(2);
			// The members' group and a proposal: only members, a proposal only its host and the coordinator.
			expect(await count(member, '2027-01-04')).toBe(1);
			expect(await count(networker, '2027-01-04')).toBe(0);
			expect(await count(host, '2027-01-14')).toBe(1);
			expect(await count(member, '2027-01-14')).toBe(0);
			expect(await count(coordinator, '2027-01-14')).toBe(1);
			const rows = await database.db.select().from(activityDate).where(eq(activityDate.activityId, ids.Ledengroep));
			expect(rows).toHaveLength(6);
		});

		it('stays right when a date is cancelled, moved (to another month, or within one) and restored', async () => {
			const walk = ids.Dinsdagwandeling;
			expect(await cancelOccurrence(database.db, coordinator, walk, at('2027-01-12', '19:00'))).toEqual({ ok: true });
			expect(await count(null, '2027-01-12')).toBe(1);
			expect(await agree()).toBeGreaterThan(0);
			expect(await moveOccurrence(database.db, coordinator, walk, at('2027-01-19', '19:00'), { startsAt: at('2027-02-03', '18:00'), endsAt: at('2027-02-03', '20:00') })).toEqual({ ok: true });
			expect(await moveOccurrence(database.db, coordinator, ids['Om de week koffie'], at('2027-01-21', '10:00'), { startsAt: at('2027-01-22', '09:00'), endsAt: at('2027-01-22', '10:00') })).toEqual({ ok: true });
			// The clock goes back on 31 October: a date moved into the hour that happens twice.
			expect(await moveOccurrence(database.db, coordinator, ids['Laat op zaterdag'], at('2027-10-30', '23:30'), { startsAt: new Date('2027-10-31T00:30:00Z'), endsAt: new Date('2027-10-31T01:30:00Z') })).toEqual({ ok: true });
			expect(await count(null, '2027-01-19')).toBe(0);
			expect(await count(null, '2027-02-03')).toBe(3);
			expect(await agree()).toBeGreaterThan(0);
			expect(await restoreOccurrence(database.db, coordinator, walk, at('2027-01-12', '19:00'))).toEqual({ ok: true });
			expect(await restoreOccurrence(database.db, coordinator, walk, at('2027-01-19', '19:00'))).toEqual({ ok: true });
			expect(await count(null, '2027-01-12')).toBe(2);
			expect(await count(null, '2027-02-03')).toBe(2);
			expect(await agree()).toBeGreaterThan(0);
		});

		it('stays right when a series or an activity is changed, cancelled, approved or declined', async () => {
			// The biweekly coffee now ends mid-February, an hour later; its moved date of 21 January goes with the old rule.
			await updateActivity(database.db, coordinator, ids['Om de week koffie'], input('Om de week koffie', '2027-01-07', ['11:00', '12:30'], { repeat: ['biweekly', { kind: 'until', date: { year: 2027, month: 2, day: 15 } }] }));
			// The walk becomes a walk for members only, on Wednesdays.
			await updateActivity(database.db, coordinator, ids.Dinsdagwandeling, input('Dinsdagwandeling', '2026-12-09', ['19:00', '21:00'], { theme: 'wandelen', visibility: 'members', repeat: ['weekly', { kind: 'never' }] }));
			await updateActivity(database.db, coordinator, ids['Koffie-inloop'], input('Koffie-inloop', '2027-01-13', ['19:00', '20:00'], { theme: 'wandelen' }));
			expect(await count(null, '2027-01-12')).toBe(0);
			expect(await count(member, '2027-01-13')).toBe(4);
			expect(await count(null, '2027-03-04')).toBe(0);
			expect(await agree()).toBeGreaterThan(0);

			await cancelActivity(database.db, coordinator, ids['Maandelijks netwerk']);
			await approveActivity(database.db, coordinator, ids['Voorstel van Bram']);
			await declineActivity(database.db, coordinator, ids['Nog een voorstel']);
			expect(await count(networker, '2027-02-13')).toBe(0);
			expect(await count(null, '2027-01-14')).toBe(1);
			expect(await database.db.select().from(activityDate).where(eq(activityDate.activityId, ids['Nog een voorstel']))).toEqual([]);
			expect(await agree()).toBeGreaterThan(0);
		});

		it('follows the initiative: hidden, taken offline or removed, its dates leave the month', async () => {
			const before = await count(networker, '2027-01-13');
			await database.db.update(initiative).set({ status: 'unpublished' }).where(eq(initiative.id, homes.anker));
			expect(await count(networker, '2027-01-13')).toBe(before - 1);
			expect(await agree()).toBeGreaterThan(0);
			await database.db.update(initiative).set({ status: 'published' }).where(eq(initiative.id, homes.anker));
			expect(await count(networker, '2027-01-13')).toBe(before);
			await database.db.delete(initiative).where(eq(initiative.id, homes.anker));
			expect(await database.db.select().from(activityDate).where(eq(activityDate.initiativeId, homes.anker))).toEqual([]);
			expect(await agree()).toBeGreaterThan(0);
		});

		it('moves its horizon on a month at a time, and a window past it is expanded as before', async () => {
			const horizon = (await datesHorizon(database.db))!;
			// The month that starts at the horizon.
			const past = monthWindow(calendarDay(horizon));
			const expanded = shown(await expandedNetworkDays(database.db, null, NO_FILTERS, past, 3));
			expect(expanded.length).toBeGreaterThan(0);
			expect(shown(await networkDays(database.db, null, NO_FILTERS, past, 3))).toEqual(expanded);
			// Three months on, the horizon moves; the series without end go on in the table.
			await ensureActivityDates(database.db, { now: new Date(horizon.getTime() - 10 * 30 * 24 * 3600_000) });
			expect((await datesHorizon(database.db))!.getTime()).toBeGreaterThan(past.to.getTime());
			const rows = await database.db.select({ n: activityDate.day }).from(activityDate).where(eq(activityDate.activityId, ids['Online schrijven']));
			expect(rows.some((r) => r.n >= `${past.first.year}-${String(past.first.month).padStart(2, '0')}`)).toBe(true);
			expect(shown(await networkDays(database.db, null, NO_FILTERS, past, 3))).toEqual(expanded);
			expect(await agree()).toBeGreaterThan(0);
		});

		it('is built from the data when it was written around the services', async () => {
			const startsAt = at('2027-01-20', '15:00');
			await database.db.insert(activity).values({ title: 'Rechtstreeks', kind: 'ontmoeting', visibility: 'public', initiativeId: homes.kroon, startsAt, endsAt: new Date(startsAt.getTime() + 3600_000) });
			expect(await count(null, '2027-01-20')).toBe(1);
			await ensureActivityDates(database.db, { rebuild: true });
			expect(await count(null, '2027-01-20')).toBe(2);
			expect(await agree()).toBeGreaterThan(0);
		});
	});
}
