import ICAL from 'ical.js';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFound } from '#lib/server/access/core.ts';
import type { SignedIn } from '#lib/server/accounts/viewer.ts';
import type { Database } from '#lib/server/db/index.ts';
import { cancelOccurrence, moveOccurrence } from '#lib/server/activities/exceptions.ts';
import { feedTokenStatus, makeFeedToken, ownerOfFeedToken, stopFeedToken } from '#lib/server/activities/feed-token.ts';
import { activityFile, initiativeFeed, personalFeed } from '#lib/server/activities/ical.ts';
import { eventJsonLd } from '#lib/server/activities/json-ld.ts';
import { buildRule } from '#lib/server/activities/recurrence.ts';
import { cancelActivity, createActivity, updateActivity } from '#lib/server/activities/service.ts';
import { signUp } from '#lib/server/activities/signups.ts';
import { activityFeedToken } from '#lib/server/activities/schema.ts';
import { amsterdamMoment } from '#lib/server/activities/time.ts';
import { createInitiative, setInitiativeStatus, type Initiative } from '#lib/server/initiatives/service.ts';
import { initiative, membership } from '#lib/server/initiatives/schema.ts';
import { databases } from '../helpers/databases.ts';
import { oneOff } from './activity-fixtures.ts';
import { makePerson } from '../helpers/people.ts';

const at = (date: string, time: string) => {
	const [year, month, day] = date.split('-').map(Number);
	const [hour, minute] = time.split(':').map(Number);
	return amsterdamMoment({ year, month, day }, { hour, minute })!;
};
const NOW = at('2026-10-01', '12:00');
const ORIGIN = 'https://herstelplein.test';

interface Parsed {
	uid: string;
	summary: string;
	status: string | null;
	/** Local wall-clock start as written in Amsterdam time, and the real moment. */
	local: string;
	start: Date;
	end: Date;
}

/** Parse a feed with ical.js (an independent parser) and expand every series up to `until`. */
function parse(text: string, until: Date): Parsed[] {
	const root = new ICAL.Component(ICAL.parse(text));
	for (const tz of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
	const vevents = root.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
	const masters = vevents.filter((e) => !e.isRecurrenceException());
	for (const ex of vevents.filter((e) => e.isRecurrenceException())) masters.find((m) => m.uid === ex.uid)?.relateException(ex);
	const out: Parsed[] = [];
	for (const e of masters) {
		const status = (e.component.getFirstPropertyValue('status') as string | null) ?? null;
		const push = (start: ICAL.Time, end: ICAL.Time, summary: string) =>
			out.push({ uid: e.uid, summary, status, local: `${start.toString().slice(0, 16)}`, start: start.toJSDate(), end: end.toJSDate() });
		if (!e.isRecurring()) {
			push(e.startDate, e.endDate, e.summary);
			continue;
		}
		const it = e.iterator();
		for (let next = it.next(); next && next.toJSDate() < until; next = it.next()) {
			const d = e.getOccurrenceDetails(next);
			push(d.startDate, d.endDate, d.item.summary);
		}
	}
	return out.sort((a, b) => a.start.getTime() - b.start.getTime());
}

for (const target of databases) {
	describe.skipIf(target.skip)(`iCalendar and JSON-LD on ${target.name}`, () => {
		let database: Database & { drop(): Promise<void> };
		let admin: SignedIn, host: SignedIn, member: SignedIn, other: SignedIn, outsider: SignedIn;
		let kroon: Initiative;

		beforeAll(async () => {
			database = await target.open();
			admin = await makePerson(database.db, 'Beheer', { isAdmin: true });
			host = await makePerson(database.db, 'Bram');
			member = await makePerson(database.db, 'Cor');
			other = await makePerson(database.db, 'Dewi');
			outsider = await makePerson(database.db, 'Eva');
			const result = await createInitiative(database.db, admin, { name: 'De Kroon', town: 'Zwolle', slug: '', description: '', joinPolicy: 'invite' });
			if (!result.ok) throw new Error(result.error);
			kroon = result.initiative;
			await database.db.delete(membership);
			for (const p of [host, member, other]) await database.db.insert(membership).values({ initiativeId: kroon.id, userId: p.userId, role: 'member' });
		});
		afterAll(() => database?.drop());

		it('the public feed gives a weekly Tuesday 19:00 walk at 19:00 local time in summer and winter time, with a cancelled and a moved date', async () => {
			const startsAt = at('2026-10-13', '19:00');
			const walk = await createActivity(database.db, host, kroon.id, {
				title: 'Dinsdagwandeling',
				description: 'Rondje park; neem water mee, en "goede" schoenen.',
				kind: 'ontmoeting',
				startsAt,
				endsAt: at('2026-10-13', '21:00'),
				place: '',
				capacity: null,
				visibility: 'public',
				rrule: buildRule('weekly', startsAt, { kind: 'until', date: { year: 2026, month: 11, day: 17 } })
			});
			await cancelOccurrence(database.db, host, walk.id, at('2026-10-27', '19:00'));
			await moveOccurrence(database.db, host, walk.id, at('2026-11-10', '19:00'), { startsAt: at('2026-11-12', '14:00'), endsAt: at('2026-11-12', '16:00') }, { now: NOW });
			await createActivity(database.db, host, kroon.id, oneOff('Alleen leden', 'members'));

			const text = await initiativeFeed(database.db, kroon.slug, ORIGIN, NOW);
			expect(text).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Amsterdam');
			expect(text).toContain('DTSTART;TZID=Europe/Amsterdam:20261013T190000');
			expect(text).toMatch(/^DTSTAMP:\d{8}T\d{6}Z\r$/m);
			expect(text).not.toContain('Alleen leden');
			const dates = parse(text, at('2027-01-01', '00:00')).filter((d) => d.uid === `${walk.id}@herstelplein`);
			expect(dates.map((d) => d.local)).toEqual(['2026-10-13T19:00', '2026-10-20T19:00', '2026-11-03T19:00', '2026-11-12T14:00', '2026-11-17T19:00']);
			// The real moments: 17:00 UTC in summer time, 18:00 UTC in winter time.
			expect(dates[0].start.toISOString()).toBe('2026-10-13T17:00:00.000Z');
			expect(dates[2].start.toISOString()).toBe('2026-11-03T18:00:00.000Z');
			expect(dates[4].end.toISOString()).toBe('2026-11-17T20:00:00.000Z');
		});

		it('a cancelled activity is in the feed as STATUS:CANCELLED; the feed of a hidden initiative does not exist', async () => {
			const gone = await createActivity(database.db, host, kroon.id, oneOff('Afgelast', 'public'));
			await cancelActivity(database.db, host, gone.id);
			const dates = parse(await initiativeFeed(database.db, kroon.slug, ORIGIN, NOW), at('2027-01-01', '00:00'));
			expect(dates.find((d) => d.summary === 'Afgelast')?.status).toBe('CANCELLED');

			const hidden = await createInitiative(database.db, admin, { name: 'Het Baken', town: 'Zwolle', slug: '', description: '', joinPolicy: 'invite' });
			if (!hidden.ok) throw new Error(hidden.error);
			await setInitiativeStatus(database.db, admin, hidden.initiative.id, 'unpublished');
			await expect(initiativeFeed(database.db, hidden.initiative.slug, ORIGIN, NOW)).rejects.toThrow(NotFound);
		});

		it("'Zet in mijn agenda' gives one activity to whoever may see it, and nothing to others", async () => {
			const closed = await createActivity(database.db, host, kroon.id, oneOff('Besloten kookavond', 'members'));
			const file = await activityFile(database.db, member, kroon.slug, closed.id, ORIGIN, NOW);
			expect(parse(file.body, at('2031-01-01', '00:00')).map((d) => d.summary)).toEqual(['Besloten kookavond']);
			await expect(activityFile(database.db, outsider, kroon.slug, closed.id, ORIGIN, NOW)).rejects.toThrow(NotFound);
			await expect(activityFile(database.db, null, kroon.slug, closed.id, ORIGIN, NOW)).rejects.toThrow(NotFound);
			await expect(activityFile(database.db, member, 'ander-initiatief', closed.id, ORIGIN, NOW)).rejects.toThrow(NotFound);
		});

		it('the private feed holds only my own sign-ups, each at its own date, and stops working when I stop or renew the link', async () => {
			const startsAt = at('2026-10-13', '19:00');
			const series = await createActivity(database.db, host, kroon.id, {
				...oneOff('Schilderen', 'members'),
				startsAt,
				endsAt: at('2026-10-13', '21:00'),
				capacity: 1,
				rrule: buildRule('weekly', startsAt, { kind: 'never' })
			});
			await signUp(database.db, member, series.id, at('2026-10-20', '19:00'), NOW);
			await signUp(database.db, member, series.id, at('2026-11-03', '19:00'), NOW);
			await signUp(database.db, other, series.id, at('2026-11-03', '19:00'), NOW); // waitlist: not in my feed
			await signUp(database.db, other, series.id, at('2026-11-10', '19:00'), NOW);
			await cancelOccurrence(database.db, host, series.id, at('2026-11-03', '19:00'));

			const token = await makeFeedToken(database.db, member);
			expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
			// Only a hash is stored.
			const stored = await database.db.select().from(activityFeedToken);
			expect(JSON.stringify(stored)).not.toContain(token);
			const owner = await ownerOfFeedToken(database.db, token);
			expect(owner).toBe(member.userId);

			const mine = parse(await personalFeed(database.db, owner!, { name: 'Mijn activiteiten', waitlist: 'wachtlijst' }, ORIGIN, NOW), at('2030-01-01', '00:00'));
			expect(mine.map((d) => [d.local, d.status])).toEqual([
				['2026-10-20T19:00', 'CONFIRMED'],
				['2026-11-03T19:00', 'CANCELLED']
			]);
			const theirs = parse(await personalFeed(database.db, other.userId, { name: 'x', waitlist: 'wachtlijst' }, ORIGIN, NOW), at('2030-01-01', '00:00'));
			expect(theirs.map((d) => d.summary)).toEqual(['Schilderen (wachtlijst)', 'Schilderen']);

			// Renewing replaces the old link; stopping ends it.
			const renewed = await makeFeedToken(database.db, member);
			expect(await ownerOfFeedToken(database.db, token)).toBeNull();
			expect(await ownerOfFeedToken(database.db, renewed)).toBe(member.userId);
			expect(await feedTokenStatus(database.db, member)).not.toBeNull();
			await stopFeedToken(database.db, member);
			expect(await ownerOfFeedToken(database.db, renewed)).toBeNull();
			expect(await feedTokenStatus(database.db, member)).toBeNull();
			expect(await ownerOfFeedToken(database.db, 'x'.repeat(43))).toBeNull();
			expect(await ownerOfFeedToken(database.db, "' or 1=1 --")).toBeNull();
		});

		it('no name or title can add an event to a calendar: line breaks stay text', async () => {
			// Forms refuse control characters in these fields; the calendar must be safe even when one got in (older data, an import).
			const inject = (label: string) => `${label}\r\nBEGIN:VEVENT\r\nUID:nep@evil.example\r\nSUMMARY:Nep\r\nDTSTART:20261201T100000Z\r\nEND:VEVENT\r\nX-A:;,\\`;
			const made = await createInitiative(database.db, admin, { name: inject('Het Anker'), town: 'Zwolle', slug: 'het-anker', description: '', joinPolicy: 'invite' });
			if (!made.ok) throw new Error(made.error);
			const walk = await createActivity(database.db, admin, made.initiative.id, { ...oneOff(inject('Wandelen'), 'public'), place: inject('Markt') });
			const asText = (label: string) => inject(label).replaceAll('\r\n', '\n');

			const feed = await initiativeFeed(database.db, made.initiative.slug, ORIGIN, NOW);
			const file = await activityFile(database.db, admin, made.initiative.slug, walk.id, ORIGIN, NOW);
			for (const [body, name] of [[feed, asText('Het Anker')], [file.body, asText('Wandelen')]]) {
				expect(body).not.toMatch(/^UID:nep/m);
				const root = new ICAL.Component(ICAL.parse(body));
				const events = root.getAllSubcomponents('vevent');
				expect(events.map((e) => e.getFirstPropertyValue('uid'))).toEqual([`${walk.id}@herstelplein`]);
				expect(events[0].getFirstPropertyValue('summary')).toBe(asText('Wandelen'));
				expect(events[0].getFirstPropertyValue('location')).toBe(asText('Markt'));
				// ical.js does not know these two properties as TEXT: it gives them escaped, as written.
				const unescaped = (property: string) => ICAL.design.icalendar.value.text.fromICAL(String(root.getFirstPropertyValue(property)));
				expect(unescaped('x-wr-calname')).toBe(name);
				expect(unescaped('name')).toBe(name);
			}
		});

		it('Event JSON-LD is data that no text can break out of', () => {
			const text = eventJsonLd(
				{ title: 'Wandelen </script><script>alert(1)</script>', description: 'a & b', startsAt: at('2026-10-13', '19:00'), endsAt: at('2026-10-13', '21:00'), place: '' },
				{ name: 'De Kroon', town: 'Zwolle', address: 'Markt 1', postcode: '8011 AA' },
				`${ORIGIN}/x`,
				false
			);
			expect(text).not.toMatch(/[<>&]/);
			const data = JSON.parse(text);
			expect(data).toMatchObject({ '@type': 'Event', name: 'Wandelen </script><script>alert(1)</script>', startDate: '2026-10-13T19:00:00+02:00', endDate: '2026-10-13T21:00:00+02:00' });
			expect(data.location.address).toMatchObject({ streetAddress: 'Markt 1', addressLocality: 'Zwolle' });
		});

		it("'Zet in mijn agenda' on one date of a series gives that date only, as one event; without a date, all dates", async () => {
			await database.db.update(initiative).set({ address: 'Kerkstraat 1', postcode: '8011 AB' }).where(eq(initiative.id, kroon.id));
			const startsAt = at('2027-03-02', '10:00');
			const input = { title: 'Koffieochtend', description: '', kind: 'ontmoeting' as const, startsAt, endsAt: at('2027-03-02', '12:00'), place: '', capacity: null, visibility: 'members' as const, rrule: buildRule('weekly', startsAt, { kind: 'count', count: 5 }) };
			const coffee = await createActivity(database.db, host, kroon.id, input);
			const one = await activityFile(database.db, member, kroon.slug, coffee.id, ORIGIN, NOW, { year: 2027, month: 3, day: 16 });
			expect(one.body.slice(one.body.indexOf('BEGIN:VEVENT'))).not.toContain('RRULE');
			const dates = parse(one.body, at('2028-01-01', '00:00'));
			expect(dates.map((d) => [d.uid, d.local])).toEqual([[`${coffee.id}-20270316T090000000Z@herstelplein`, '2027-03-16T10:00']]);
			expect(new ICAL.Component(ICAL.parse(one.body)).getFirstSubcomponent('vevent')!.getFirstPropertyValue('url')).toBe(`${ORIGIN}/initiatieven/${kroon.slug}/activiteiten/${coffee.id}?datum=2027-03-16`);
			expect(parse((await activityFile(database.db, member, kroon.slug, coffee.id, ORIGIN, NOW)).body, at('2028-01-01', '00:00'))).toHaveLength(5);
			await expect(activityFile(database.db, member, kroon.slug, coffee.id, ORIGIN, NOW, { year: 2027, month: 3, day: 17 })).rejects.toThrow(NotFound);
			await expect(activityFile(database.db, outsider, kroon.slug, coffee.id, ORIGIN, NOW, { year: 2027, month: 3, day: 16 })).rejects.toThrow(NotFound);
		});

		it('LOCATION holds the street address (the initiative’s own at the initiative) and SEQUENCE goes up on every change', async () => {
			await database.db.update(initiative).set({ address: 'Kerkstraat 1', postcode: '8011 AB' }).where(eq(initiative.id, kroon.id));
			const startsAt = at('2027-04-06', '19:00');
			const input = { title: 'Dinsdagavond', description: '', kind: 'ontmoeting' as const, startsAt, endsAt: at('2027-04-06', '21:00'), place: '', capacity: null, visibility: 'public' as const, rrule: buildRule('weekly', startsAt, { kind: 'count', count: 6 }) };
			const evening = await createActivity(database.db, host, kroon.id, input);
			const sequences = async () => {
				const root = new ICAL.Component(ICAL.parse(await initiativeFeed(database.db, kroon.slug, ORIGIN, NOW)));
				const mine = root.getAllSubcomponents('vevent').filter((e) => e.getFirstPropertyValue('uid') === `${evening.id}@herstelplein`);
				expect(new Set(mine.map((e) => e.getFirstPropertyValue('location')))).toEqual(new Set(['De Kroon, Kerkstraat 1, 8011 AB Zwolle']));
				return [...new Set(mine.map((e) => e.getFirstPropertyValue('sequence')))];
			};
			expect(await sequences()).toEqual([0]);
			await moveOccurrence(database.db, host, evening.id, at('2027-04-13', '19:00'), { startsAt: at('2027-04-14', '19:00'), endsAt: at('2027-04-14', '21:00') }, { now: NOW });
			expect(await sequences()).toEqual([1]);
			await cancelOccurrence(database.db, host, evening.id, at('2027-04-20', '19:00'));
			expect(await sequences()).toEqual([2]);
			await cancelOccurrence(database.db, host, evening.id, at('2027-04-20', '19:00'));
			expect(await sequences()).toEqual([2]);
			await updateActivity(database.db, host, evening.id, { ...input, place: 'Het park, bij de vijver' }, NOW);
			const root = new ICAL.Component(ICAL.parse(await initiativeFeed(database.db, kroon.slug, ORIGIN, NOW)));
			const master = root.getAllSubcomponents('vevent').find((e) => e.getFirstPropertyValue('uid') === `${evening.id}@herstelplein`)!;
			expect([master.getFirstPropertyValue('sequence'), master.getFirstPropertyValue('location')]).toEqual([3, 'Het park, bij de vijver']);
			await cancelActivity(database.db, host, evening.id, NOW);
			const after = new ICAL.Component(ICAL.parse(await initiativeFeed(database.db, kroon.slug, ORIGIN, NOW)));
			expect(after.getAllSubcomponents('vevent').find((e) => e.getFirstPropertyValue('uid') === `${evening.id}@herstelplein`)!.getFirstPropertyValue('sequence')).toBe(4);
		});
	});
}
