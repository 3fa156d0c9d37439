import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFound, SignInRequired } from '#lib/server/access/core.ts';
import type { SignedIn } from '#lib/server/accounts/viewer.ts';
import type { Database } from '#lib/server/db/index.ts';
import { cancelOccurrence, moveOccurrence, restoreOccurrence } from '#lib/server/activities/exceptions.ts';
import { activityForm, type ActivityInput } from '#lib/server/activities/forms.ts';
import { mySignups } from '#lib/server/activities/my-signups.ts';
import { occurrenceOnDay } from '#lib/server/activities/occurrences.ts';
import { activitiesPersonalData } from '#lib/server/activities/personal-data.ts';
import { buildRule } from '#lib/server/activities/recurrence.ts';
import { createActivity, getActivity, hasOccurrences, listOccurrences, updateActivity } from '#lib/server/activities/service.ts';
import { attendance, cancelSignup, signUp } from '#lib/server/activities/signups.ts';
import { amsterdamMoment, dayKey, formatTime } from '#lib/server/activities/time.ts';
import { createInitiative, type Initiative } from '#lib/server/initiatives/service.ts';
import { membership } from '#lib/server/initiatives/schema.ts';
import { databases } from '../helpers/databases.ts';
import { makePerson } from '../helpers/people.ts';

const at = (date: string, time: string) => {
	const [year, month, day] = date.split('-').map(Number);
	const [hour, minute] = time.split(':').map(Number);
	return amsterdamMoment({ year, month, day }, { hour, minute })!;
};
/** "Now" in these tests: 1 October 2026, before a Tuesday walk series that crosses the change to winter time. */
const NOW = at('2026-10-01', '12:00');

/** A weekly Tuesday 19:00–21:00 walk from 13 October 2026, without end unless said. */
function walk(overrides: Partial<ActivityInput> = {}): ActivityInput {
	const startsAt = at('2026-10-13', '19:00');
	return {
		title: 'Dinsdagwandeling',
		description: '',
		kind: 'ontmoeting',
		startsAt,
		endsAt: at('2026-10-13', '21:00'),
		place: '',
		capacity: null,
		visibility: 'members',
		rrule: buildRule('weekly', startsAt, { kind: 'never' }),
		...overrides
	};
}

function form(fields: Record<string, string>) {
	const base = { title: 'Wandelen', kind: 'ontmoeting', date: '2030-12-03', startTime: '19:00', endTime: '21:00', visibility: 'members', repeat: 'weekly', ends: 'never' };
	return activityForm.safeParse({ ...base, ...fields });
}
const messages = (result: ReturnType<typeof form>) => (result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path[0], i.message])));

for (const target of databases) {
	describe.skipIf(target.skip)(`series of activities on ${target.name}`, () => {
		let database: Database & { drop(): Promise<void> };
		let coordinator: SignedIn, host: SignedIn, member: SignedIn, third: SignedIn, outsider: SignedIn;
		let kroon: Initiative;
		const window = (from: string, to: string, limit = 100) => ({ from: at(from, '00:00'), to: at(to, '00:00'), limit });

		beforeAll(async () => {
			database = await target.open();
			const admin = await makePerson(database.db, 'Beheer', { isAdmin: true });
			coordinator = await makePerson(database.db, 'Anna');
			host = await makePerson(database.db, 'Bram');
			member = await makePerson(database.db, 'Cor');
			third = await makePerson(database.db, 'Dewi');
			outsider = await makePerson(database.db, 'Eva');
			const result = await createInitiative(database.db, admin, { name: 'De Kroon', town: 'Zwolle', slug: '', description: '', joinPolicy: 'invite' });
			if (!result.ok) throw new Error(result.error);
			kroon = result.initiative;
			await database.db.delete(membership);
			for (const [p, role] of [[coordinator, 'coordinator'], [host, 'member'], [member, 'member'], [third, 'member']] as const) {
				await database.db.insert(membership).values({ initiativeId: kroon.id, userId: p.userId, role });
			}
		});
		afterAll(() => database?.drop());

		it('the form offers a series with an end, and explains every mistake', () => {
			expect(form({ ends: 'count', count: '10' }).data?.rrule).toBe('FREQ=WEEKLY;BYDAY=TU;COUNT=10');
			expect(form({ repeat: 'biweekly', ends: 'until', untilDate: '2031-03-01' }).data?.rrule).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20310301T225959Z');
			expect(form({ repeat: 'monthly' }).data?.rrule).toBe('FREQ=MONTHLY;BYDAY=+1TU');
			expect(form({ repeat: 'once', ends: 'count', count: 'x' }).data?.rrule).toBeNull();
			expect(messages(form({ ends: 'count', count: '0' }))).toEqual({ count: 'activity_error_count' });
			expect(messages(form({ ends: 'count', count: '' }))).toEqual({ count: 'activity_error_count' });
			expect(messages(form({ ends: 'count', count: '201' }))).toEqual({ count: 'activity_error_too_many' });
			expect(messages(form({ ends: 'until', untilDate: '' }))).toEqual({ untilDate: 'activity_error_until_missing' });
			expect(messages(form({ ends: 'until', untilDate: '2030-02-30' }))).toEqual({ untilDate: 'activity_error_date' });
			expect(messages(form({ ends: 'until', untilDate: '2030-12-02' }))).toEqual({ untilDate: 'activity_error_until_before_start' });
			expect(messages(form({ ends: 'until', untilDate: '2040-12-02' }))).toEqual({ untilDate: 'activity_error_too_many' });
			expect(messages(form({ repeat: 'daily' }))).toEqual({ repeat: 'activity_error_repeat' });
			expect(messages(form({ ends: 'sometime' }))).toEqual({ ends: 'activity_error_ends' });
			expect(form({ visibility: 'network' }).data?.visibility).toBe('network');
			expect(messages(form({ visibility: 'everyone' }))).toEqual({ visibility: 'activity_error_visibility' });
			// The same day as the start is a fine end: one date.
			expect(form({ ends: 'until', untilDate: '2030-12-03' }).success).toBe(true);
		});

		it('a weekly walk without end shows by date in a window, at 19:00 in summer and in winter time', async () => {
			const series = await createActivity(database.db, host, kroon.id, walk());
			expect(series.seriesEndsAt).toBeNull();
			const { occurrences, more } = await listOccurrences(database.db, member, kroon.id, window('2026-10-01', '2026-11-18'));
			const mine = occurrences.filter((o) => o.id === series.id);
			expect(mine.map((o) => dayKey(o.startsAt))).toEqual(['2026-10-13', '2026-10-20', '2026-10-27', '2026-11-03', '2026-11-10', '2026-11-17']);
			expect(mine.every((o) => formatTime(o.startsAt, 'nl') === '19:00' && o.series)).toBe(true);
			expect(more).toBe(false);
			// Far in the future, still only the window.
			const later = await listOccurrences(database.db, member, kroon.id, window('2040-01-01', '2040-02-01', 3));
			expect(later.occurrences).toHaveLength(3);
			expect(later.more).toBe(true);
		});

		it('a page mixes one-offs and the dates of series in time order; a one-off still going on counts; "later" only when something follows', async () => {
			const admin = await makePerson(database.db, 'Beheer twee', { isAdmin: true });
			const made = await createInitiative(database.db, admin, { name: 'De Mix', town: 'Deventer', slug: '', description: '', joinPolicy: 'invite' });
			if (!made.ok) throw new Error(made.error);
			const mix = made.initiative;
			await database.db.insert(membership).values({ initiativeId: mix.id, userId: host.userId, role: 'coordinator' });
			const oneOff = (title: string, date: string, from: string, to: string) =>
				createActivity(database.db, host, mix.id, walk({ title, startsAt: at(date, from), endsAt: at(date, to), rrule: null }));
			await createActivity(database.db, host, mix.id, walk({ title: 'Reeks' }));
			await oneOff('Lang bezig', '2026-10-14', '09:00', '23:00');
			await oneOff('Voorbij', '2026-10-14', '08:00', '10:00');
			await oneOff('Eerste', '2026-10-15', '10:00', '11:00');
			await oneOff('Tweede', '2026-10-21', '10:00', '11:00');
			await oneOff('Derde', '2026-10-22', '10:00', '11:00');
			for (let i = 1; i <= 5; i++) await oneOff(`Veel later ${i}`, '2027-03-01', `1${i}:00`, `1${i}:30`);
			const from = at('2026-10-14', '12:00');
			const page = await listOccurrences(database.db, host, mix.id, { from, to: at('2026-11-01', '00:00'), limit: 5 });
			expect(page.occurrences.map((o) => `${o.title} ${dayKey(o.startsAt)}`)).toEqual([
				'Lang bezig 2026-10-14',
				'Eerste 2026-10-15',
				'Reeks 2026-10-20',
				'Tweede 2026-10-21',
				'Derde 2026-10-22'
			]);
			expect(page.more).toBe(true);
			expect(await hasOccurrences(database.db, host, mix.id, { from: at('2026-11-01', '00:00'), to: at('2027-11-01', '00:00') })).toBe(true);
			// Before the series starts and after the last one-off: nothing.
			expect(await hasOccurrences(database.db, host, mix.id, { from: at('2026-10-01', '00:00'), to: at('2026-10-13', '00:00') })).toBe(false);
			// An outsider sees none of these members-only dates.
			expect(await hasOccurrences(database.db, outsider, mix.id, { from, to: at('2027-11-01', '00:00') })).toBe(false);
		});

		it('sign-ups, capacity and the waitlist are per date; someone moves up when another cancels', async () => {
			const series = await createActivity(database.db, host, kroon.id, walk({ title: 'Klein groepje', capacity: 1 }));
			const first = at('2026-10-13', '19:00');
			const second = at('2026-10-20', '19:00');
			expect(await signUp(database.db, member, series.id, second, NOW)).toEqual({ ok: true, status: 'confirmed' });
			expect(await signUp(database.db, third, series.id, second, NOW)).toEqual({ ok: true, status: 'waitlist' });
			// Another date has its own places.
			expect(await signUp(database.db, third, series.id, first, NOW)).toEqual({ ok: true, status: 'confirmed' });
			expect(await attendance(database.db, member, series.id, second)).toMatchObject({ confirmed: 1, waitlist: 1, placesLeft: 0, mine: 'confirmed', people: null });
			expect((await attendance(database.db, host, series.id, second)).people?.map((p) => p.name)).toEqual(['Cor', 'Dewi']);
			expect((await attendance(database.db, member, series.id, first)).mine).toBeNull();

			const { occurrences } = await listOccurrences(database.db, member, kroon.id, window('2026-10-12', '2026-10-22'));
			expect(occurrences.filter((o) => o.id === series.id).map((o) => o.confirmed)).toEqual([1, 1]);

			expect((await cancelSignup(database.db, member, series.id, second, NOW)).movedUp).toEqual([third.userId]);
			expect((await attendance(database.db, third, series.id, second)).mine).toBe('confirmed');
			expect((await attendance(database.db, third, series.id, first)).mine).toBe('confirmed');
		});

		it('a time that is not one of the dates cannot be signed up for; a past date neither', async () => {
			const series = await createActivity(database.db, host, kroon.id, walk({ title: 'Precies' }));
			expect(await signUp(database.db, member, series.id, at('2026-10-14', '19:00'), NOW)).toEqual({ ok: false, error: 'no_date' });
			expect(await signUp(database.db, member, series.id, at('2026-10-13', '18:00'), NOW)).toEqual({ ok: false, error: 'no_date' });
			expect(await signUp(database.db, member, series.id, at('2026-10-13', '19:00'), at('2026-10-14', '12:00'))).toEqual({ ok: false, error: 'started' });
		});

		it('parallel sign-ups for one date never go over its places', async () => {
			const series = await createActivity(database.db, host, kroon.id, walk({ title: 'Druk', capacity: 2 }));
			const date = at('2026-11-03', '19:00');
			const people = await Promise.all(Array.from({ length: 6 }, (_, n) => makePerson(database.db, `Loper ${n}`)));
			for (const p of people) await database.db.insert(membership).values({ initiativeId: kroon.id, userId: p.userId, role: 'member' });
			const results = await Promise.all(people.map((p) => signUp(database.db, p, series.id, date, NOW)));
			expect(results.filter((r) => r.ok && r.status === 'confirmed')).toHaveLength(2);
			expect(results.filter((r) => r.ok && r.status === 'waitlist')).toHaveLength(4);
			// Other dates of the same series are untouched and also hold under parallel sign-ups.
			const other = at('2026-11-10', '19:00');
			const more = await Promise.all(people.map((p) => signUp(database.db, p, series.id, other, NOW)));
			expect(more.filter((r) => r.ok && r.status === 'confirmed')).toHaveLength(2);
			const confirmed = people.filter((_, n) => results[n].ok && (results[n] as { status: string }).status === 'confirmed');
			await Promise.all(confirmed.map((p) => cancelSignup(database.db, p, series.id, date, NOW)));
			expect(await attendance(database.db, host, series.id, date)).toMatchObject({ confirmed: 2, waitlist: 2 });
			expect(await attendance(database.db, host, series.id, other)).toMatchObject({ confirmed: 2, waitlist: 4 });
		});

		it('the host cancels one date: it shows as cancelled and nobody can sign up for it; undo brings it back', async () => {
			const series = await createActivity(database.db, host, kroon.id, walk({ title: 'Met een gat' }));
			const date = at('2026-10-27', '19:00');
			expect(await cancelOccurrence(database.db, member, series.id, date).catch((e) => e)).toBeInstanceOf(NotFound);
			expect(await cancelOccurrence(database.db, host, series.id, at('2026-10-28', '19:00'))).toEqual({ ok: false, error: 'no_date' });
			expect(await cancelOccurrence(database.db, host, series.id, date)).toEqual({ ok: true });
			expect(await signUp(database.db, member, series.id, date, NOW)).toEqual({ ok: false, error: 'cancelled' });
			const dates = (await listOccurrences(database.db, member, kroon.id, window('2026-10-19', '2026-11-04'))).occurrences.filter((o) => o.id === series.id);
			expect(dates.map((o) => [dayKey(o.startsAt), o.cancelled])).toEqual([
				['2026-10-20', false],
				['2026-10-27', true],
				['2026-11-03', false]
			]);
			await restoreOccurrence(database.db, coordinator, series.id, date);
			expect(await signUp(database.db, member, series.id, date, NOW)).toEqual({ ok: true, status: 'confirmed' });
		});

		it('the host moves one date; sign-ups for it stay, and the list shows the new day and time', async () => {
			const series = await createActivity(database.db, host, kroon.id, walk({ title: 'Verzet', capacity: 3 }));
			const date = at('2026-11-03', '19:00');
			await signUp(database.db, member, series.id, date, NOW);
			expect(await moveOccurrence(database.db, host, series.id, date, { startsAt: at('2026-11-05', '14:00'), endsAt: at('2026-11-05', '16:00') }, { now: NOW })).toEqual({ ok: true });
			const dates = (await listOccurrences(database.db, member, kroon.id, window('2026-11-02', '2026-11-09'))).occurrences.filter((o) => o.id === series.id);
			expect(dates).toHaveLength(1);
			expect(dates[0]).toMatchObject({ moved: true, key: date, confirmed: 1 });
			expect(formatTime(dates[0].startsAt, 'nl')).toBe('14:00');
			expect(dayKey(dates[0].startsAt)).toBe('2026-11-05');
			// The page of that date is found by its planned day.
			expect((await occurrenceOnDay(database.db, series, { year: 2026, month: 11, day: 3 }))?.startsAt).toEqual(at('2026-11-05', '14:00'));
			// And by the day it was moved to, as a link shared after the move would have it.
			expect((await occurrenceOnDay(database.db, series, { year: 2026, month: 11, day: 5 }))?.key).toEqual(date);
			expect(await occurrenceOnDay(database.db, series, { year: 2026, month: 11, day: 6 })).toBeNull();
			expect((await attendance(database.db, member, series.id, date)).mine).toBe('confirmed');
			// A date moved from outside the window into it shows too.
			const pulled = at('2026-11-24', '19:00');
			await moveOccurrence(database.db, host, series.id, pulled, { startsAt: at('2026-11-06', '10:00'), endsAt: at('2026-11-06', '11:00') }, { now: NOW });
			const again = (await listOccurrences(database.db, member, kroon.id, window('2026-11-02', '2026-11-09'))).occurrences.filter((o) => o.id === series.id);
			expect(again.map((o) => dayKey(o.startsAt))).toEqual(['2026-11-05', '2026-11-06']);
			// Not to a time that has passed, nor onto another date of the series; nothing changes then.
			const third = at('2026-12-01', '19:00');
			expect(await moveOccurrence(database.db, host, series.id, third, { startsAt: at('2026-09-30', '19:00'), endsAt: at('2026-09-30', '21:00') }, { now: NOW })).toEqual({ ok: false, error: 'move_past' });
			expect(await moveOccurrence(database.db, host, series.id, third, { startsAt: at('2026-12-08', '20:00'), endsAt: at('2026-12-08', '22:00') }, { now: NOW })).toEqual({ ok: false, error: 'move_taken' });
			// Onto the time of a date that was moved away is fine, and so is the date's own time.
			expect(await moveOccurrence(database.db, host, series.id, third, { startsAt: at('2026-11-03', '19:00'), endsAt: at('2026-11-03', '21:00') }, { now: NOW })).toEqual({ ok: true });
			expect(await moveOccurrence(database.db, host, series.id, third, { startsAt: at('2026-12-01', '18:00'), endsAt: at('2026-12-01', '20:00') }, { now: NOW })).toEqual({ ok: true });
		});

		it('changing the series removes sign-ups for dates it no longer has, and keeps the rest', async () => {
			const series = await createActivity(database.db, host, kroon.id, walk({ title: 'Wordt korter' }));
			await signUp(database.db, member, series.id, at('2026-10-20', '19:00'), NOW);
			await signUp(database.db, member, series.id, at('2026-11-17', '19:00'), NOW);
			const shorter = walk({ title: 'Wordt korter', rrule: buildRule('weekly', at('2026-10-13', '19:00'), { kind: 'count', count: 4 }) });
			const updated = await updateActivity(database.db, host, series.id, shorter);
			expect(dayKey(updated.seriesEndsAt!)).toBe('2026-11-03');
			expect((await attendance(database.db, member, series.id, at('2026-10-20', '19:00'))).mine).toBe('confirmed');
			expect((await attendance(database.db, member, series.id, at('2026-11-17', '19:00'))).mine).toBeNull();
			// A finished series is no longer in later lists.
			expect((await listOccurrences(database.db, member, kroon.id, window('2026-11-05', '2026-12-31'))).occurrences.map((o) => o.id)).not.toContain(series.id);
		});

		it('members-only series are not listed for outsiders; public ones are', async () => {
			const open = await createActivity(database.db, host, kroon.id, walk({ title: 'Open inloop', visibility: 'public' }));
			const ids = async (viewer: SignedIn | null) => new Set((await listOccurrences(database.db, viewer, kroon.id, window('2026-10-12', '2026-10-19'))).occurrences.map((o) => o.title));
			expect(await ids(null)).toEqual(new Set(['Open inloop']));
			expect(await ids(outsider)).toEqual(new Set(['Open inloop']));
			expect((await ids(member)).has('Dinsdagwandeling')).toBe(true);
			expect(await signUp(database.db, outsider, open.id, at('2026-10-13', '19:00'), NOW)).toEqual({ ok: false, error: 'members_only' });
		});

		it('an activity for the network is seen by members of any initiative, not by others; only its own members sign up', async () => {
			const elsewhere = await makePerson(database.db, 'Gijs');
			const admin = await makePerson(database.db, 'Beheer 2', { isAdmin: true });
			const result = await createInitiative(database.db, admin, { name: 'Het Anker', town: 'Deventer', slug: '', description: '', joinPolicy: 'invite' });
			if (!result.ok) throw new Error(result.error);
			await database.db.delete(membership).where(eq(membership.initiativeId, result.initiative.id));
			await database.db.insert(membership).values({ initiativeId: result.initiative.id, userId: elsewhere.userId, role: 'member' });
			const shared = await createActivity(database.db, host, kroon.id, walk({ title: 'Netwerkwandeling', visibility: 'network' }));
			const titles = async (viewer: SignedIn | null) => (await listOccurrences(database.db, viewer, kroon.id, window('2026-10-12', '2026-10-19'))).occurrences.map((o) => o.title);
			expect(await titles(elsewhere)).toContain('Netwerkwandeling');
			expect(await titles(member)).toContain('Netwerkwandeling');
			expect(await titles(outsider)).not.toContain('Netwerkwandeling');
			expect(await titles(null)).not.toContain('Netwerkwandeling');
			expect((await getActivity(database.db, elsewhere, shared.id)).role).toBeNull();
			await expect(getActivity(database.db, outsider, shared.id)).rejects.toThrow(NotFound);
			await expect(getActivity(database.db, null, shared.id)).rejects.toThrow(NotFound);
			expect(await signUp(database.db, elsewhere, shared.id, at('2026-10-13', '19:00'), NOW)).toEqual({ ok: false, error: 'members_only' });
			// Names stay with the host and coordinators.
			await signUp(database.db, member, shared.id, at('2026-10-13', '19:00'), NOW);
			expect((await attendance(database.db, elsewhere, shared.id, at('2026-10-13', '19:00'))).people).toBeNull();
		});

		it('"my sign-ups" lists only my own coming dates, at their current times, with the waitlist and cancelled dates marked', async () => {
			const series = await createActivity(database.db, host, kroon.id, walk({ title: 'Mijn reeks', capacity: 1 }));
			const [first, second, last] = [at('2026-10-13', '19:00'), at('2026-10-20', '19:00'), at('2026-10-27', '19:00')];
			await signUp(database.db, third, series.id, first, NOW);
			for (const date of [first, second, last]) await signUp(database.db, member, series.id, date, NOW);
			// The third date moves to before the second; the second is cancelled.
			await moveOccurrence(database.db, host, series.id, last, { startsAt: at('2026-10-16', '10:00'), endsAt: at('2026-10-16', '12:00') }, { now: NOW });
			await cancelOccurrence(database.db, host, series.id, second);
			const mine = (await mySignups(database.db, member, NOW)).filter((s) => s.activity.id === series.id);
			expect(mine.map((s) => [dayKey(s.occurrence.startsAt), s.status, s.occurrence.cancelled])).toEqual([
				['2026-10-13', 'waitlist', false],
				['2026-10-16', 'confirmed', false],
				['2026-10-20', 'confirmed', true]
			]);
			// Dates that have ended are gone from it.
			expect((await mySignups(database.db, member, at('2026-10-17', '00:00'))).filter((s) => s.activity.id === series.id)).toHaveLength(1);
			// Someone else's list holds none of mine; nobody's list without signing in.
			expect((await mySignups(database.db, third, NOW)).filter((s) => s.activity.id === series.id).map((s) => s.occurrence.key)).toEqual([first]);
			expect(await mySignups(database.db, outsider, NOW)).toEqual([]);
			await expect(mySignups(database.db, null, NOW)).rejects.toThrow(SignInRequired);
		});

		it("erasing an account frees each date it held for that date's waitlist; the export lists dates", async () => {
			const leaver = await makePerson(database.db, 'Fenna');
			await database.db.insert(membership).values({ initiativeId: kroon.id, userId: leaver.userId, role: 'member' });
			const series = await createActivity(database.db, host, kroon.id, walk({ title: 'Eén plek', capacity: 1 }));
			const a = at('2026-10-20', '19:00');
			const b = at('2026-10-27', '19:00');
			for (const d of [a, b]) {
				await signUp(database.db, leaver, series.id, d, NOW);
				await signUp(database.db, member, series.id, d, NOW);
			}
			const exported = (await activitiesPersonalData.collect(database.db, leaver)) as { signups: Array<{ date: Date; status: string }> };
			expect(exported.signups.map((s) => s.date)).toEqual([a, b]);
			await database.db.transaction((tx) => activitiesPersonalData.erase!(tx, leaver));
			expect((await attendance(database.db, member, series.id, a)).mine).toBe('confirmed');
			expect((await attendance(database.db, member, series.id, b)).mine).toBe('confirmed');
		});
	});
}
