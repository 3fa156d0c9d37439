import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFound, SignInRequired } from '#lib/server/access/core.ts';
import type { SignedIn } from '#lib/server/accounts/viewer.ts';
import type { Database } from '#lib/server/db/index.ts';
import { activityForm, type ActivityInput } from '#lib/server/activities/forms.ts';
import { cancelActivity, createActivity, getActivity, listOccurrences, updateActivity, type Activity } from '#lib/server/activities/service.ts';
import { attendance, cancelSignup, signUp } from '#lib/server/activities/signups.ts';
import { formatRange } from '#lib/server/activities/time.ts';
import { activitiesPersonalData } from '#lib/server/activities/personal-data.ts';
import { createInitiative, setInitiativeStatus, type Initiative } from '#lib/server/initiatives/service.ts';
import { membership } from '#lib/server/initiatives/schema.ts';
import { databases } from '../helpers/databases.ts';
import { makePerson } from '../helpers/people.ts';

const DAY = 24 * 60 * 60 * 1000;
/** The coming weeks, as the initiative's calendar shows them. */
const coming = { from: new Date(), to: new Date(Date.now() + 60 * DAY), limit: 100 };

/** Input for an activity `days` from now, two hours long. */
function input(overrides: Partial<ActivityInput> = {}, days = 7): ActivityInput {
	const startsAt = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + days * DAY);
	return {
		title: 'Samen wandelen',
		description: 'Een rondje door het park.',
		kind: 'ontmoeting',
		startsAt,
		endsAt: new Date(startsAt.getTime() + 2 * 3_600_000),
		place: '',
		capacity: null,
		visibility: 'public',
		...overrides
	};
}

function form(fields: Record<string, string>) {
	const base = { title: 'Schilderen', description: '', kind: 'ontplooiing', date: '2030-12-03', startTime: '14:00', endTime: '16:00', place: '', capacity: '', visibility: 'members' };
	return activityForm.safeParse({ ...base, ...fields });
}
const messages = (result: ReturnType<typeof form>) => (result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path[0], i.message])));

for (const target of databases) {
	describe.skipIf(target.skip)(`activities on ${target.name}`, () => {
		let database: Database & { drop(): Promise<void> };
		let admin: SignedIn, coordinator: SignedIn, host: SignedIn, member: SignedIn, stranger: SignedIn, otherMember: SignedIn;
		let kroon: Initiative, anker: Initiative;

		async function addMember(person: SignedIn, initiative: Initiative, role: 'member' | 'coordinator' = 'member') {
			await database.db.insert(membership).values({ initiativeId: initiative.id, userId: person.userId, role });
		}
		async function published(name: string) {
			const result = await createInitiative(database.db, admin, { name, town: 'Zwolle', slug: '', description: '', joinPolicy: 'invite' });
			if (!result.ok) throw new Error(result.error);
			return result.initiative;
		}

		beforeAll(async () => {
			database = await target.open();
			admin = await makePerson(database.db, 'Beheer', { isAdmin: true });
			coordinator = await makePerson(database.db, 'Anna');
			host = await makePerson(database.db, 'Bram');
			member = await makePerson(database.db, 'Cor');
			stranger = await makePerson(database.db, 'Dewi');
			otherMember = await makePerson(database.db, 'Eva');
			kroon = await published('De Kroon');
			anker = await published('Het Anker');
			await database.db.delete(membership); // the admin started both; they are not a member
			await addMember(coordinator, kroon, 'coordinator');
			await addMember(host, kroon);
			await addMember(member, kroon);
			await addMember(otherMember, anker);
		});
		afterAll(() => database?.drop());

		it('any member proposes an activity, and it is published at once with them as host', async () => {
			const walk = await createActivity(database.db, member, kroon.id, input());
			expect(walk).toMatchObject({ status: 'published', createdBy: member.userId, initiativeId: kroon.id });
			expect((await getActivity(database.db, member, walk.id)).canManage).toBe(true);
			expect((await getActivity(database.db, host, walk.id)).canManage).toBe(false);
			expect((await getActivity(database.db, coordinator, walk.id)).canManage).toBe(true);
		});

		it('someone who is not a member cannot propose an activity', async () => {
			await expect(createActivity(database.db, otherMember, kroon.id, input())).rejects.toThrow(NotFound);
			await expect(createActivity(database.db, null, kroon.id, input())).rejects.toThrow(SignInRequired);
		});

		it('a public activity of a public initiative is visible to anyone; a members-only one only to members', async () => {
			const open = await createActivity(database.db, host, kroon.id, input({ title: 'Open koffie' }));
			const closed = await createActivity(database.db, host, kroon.id, input({ title: 'Alleen leden', visibility: 'members' }));
			expect((await getActivity(database.db, null, open.id)).role).toBeNull();
			await expect(getActivity(database.db, null, closed.id)).rejects.toThrow(NotFound);
			await expect(getActivity(database.db, stranger, closed.id)).rejects.toThrow(NotFound);
			await expect(getActivity(database.db, otherMember, closed.id)).rejects.toThrow(NotFound);
			await expect(getActivity(database.db, admin, closed.id)).rejects.toThrow(NotFound);
			expect((await getActivity(database.db, member, closed.id)).role).toBe('member');

			const titles = async (viewer: SignedIn | null) => (await listOccurrences(database.db, viewer, kroon.id, coming)).occurrences.map((a) => a.title);
			expect(await titles(null)).toContain('Open koffie');
			expect(await titles(null)).not.toContain('Alleen leden');
			expect(await titles(otherMember)).not.toContain('Alleen leden');
			expect(await titles(member)).toEqual(expect.arrayContaining(['Open koffie', 'Alleen leden']));
		});

		it('nothing of an initiative that is not public is visible to outsiders, not even public activities', async () => {
			const hidden = await published('Het Baken');
			await addMember(host, hidden);
			const act = await createActivity(database.db, host, hidden.id, input({ visibility: 'public' }));
			await setInitiativeStatus(database.db, admin, hidden.id, 'unpublished');
			await expect(getActivity(database.db, null, act.id)).rejects.toThrow(NotFound);
			await expect(getActivity(database.db, stranger, act.id)).rejects.toThrow(NotFound);
			await expect(listOccurrences(database.db, stranger, hidden.id, coming)).rejects.toThrow(NotFound);
			expect((await getActivity(database.db, host, act.id)).role).toBe('member');
		});

		it('only the host and coordinators may edit or cancel an activity', async () => {
			const act = await createActivity(database.db, host, kroon.id, input({ title: 'Koken' }));
			await expect(updateActivity(database.db, member, act.id, input({ title: 'Gekaapt' }))).rejects.toThrow(NotFound);
			await expect(cancelActivity(database.db, member, act.id)).rejects.toThrow(NotFound);
			await expect(cancelActivity(database.db, otherMember, act.id)).rejects.toThrow(NotFound);
			expect((await updateActivity(database.db, host, act.id, input({ title: 'Samen koken' }))).title).toBe('Samen koken');
			await cancelActivity(database.db, coordinator, act.id);
			const seen = await getActivity(database.db, member, act.id);
			expect(seen.activity.status).toBe('cancelled');
			expect(await signUp(database.db, member, act.id)).toEqual({ ok: false, error: 'cancelled' });
			expect((await listOccurrences(database.db, member, kroon.id, coming)).occurrences.find((a) => a.id === act.id)?.status).toBe('cancelled');
		});

		it('members sign up; a non-member may look at a public activity but not sign up', async () => {
			const act = await createActivity(database.db, host, kroon.id, input({ capacity: 5 }));
			expect(await signUp(database.db, member, act.id)).toEqual({ ok: true, status: 'confirmed' });
			expect(await signUp(database.db, member, act.id)).toEqual({ ok: true, status: 'confirmed' });
			expect(await signUp(database.db, stranger, act.id)).toEqual({ ok: false, error: 'members_only' });
			await expect(signUp(database.db, null, act.id)).rejects.toThrow(SignInRequired);
			expect((await attendance(database.db, member, act.id)).placesLeft).toBe(4);
		});

		it('only the host and coordinators see who signed up; others see a count', async () => {
			const act = await createActivity(database.db, host, kroon.id, input({ capacity: 3 }));
			await signUp(database.db, member, act.id);
			await signUp(database.db, coordinator, act.id);
			const forHost = await attendance(database.db, host, act.id);
			expect(forHost.people?.map((p) => p.name)).toEqual(['Cor', 'Anna']);
			expect((await attendance(database.db, coordinator, act.id)).people).toHaveLength(2);
			const forMember = await attendance(database.db, member, act.id);
			expect(forMember).toMatchObject({ confirmed: 2, placesLeft: 1, mine: 'confirmed', people: null });
			const forPublic = await attendance(database.db, null, act.id);
			expect(forPublic.people).toBeNull();
			expect(JSON.stringify(forPublic)).not.toContain('Cor');
			await expect(attendance(database.db, otherMember, (await createActivity(database.db, host, kroon.id, input({ visibility: 'members' }))).id)).rejects.toThrow(NotFound);
		});

		it('parallel sign-ups never go over the number of places; the rest wait', async () => {
			const act = await createActivity(database.db, host, kroon.id, input({ capacity: 3 }));
			const people = await Promise.all(Array.from({ length: 8 }, (_, n) => makePerson(database.db, `Deelnemer ${n}`)));
			for (const p of people) await addMember(p, kroon);
			const results = await Promise.all(people.map((p) => signUp(database.db, p, act.id)));
			expect(results.filter((r) => r.ok && r.status === 'confirmed')).toHaveLength(3);
			expect(results.filter((r) => r.ok && r.status === 'waitlist')).toHaveLength(5);
			expect(await attendance(database.db, host, act.id)).toMatchObject({ confirmed: 3, waitlist: 5, placesLeft: 0 });

			// Parallel cancellations move exactly as many people up as left.
			const confirmed = people.filter((_, n) => results[n].ok && (results[n] as { status: string }).status === 'confirmed');
			await Promise.all(confirmed.slice(0, 2).map((p) => cancelSignup(database.db, p, act.id)));
			expect(await attendance(database.db, host, act.id)).toMatchObject({ confirmed: 3, waitlist: 3, placesLeft: 0 });
		});

		it('when someone cancels, the first on the waitlist moves up', async () => {
			const act = await createActivity(database.db, host, kroon.id, input({ capacity: 1 }));
			expect(await signUp(database.db, member, act.id)).toEqual({ ok: true, status: 'confirmed' });
			expect(await signUp(database.db, coordinator, act.id)).toEqual({ ok: true, status: 'waitlist' });
			expect(await signUp(database.db, host, act.id)).toEqual({ ok: true, status: 'waitlist' });
			const { movedUp } = await cancelSignup(database.db, member, act.id);
			expect(movedUp).toEqual([coordinator.userId]);
			expect((await attendance(database.db, coordinator, act.id)).mine).toBe('confirmed');
			expect((await attendance(database.db, host, act.id)).mine).toBe('waitlist');
			// Leaving the waitlist moves nobody.
			expect((await cancelSignup(database.db, host, act.id)).movedUp).toEqual([]);
			// More places: the waitlist moves up at once.
			await signUp(database.db, member, act.id);
			expect((await attendance(database.db, member, act.id)).mine).toBe('waitlist');
			await updateActivity(database.db, host, act.id, input({ capacity: 2 }));
			expect((await attendance(database.db, member, act.id)).mine).toBe('confirmed');
		});

		it("a person's export holds what they host and where they signed up; erasing frees their place for the waitlist", async () => {
			const leaver = await makePerson(database.db, 'Fenna');
			await addMember(leaver, kroon);
			const act = await createActivity(database.db, leaver, kroon.id, input({ title: 'Fenna kookt', capacity: 1 }));
			await signUp(database.db, leaver, act.id);
			await signUp(database.db, member, act.id);
			const exported = (await activitiesPersonalData.collect(database.db, leaver)) as { hosted: unknown[]; signups: Array<{ status: string }> };
			expect(exported.hosted).toHaveLength(1);
			expect(exported.signups).toEqual([expect.objectContaining({ title: 'Fenna kookt', status: 'confirmed' })]);
			expect(JSON.stringify(exported)).not.toContain('Cor');
			await database.db.transaction((tx) => activitiesPersonalData.erase!(tx, leaver));
			expect((await attendance(database.db, member, act.id)).mine).toBe('confirmed');
		});

		it('the database itself refuses an end before the start and zero places', async () => {
			await expect(createActivity(database.db, host, kroon.id, input({ endsAt: new Date(Date.now() + DAY), startsAt: new Date(Date.now() + 2 * DAY) }))).rejects.toThrow();
			await expect(createActivity(database.db, host, kroon.id, input({ capacity: 0 }))).rejects.toThrow();
		});

		it('the same form sent twice (a double click, at the same moment) makes one activity', async () => {
			const formKey = crypto.randomUUID();
			const [first, second] = await Promise.all([
				createActivity(database.db, host, kroon.id, input({ title: 'Dubbel geklikt' }), { formKey }),
				createActivity(database.db, host, kroon.id, input({ title: 'Dubbel geklikt' }), { formKey })
			]);
			expect(second.id).toBe(first.id);
			const again = await createActivity(database.db, host, kroon.id, input({ title: 'Dubbel geklikt' }), { formKey });
			expect(again.id).toBe(first.id);
			const titles = (await listOccurrences(database.db, host, kroon.id, coming)).occurrences.map((o) => o.title);
			expect(titles.filter((t) => t === 'Dubbel geklikt')).toHaveLength(1);
			// A new form (a new key), or one without a key, is a new activity.
			expect((await createActivity(database.db, host, kroon.id, input({ title: 'Dubbel geklikt' }), { formKey: crypto.randomUUID() })).id).not.toBe(first.id);
			expect((await createActivity(database.db, host, kroon.id, input({ title: 'Dubbel geklikt' }))).id).not.toBe(first.id);
		});

		it('the upcoming list is bounded and pages on; past activities are left out', async () => {
			const fresh = await published('Het Wiel');
			await addMember(host, fresh);
			for (let n = 0; n < 5; n++) await createActivity(database.db, host, fresh.id, input({ title: `Activiteit ${n}` }, n + 1));
			await createActivity(database.db, host, fresh.id, input({ title: 'Voorbij' }, -3));
			const first = await listOccurrences(database.db, null, fresh.id, { ...coming, limit: 3 });
			expect(first.occurrences.map((a) => a.title)).toEqual(['Activiteit 0', 'Activiteit 1', 'Activiteit 2']);
			expect(first.more).toBe(true);
			// The next page starts when the last date shown has ended (dates going on at `from` are included).
			const from = first.occurrences[2].endsAt;
			const second = await listOccurrences(database.db, null, fresh.id, { ...coming, from, limit: 3 });
			expect(second.occurrences.map((a) => a.title)).toEqual(['Activiteit 3', 'Activiteit 4']);
			expect(second.more).toBe(false);
		});

		it('times are shown in Dutch, in Amsterdam time', () => {
			const parsed = form({ date: '2026-12-01', startTime: '14:00', endTime: '16:00' });
			expect(parsed.success).toBe(true);
			const { startsAt, endsAt } = parsed.data!;
			expect(startsAt.toISOString()).toBe('2026-12-01T13:00:00.000Z');
			expect(formatRange(startsAt, endsAt, 'nl')).toBe('dinsdag 1 december, 14:00–16:00');
			expect(formatRange(startsAt, endsAt, 'en')).toBe('Tuesday 1 December, 14:00–16:00');
			// Summer time.
			expect(form({ date: '1-7-2027', startTime: '9.30' }).data?.startsAt.toISOString()).toBe('2027-07-01T07:30:00.000Z');
		});

		it('the form explains every mistake in plain words, all at once', () => {
			expect(messages(form({ title: '   ' }))).toEqual({ title: 'activity_error_title' });
			expect(messages(form({ date: '2030-02-31' }))).toEqual({ date: 'activity_error_date' });
			expect(messages(form({ date: '' }))).toEqual({ date: 'activity_error_date_missing' });
			expect(messages(form({ startTime: '16:00', endTime: '14:00' }))).toEqual({ endTime: 'activity_error_end_before_start' });
			expect(messages(form({ startTime: '14:00', endTime: '14:00' }))).toEqual({ endTime: 'activity_error_end_before_start' });
			expect(messages(form({ startTime: '25:00' }))).toEqual({ startTime: 'activity_error_time' });
			for (const capacity of ['0', '-3', 'tien', '2.5', '1e3']) expect(messages(form({ capacity }))).toEqual({ capacity: 'activity_error_capacity' });
			expect(form({ capacity: ' 12 ' }).data?.capacity).toBe(12);
			expect(form({ capacity: '' }).data?.capacity).toBeNull();
			expect(messages(form({ title: '', date: '31-02-2030', capacity: '0', kind: 'iets' }))).toEqual({
				title: 'activity_error_title',
				date: 'activity_error_date',
				capacity: 'activity_error_capacity',
				kind: 'activity_error_kind'
			});
			// The hour skipped when summer time starts does not exist.
			expect(messages(form({ date: '2027-03-28', startTime: '02:30', endTime: '04:00' }))).toEqual({ startTime: 'activity_error_time_missing_hour' });
		});
	});
}
