import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedIn, Viewer } from '#lib/server/accounts/viewer.ts';
import type { Database } from '#lib/server/db/index.ts';
import ICAL from 'ical.js';
import { ensureActivityDates } from '#lib/server/activities/dates.ts';
import { activitiesFeed } from '#lib/server/activities/ical.ts';
import { networkDates, networkDays, networkFeedActivities, NO_FILTERS, type NetworkFilters } from '#lib/server/activities/network/service.ts';
import { listWindow, monthWindow, parseNetworkQuery, weekWindow } from '#lib/server/activities/network/query.ts';
import { buildRule } from '#lib/server/activities/recurrence.ts';
import { ACTIVITY_KINDS, activity, activityException, activitySignup } from '#lib/server/activities/schema.ts';
import { amsterdamMoment, dayKey } from '#lib/server/activities/time.ts';
import { findPlace } from '#lib/server/directory/places.ts';
import { generateDemo } from '#lib/server/demo/generate.ts';
import { ACCESSIBILITY, initiative, membership, THEMES, type Accessibility } from '#lib/server/initiatives/schema.ts';
import { databases } from '../helpers/databases.ts';
import { makePerson } from '../helpers/people.ts';

const at = (date: string, time: string) => {
	const [year, month, day] = date.split('-').map(Number);
	const [hour, minute] = time.split(':').map(Number);
	return amsterdamMoment({ year, month, day }, { hour, minute })!;
};
/** "Now": Monday 30 November 2026, 09:00 in Amsterdam. */
const NOW = at('2026-11-30', '09:00');
/** The coming four weeks from now: 30 November up to and including 27 December. */
const COMING = listWindow({ when: null, date: null }, NOW);
const day = (date: string) => listWindow({ when: 'datum', date: parseNetworkQuery(new URLSearchParams({ datum: date })).date }, NOW);

type ActivityRow = typeof activity.$inferInsert;

for (const target of databases) {
	describe.skipIf(target.skip)(`the network's activity list on ${target.name}`, () => {
		let database: Database & { drop(): Promise<void> };
		let outsider: SignedIn, starter: SignedIn, networker: SignedIn, member: SignedIn, coordinator: SignedIn, host: SignedIn;
		const ids: Record<string, string> = {};
		const homes: Record<string, string> = {};

		/** The titles a viewer sees in a window, in order (dates of a series once per date). */
		async function titles(viewer: Viewer, filters: Partial<NetworkFilters> = {}, window = COMING) {
			const { dates } = await networkDates(database.db, viewer, { ...NO_FILTERS, ...filters }, window, { limit: 500 });
			return dates.map((d) => d.title);
		}
		const distinct = async (viewer: Viewer, filters: Partial<NetworkFilters> = {}, window = COMING) => [...new Set(await titles(viewer, filters, window))].sort();

		async function addInitiative(slug: string, town: string, status: 'published' | 'pending' | 'unpublished', accessibility: Accessibility[] = []) {
			const place = findPlace(town)!;
			const [row] = await database.db
				.insert(initiative)
				.values({ slug, name: slug.replace(/-/g, ' '), town, latitude: place.latitude, longitude: place.longitude, status, accessibility })
				.returning();
			homes[slug] = row.id;
		}

		async function addActivity(title: string, home: string, values: Partial<ActivityRow> = {}) {
			const startsAt = values.startsAt ?? at('2026-12-02', '14:00');
			const [row] = await database.db
				.insert(activity)
				.values({ title, kind: 'ontmoeting', visibility: 'public', initiativeId: homes[home], startsAt, endsAt: new Date(startsAt.getTime() + 2 * 3600_000), ...values })
				.returning();
			ids[title] = row.id;
			return row;
		}

		beforeAll(async () => {
			database = await target.open();
			outsider = await makePerson(database.db, 'Eva');
			starter = await makePerson(database.db, 'Gert');
			networker = await makePerson(database.db, 'Noor');
			member = await makePerson(database.db, 'Cor');
			coordinator = await makePerson(database.db, 'Anna');
			host = await makePerson(database.db, 'Bram');

			await addInitiative('kroon-zwolle', 'Zwolle', 'published', ['rolstoeltoegankelijk']);
			await addInitiative('anker-deventer', 'Deventer', 'published');
			await addInitiative('haven-groningen', 'Groningen', 'published');
			await addInitiative('wacht-zwolle', 'Zwolle', 'pending');
			await addInitiative('offline-zwolle', 'Zwolle', 'unpublished');
			await database.db.insert(membership).values([
				{ initiativeId: homes['kroon-zwolle'], userId: member.userId, role: 'member' },
				{ initiativeId: homes['kroon-zwolle'], userId: host.userId, role: 'member' },
				{ initiativeId: homes['kroon-zwolle'], userId: coordinator.userId, role: 'coordinator' },
				{ initiativeId: homes['anker-deventer'], userId: networker.userId, role: 'member' },
				// A pending initiative's activities stay off the list, also for its own members.
				{ initiativeId: homes['wacht-zwolle'], userId: member.userId, role: 'coordinator' },
				// Anyone may start an initiative: until it is approved, that does not make them part of the network.
				{ initiativeId: homes['wacht-zwolle'], userId: starter.userId, role: 'coordinator' },
				{ initiativeId: homes['offline-zwolle'], userId: starter.userId, role: 'member' }
			]);

			// De Kroon, Zwolle (wheelchair accessible).
			await addActivity('Koffie-inloop', 'kroon-zwolle', { theme: 'inloop', capacity: 3 });
			await addActivity('Netwerkavond', 'kroon-zwolle', { visibility: 'network', kind: 'ontplooiing', startsAt: at('2026-12-03', '19:00') });
			await addActivity('Ledenavond', 'kroon-zwolle', { visibility: 'members', startsAt: at('2026-12-04', '19:00') });
			await addActivity('Voorstel van Bram', 'kroon-zwolle', { visibility: 'public', status: 'proposed', createdBy: host.userId, startsAt: at('2026-12-05', '10:00') });
			await addActivity('Afgezegde lunch', 'kroon-zwolle', { status: 'cancelled', startsAt: at('2026-12-01', '12:00') });
			await addActivity('Elders in het park', 'kroon-zwolle', { place: 'Het park', kind: 'ontdekking', theme: 'wandelen', startsAt: at('2026-12-06', '10:00') });
			await addActivity('Online schrijven', 'kroon-zwolle', { onlineUrl: 'https://meet.example/abc', kind: 'ontdekking', theme: 'creatief', costCents: 250, startsAt: at('2026-12-07', '20:00') });
			// A weekly Tuesday walk: 1, 8, 15 and 22 December in the window; the 8th is cancelled, the 15th moved to Wednesday.
			const walkStart = at('2026-10-06', '19:00');
			const walk = await addActivity('Dinsdagwandeling', 'kroon-zwolle', {
				theme: 'wandelen',
				startsAt: walkStart,
				endsAt: at('2026-10-06', '21:00'),
				rrule: buildRule('weekly', walkStart, { kind: 'never' }),
				capacity: 10
			});
			await database.db.insert(activityException).values([
				{ activityId: walk.id, occurrenceStart: at('2026-12-08', '19:00'), status: 'cancelled' },
				{ activityId: walk.id, occurrenceStart: at('2026-12-15', '19:00'), status: 'moved', startsAt: at('2026-12-16', '18:00'), endsAt: at('2026-12-16', '20:00') }
			]);
			// A finished series and one long before the window never show.
			const oldStart = at('2026-01-06', '19:00');
			await addActivity('Oude reeks', 'kroon-zwolle', { startsAt: oldStart, endsAt: at('2026-01-06', '20:00'), rrule: buildRule('weekly', oldStart, { kind: 'count', count: 5 }), seriesEndsAt: at('2026-02-03', '20:00') });
			await addActivity('Vorige maand', 'kroon-zwolle', { startsAt: at('2026-10-01', '10:00') });

			// Het Anker, Deventer (40 km from Zwolle).
			await addActivity('Ankerwandeling', 'anker-deventer', { theme: 'wandelen', accessibility: ['prikkelarm'], startsAt: at('2026-12-02', '10:00') });
			await addActivity('Ankernetwerk', 'anker-deventer', { visibility: 'network', startsAt: at('2026-12-03', '10:00') });
			await addActivity('Ankerleden', 'anker-deventer', { visibility: 'members', startsAt: at('2026-12-03', '11:00') });
			// De Haven, Groningen (far away).
			await addActivity('Havenkoken', 'haven-groningen', { theme: 'koken', kind: 'ontplooiing', costCents: 500, startsAt: at('2026-12-02', '17:00') });
			// Initiatives that are not public: never on the list, not even for their own members.
			await addActivity('Wachtende activiteit', 'wacht-zwolle', { startsAt: at('2026-12-02', '15:00') });
			await addActivity('Offline activiteit', 'offline-zwolle', { startsAt: at('2026-12-02', '15:00') });

			// Sign-ups for the coffee (2 confirmed, 1 waiting) and the walk of 1 December (1 confirmed).
			const coffee = at('2026-12-02', '14:00');
			await database.db.insert(activitySignup).values([
				{ activityId: ids['Koffie-inloop'], occurrenceStart: coffee, userId: member.userId, status: 'confirmed' },
				{ activityId: ids['Koffie-inloop'], occurrenceStart: coffee, userId: host.userId, status: 'confirmed' },
				{ activityId: ids['Koffie-inloop'], occurrenceStart: coffee, userId: coordinator.userId, status: 'waitlist' },
				{ activityId: walk.id, occurrenceStart: at('2026-12-01', '19:00'), userId: member.userId, status: 'confirmed' },
				{ activityId: walk.id, occurrenceStart: at('2026-12-08', '19:00'), userId: host.userId, status: 'confirmed' }
			]);
			// Written around the services: the week and the month read the dates table built from them.
			await ensureActivityDates(database.db);
		});
		afterAll(() => database?.drop());

		const PUBLIC = ['Afgezegde lunch', 'Ankerwandeling', 'Dinsdagwandeling', 'Elders in het park', 'Havenkoken', 'Koffie-inloop', 'Online schrijven'];

		it('a visitor sees the public activities of published initiatives, and nothing else', async () => {
			expect(await distinct(null)).toEqual(PUBLIC);
		});

		it('someone signed in who belongs to no initiative sees the same as a visitor', async () => {
			expect(await distinct(outsider)).toEqual(PUBLIC);
		});

		it('someone whose only initiatives wait for approval or are offline sees the same as a visitor', async () => {
			expect(await distinct(starter)).toEqual(PUBLIC);
		});

		it("a member of another initiative also sees activities for the network, not another initiative's members-only ones", async () => {
			const seen = await distinct(networker);
			expect(seen).toEqual([...PUBLIC, 'Ankerleden', 'Ankernetwerk', 'Netwerkavond'].sort());
			expect(seen).not.toContain('Ledenavond');
		});

		it("a member sees all of their own initiative's activities, but not someone else's proposal", async () => {
			const seen = await distinct(member);
			expect(seen).toEqual([...PUBLIC, 'Ankernetwerk', 'Ledenavond', 'Netwerkavond'].sort());
			expect(seen).not.toContain('Voorstel van Bram');
			expect(seen).not.toContain('Ankerleden');
			expect(seen).not.toContain('Wachtende activiteit');
		});

		it('a proposal shows for the member who made it and for the coordinators', async () => {
			expect(await distinct(host)).toContain('Voorstel van Bram');
			expect(await distinct(coordinator)).toContain('Voorstel van Bram');
			const [proposal] = (await networkDates(database.db, host, NO_FILTERS, day('2026-12-05'), { limit: 10 })).dates;
			expect(proposal.status).toBe('proposed');
		});

		it('activities of initiatives that wait for approval or are offline never show', async () => {
			for (const viewer of [null, outsider, networker, member, coordinator]) {
				const seen = await distinct(viewer);
				expect(seen).not.toContain('Wachtende activiteit');
				expect(seen).not.toContain('Offline activiteit');
			}
		});

		it('a series shows each of its dates in the window, a cancelled date marked and a moved one at its new time', async () => {
			const { dates } = await networkDates(database.db, null, NO_FILTERS, COMING, { limit: 100 });
			const walks = dates.filter((d) => d.title === 'Dinsdagwandeling');
			expect(walks.map((w) => [dayKey(w.startsAt), w.cancelled, w.moved])).toEqual([
				['2026-12-01', false, false],
				['2026-12-08', true, false],
				['2026-12-16', false, true],
				['2026-12-22', false, false]
			]);
			expect(walks.every((w) => w.series)).toBe(true);
			// The moved date keeps its key (the original start), which its page uses.
			expect(dayKey(walks[2].key)).toBe('2026-12-15');
			expect(await distinct(null)).not.toContain('Oude reeks');
			expect(await distinct(null)).not.toContain('Vorige maand');
		});

		it('dates come in time order, and a cancelled activity is marked', async () => {
			const { dates } = await networkDates(database.db, null, NO_FILTERS, COMING, { limit: 100 });
			const times = dates.map((d) => d.startsAt.getTime());
			expect(times).toEqual([...times].sort((a, b) => a - b));
			expect(dates.find((d) => d.title === 'Afgezegde lunch')?.status).toBe('cancelled');
		});

		it('counts the confirmed sign-ups of each date, not the waitlist', async () => {
			const { dates } = await networkDates(database.db, null, NO_FILTERS, COMING, { limit: 100 });
			expect(dates.find((d) => d.title === 'Koffie-inloop')?.confirmed).toBe(2);
			const walks = dates.filter((d) => d.title === 'Dinsdagwandeling');
			expect(walks.map((w) => w.confirmed)).toEqual([1, 1, 0, 0]);
			// The online link itself is never part of a list.
			expect(JSON.stringify(dates)).not.toContain('meet.example');
		});

		it('filters by kind, theme, cost and online or on site', async () => {
			expect(await distinct(null, { kinds: ['ontdekking'] })).toEqual(['Elders in het park', 'Online schrijven']);
			expect(await distinct(null, { kinds: ['ontdekking', 'ontplooiing'] })).toEqual(['Elders in het park', 'Havenkoken', 'Online schrijven']);
			expect(await distinct(null, { themes: ['wandelen'] })).toEqual(['Ankerwandeling', 'Dinsdagwandeling', 'Elders in het park']);
			expect(await distinct(null, { free: true })).toEqual(PUBLIC.filter((t) => t !== 'Havenkoken' && t !== 'Online schrijven'));
			expect(await distinct(null, { where: 'online' })).toEqual(['Online schrijven']);
			expect(await distinct(null, { where: 'on-site' })).toEqual(PUBLIC.filter((t) => t !== 'Online schrijven'));
		});

		it("accessible: the activity's own features, or the initiative's when it is at the initiative itself", async () => {
			// De Kroon is wheelchair accessible: its activities at its own place count, not the one in the park or online.
			expect(await distinct(null, { accessibility: ['rolstoeltoegankelijk'] })).toEqual(['Afgezegde lunch', 'Dinsdagwandeling', 'Koffie-inloop']);
			expect(await distinct(null, { accessibility: ['prikkelarm'] })).toEqual(['Ankerwandeling']);
			expect(await distinct(null, { accessibility: ['prikkelarm', 'rolstoeltoegankelijk'] })).toEqual([]);
		});

		it('near a place: initiatives within the distance, with how far they are', async () => {
			const zwolle = findPlace('Zwolle')!;
			const near = { latitude: zwolle.latitude, longitude: zwolle.longitude };
			const close = await distinct(null, { near: { ...near, km: 25 } });
			expect(close).not.toContain('Ankerwandeling');
			expect(close).not.toContain('Havenkoken');
			expect(close).toContain('Koffie-inloop');
			expect(await distinct(null, { near: { ...near, km: 50 } })).toContain('Ankerwandeling');
			expect(await distinct(null, { near: { ...near, km: null } })).toEqual(PUBLIC);
			const { dates } = await networkDates(database.db, null, { ...NO_FILTERS, near: { ...near, km: 50 } }, COMING, { limit: 100 });
			const anker = dates.find((d) => d.title === 'Ankerwandeling')!;
			expect(anker.distanceKm).toBeGreaterThan(25);
			expect(anker.distanceKm).toBeLessThan(50);
		});

		it('a day shows only what starts that day; today leaves out what is over', async () => {
			expect(await titles(null, {}, day('2026-12-02'))).toEqual(['Ankerwandeling', 'Koffie-inloop', 'Havenkoken']);
			// At 13:00 on 2 December the walk of 10:00–12:00 is over; the coffee at 14:00 is still to come.
			const today = listWindow({ when: 'vandaag', date: null }, at('2026-12-02', '13:00'));
			expect(await titles(null, {}, today)).toEqual(['Koffie-inloop', 'Havenkoken']);
		});

		it('page by page: no date lost or repeated where pages meet, and `more` only when there is more', async () => {
			const all = (await networkDates(database.db, member, NO_FILTERS, COMING, { limit: 100 })).dates.map((d) => `${d.id}/${d.key.getTime()}`);
			for (const size of [1, 2, 3, 5]) {
				const seen: string[] = [];
				for (let offset = 0; ; offset += size) {
					const { dates, more } = await networkDates(database.db, member, NO_FILTERS, COMING, { limit: size, offset });
					seen.push(...dates.map((d) => `${d.id}/${d.key.getTime()}`));
					if (!more) break;
				}
				expect(seen).toEqual(all);
			}
		});

		it('as a calendar feed: public activities only, a series once with its rule and cancelled date, never an online link', async () => {
			const rows = await networkFeedActivities(database.db, { ...NO_FILTERS, themes: ['wandelen', 'creatief'] }, NOW);
			const body = await activitiesFeed(database.db, 'Activiteiten', rows, 'https://herstelplein.test', NOW);
			const events = new ICAL.Component(ICAL.parse(body)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
			const masters = events.filter((e) => !e.isRecurrenceException());
			expect(masters.map((e) => e.summary).sort()).toEqual(['Ankerwandeling', 'Dinsdagwandeling', 'Elders in het park', 'Online schrijven']);
			const walk = masters.find((e) => e.summary === 'Dinsdagwandeling')!;
			expect(walk.isRecurring()).toBe(true);
			expect(walk.component.getFirstPropertyValue('exdate')?.toString()).toContain('2026-12-08');
			expect(events.find((e) => e.isRecurrenceException())?.startDate.toString()).toContain('2026-12-16T18:00');
			expect(masters.find((e) => e.summary === 'Ankerwandeling')!.component.getFirstPropertyValue('url')).toBe(`https://herstelplein.test/initiatieven/anker-deventer/activiteiten/${ids['Ankerwandeling']}`);
			expect(body).not.toContain('meet.example');
			// A members' or network activity is never in a feed, whoever fetches it.
			const all = await networkFeedActivities(database.db, NO_FILTERS, NOW);
			expect(all.map((r) => r.activity.title)).not.toEqual(expect.arrayContaining(['Ledenavond']));
			expect(all.every((r) => r.activity.visibility === 'public' && r.activity.status !== 'proposed')).toBe(true);
			expect(all.map((r) => r.slug)).not.toContain('wacht-zwolle');
		});

		it('per day in a week and a month: the number of dates that take place, and the first few', async () => {
			const week = weekWindow({ year: 2026, month: 11, day: 30 });
			const days = await networkDays(database.db, null, NO_FILTERS, week, 2);
			expect([...days.keys()]).toEqual(['2026-12-01', '2026-12-02', '2026-12-06']);
			// 1 December: the cancelled lunch and the walk; only the walk takes place.
			expect(days.get('2026-12-01')!.count).toBe(1);
			expect(days.get('2026-12-01')!.dates.map((d) => d.title)).toEqual(['Afgezegde lunch', 'Dinsdagwandeling']);
			expect(days.get('2026-12-02')!.count).toBe(3);
			expect(days.get('2026-12-02')!.dates.map((d) => d.title)).toEqual(['Ankerwandeling', 'Koffie-inloop']);
			expect(days.get('2026-12-02')!.dates[1].confirmed).toBe(2);

			const month = await networkDays(database.db, null, NO_FILTERS, monthWindow({ year: 2026, month: 12, day: 1 }), 0);
			// The walk on the 8th is cancelled; the 15th moved to the 16th.
			expect(Object.fromEntries([...month].map(([k, v]) => [k, v.count]))).toEqual({
				'2026-12-01': 1,
				'2026-12-02': 3,
				'2026-12-06': 1,
				'2026-12-07': 1,
				'2026-12-08': 0,
				'2026-12-16': 1,
				'2026-12-22': 1,
				'2026-12-29': 1
			});
			expect([...month.values()].every((d) => d.dates.length === 0)).toBe(true);
		});
	});
}

for (const target of databases) {
	describe.skipIf(target.skip)(`the demo's activities in the network list on ${target.name}`, () => {
		let database: Database & { drop(): Promise<void> };
		beforeAll(async () => {
			database = await target.open();
			await generateDemo(database.db);
		});
		afterAll(() => database?.drop());

		it('every choice of the list finds something in the coming weeks, for a visitor', async () => {
			const now = new Date();
			const coming = listWindow({ when: null, date: null }, now);
			const found = async (filters: Partial<NetworkFilters>) => (await networkDates(database.db, null, { ...NO_FILTERS, ...filters }, coming, { limit: 5 })).dates.length;
			const zwolle = findPlace('Zwolle')!;
			const checks: Array<[string, Partial<NetworkFilters>]> = [
				['nothing chosen', {}],
				['near Zwolle', { near: { latitude: zwolle.latitude, longitude: zwolle.longitude, km: 25 } }],
				...ACTIVITY_KINDS.map((kind): [string, Partial<NetworkFilters>] => [kind, { kinds: [kind] }]),
				...THEMES.map((theme): [string, Partial<NetworkFilters>] => [theme, { themes: [theme] }]),
				...ACCESSIBILITY.filter((f) => f !== 'gratis').map((f): [string, Partial<NetworkFilters>] => [f, { accessibility: [f] }]),
				['free', { free: true }],
				['online', { where: 'online' }],
				['on site', { where: 'on-site' }]
			];
			const empty: string[] = [];
			for (const [name, filters] of checks) if ((await found(filters)) === 0) empty.push(name);
			expect(empty).toEqual([]);
			// Something costs money, something is full, something is cancelled.
			const { dates } = await networkDates(database.db, null, NO_FILTERS, coming, { limit: 1000 });
			expect(dates.some((d) => d.costCents > 0)).toBe(true);
			expect(dates.some((d) => d.capacity !== null && d.confirmed >= d.capacity)).toBe(true);
			expect(dates.some((d) => d.cancelled || d.status === 'cancelled')).toBe(true);
		});
	});
}
