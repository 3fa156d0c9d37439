import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFound, SignInRequired } from '#lib/server/access/core.ts';
import type { SignedIn } from '#lib/server/accounts/viewer.ts';
import type { Database } from '#lib/server/db/index.ts';
import { buildRule } from '#lib/server/activities/recurrence.ts';
import { activitySignup } from '#lib/server/activities/schema.ts';
import { SERIES_DATES, mySeriesDates, signUpForSeries, stopSeries } from '#lib/server/activities/series-signups.ts';
import { createActivity } from '#lib/server/activities/service.ts';
import { attendance, cancelSignup, signUp } from '#lib/server/activities/signups.ts';
import { amsterdamMoment } from '#lib/server/activities/time.ts';
import { MAIL_QUEUE } from '#lib/server/activities/notifications/service.ts';
import { notificationQueues } from '#lib/server/activities/notifications/queues.ts';
import { askToJoin, decideJoinRequest, JOIN_NOTICE_QUEUE, joinQueues, joinRequestTodos, myJoinRequest, openJoinRequests } from '#lib/server/initiatives/join-requests.ts';
import { joinOpenInitiative } from '#lib/server/initiatives/memberships.ts';
import { joinRequestsPersonalData } from '#lib/server/initiatives/personal-data.ts';
import { initiative, membership } from '#lib/server/initiatives/schema.ts';
import { startJobRunner, useJobRunner, type JobRunner } from '#lib/server/jobs/index.ts';
import { setNoticeMode } from '#lib/server/notify/preferences.ts';
import { recordingMailer } from '../helpers/accounts.ts';
import { databases } from '../helpers/databases.ts';
import { jobsDone } from '../helpers/jobs.ts';
import { makePerson } from '../helpers/people.ts';

const ORIGIN = 'https://herstelplein.test';
const at = (date: string, time: string) => {
	const [year, month, day] = date.split('-').map(Number);
	const [hour, minute] = time.split(':').map(Number);
	return amsterdamMoment({ year, month, day }, { hour, minute })!;
};
const NOW = at('2026-10-01', '12:00');

for (const target of databases) {
	describe.skipIf(target.skip)(`joining and signing up without dead ends on ${target.name}`, () => {
		let database: Database & { drop(): Promise<void> };
		let runner: JobRunner;
		const mailer = recordingMailer();
		const db = () => database.db;
		let anker: string, kroon: string, other: string;
		let coordinator: SignedIn, coordinator2: SignedIn, member: SignedIn, asker: SignedIn, unconfirmed: SignedIn, otherCoordinator: SignedIn, admin: SignedIn;

		beforeAll(async () => {
			database = await target.open();
			const ctx = { db: database.db, mailer, origin: ORIGIN, secret: 'x'.repeat(32) };
			runner = await startJobRunner(database, { ...joinQueues(ctx), ...notificationQueues(ctx) }, { pollingIntervalSeconds: 0.5 });
			useJobRunner(runner);
			[coordinator, coordinator2, member, asker, otherCoordinator] = await Promise.all(['Anna', 'Bas', 'Cor', 'Dewi', 'Floor'].map((n) => makePerson(db(), n)));
			unconfirmed = await makePerson(db(), 'Eva', { confirmed: false });
			admin = await makePerson(db(), 'Beheer', { isAdmin: true });
			const rows = await db()
				.insert(initiative)
				.values([
					{ slug: 'het-anker', name: 'Het Anker', town: 'Deventer', status: 'published', joinPolicy: 'invite' },
					{ slug: 'de-kroon', name: 'De Kroon', town: 'Zwolle', status: 'published', joinPolicy: 'open' },
					{ slug: 'elders', name: 'Elders', town: 'Kampen', status: 'published', joinPolicy: 'invite' }
				])
				.returning();
			[anker, kroon, other] = rows.map((r) => r.id);
			await db()
				.insert(membership)
				.values([
					{ initiativeId: anker, userId: coordinator.userId, role: 'coordinator' },
					{ initiativeId: anker, userId: coordinator2.userId, role: 'coordinator' },
					{ initiativeId: anker, userId: member.userId, role: 'member' },
					{ initiativeId: kroon, userId: coordinator.userId, role: 'coordinator' },
					{ initiativeId: other, userId: otherCoordinator.userId, role: 'coordinator' }
				]);
		});
		afterAll(async () => {
			useJobRunner(undefined);
			await runner?.stop();
			await database?.drop();
		});

		it('someone asks to take part; each coordinator who wants it gets a mail without the person, and a to-do', async () => {
			await setNoticeMode(db(), coordinator2.userId, 'join-request', 'off');
			const before = mailer.sent.length;
			expect(await askToJoin(db(), asker, anker)).toEqual({ ok: true, status: 'open' });
			// Asking twice changes nothing: one request, one mail.
			expect(await askToJoin(db(), asker, anker)).toEqual({ ok: true, status: 'open' });
			await jobsDone(db(), [JOIN_NOTICE_QUEUE]);
			const mails = mailer.sent.slice(before);
			expect(mails.map((m) => m.to)).toEqual([coordinator.email]);
			expect(mails[0].text).not.toContain('Dewi');
			expect(mails[0].text).toContain('/initiatieven/het-anker/leden#verzoeken');
			expect(mails[0].text).toContain('/e-mail-instellen');
			expect(await myJoinRequest(db(), asker, anker)).toBe('open');
			expect(await joinRequestTodos(db(), coordinator)).toEqual([{ text: expect.stringContaining('Het Anker'), href: '/initiatieven/het-anker/leden#verzoeken' }]);
			expect(await joinRequestTodos(db(), member)).toEqual([]);
			expect(await joinRequestTodos(db(), otherCoordinator)).toEqual([]);
			expect((await openJoinRequests(db(), coordinator, anker)).map((r) => r.name)).toEqual(['Dewi']);
		});

		it('only its own coordinators see and answer requests; nobody else, not even the admin who is no member', async () => {
			for (const viewer of [member, asker, otherCoordinator, admin]) {
				await expect(openJoinRequests(db(), viewer, anker)).rejects.toThrow(NotFound);
				await expect(decideJoinRequest(db(), viewer, anker, asker.userId, true)).rejects.toThrow(NotFound);
			}
			await expect(openJoinRequests(db(), null, anker)).rejects.toThrow(SignInRequired);
			await expect(askToJoin(db(), null, anker)).rejects.toThrow(SignInRequired);
			// A request that does not exist is not found, also for a coordinator.
			await expect(decideJoinRequest(db(), coordinator, anker, member.userId, true)).rejects.toThrow(NotFound);
		});

		it('asking is only for an initiative by invitation, with a confirmed address; a member is in already', async () => {
			expect(await askToJoin(db(), asker, kroon)).toEqual({ ok: false, error: 'not_invite' });
			expect(await askToJoin(db(), unconfirmed, other)).toEqual({ ok: false, error: 'unconfirmed' });
			expect(await askToJoin(db(), member, anker)).toEqual({ ok: true, status: 'member' });
		});

		it('accepting makes a member once (two clicks decide once) and the person hears it', async () => {
			const before = mailer.sent.length;
			const [first, second] = await Promise.all([decideJoinRequest(db(), coordinator, anker, asker.userId, true), decideJoinRequest(db(), coordinator2, anker, asker.userId, false)]);
			expect([first.decided, second.decided].filter(Boolean)).toHaveLength(1);
			const accepted = first.decided;
			const [row] = await db().select().from(membership).where(and(eq(membership.initiativeId, anker), eq(membership.userId, asker.userId)));
			expect(!!row).toBe(accepted);
			await jobsDone(db(), [JOIN_NOTICE_QUEUE]);
			const answers = mailer.sent.slice(before).filter((m) => m.to === asker.email);
			expect(answers).toHaveLength(1);
			expect(answers[0].subject).toBe(accepted ? 'Welkom bij Het Anker' : 'Je vraag aan Het Anker');
			expect(await joinRequestTodos(db(), coordinator)).toEqual([]);
			expect(await joinRequestsPersonalData.collect(db(), asker)).toEqual([expect.objectContaining({ initiative: 'Het Anker', status: accepted ? 'accepted' : 'declined' })]);
		});

		it('after a no, asking again waits a month', async () => {
			const someone = await makePerson(db(), 'Gijs');
			await askToJoin(db(), someone, other);
			expect(await decideJoinRequest(db(), otherCoordinator, other, someone.userId, false)).toEqual({ decided: true });
			expect(await myJoinRequest(db(), someone, other)).toBe('declined');
			expect(await askToJoin(db(), someone, other)).toEqual({ ok: false, error: 'declined' });
			expect(await askToJoin(db(), someone, other, new Date(Date.now() + 31 * 86_400_000))).toEqual({ ok: true, status: 'open' });
			await jobsDone(db(), [JOIN_NOTICE_QUEUE]);
		});

		it('joining an open initiative tells its coordinators that someone joined, once', async () => {
			const newcomer = await makePerson(db(), 'Hans');
			const before = mailer.sent.length;
			expect(await joinOpenInitiative(db(), newcomer, kroon)).toEqual({ ok: true });
			expect(await joinOpenInitiative(db(), newcomer, kroon)).toEqual({ ok: true });
			await jobsDone(db(), [JOIN_NOTICE_QUEUE]);
			const mails = mailer.sent.slice(before);
			expect(mails.map((m) => m.to)).toEqual([coordinator.email]);
			expect(mails[0].subject).toBe('Er is iemand lid geworden van De Kroon');
			expect(mails[0].text).not.toContain('Hans');
		});

		describe('"Ik kom elke week"', () => {
			let walk: string;
			let early: SignedIn, serial: SignedIn, waiting: SignedIn;
			beforeAll(async () => {
				[early, serial, waiting] = await Promise.all(['Ilse', 'Joost', 'Kim'].map((n) => makePerson(db(), n)));
				await db()
					.insert(membership)
					.values([early, serial, waiting].map((p) => ({ initiativeId: anker, userId: p.userId, role: 'member' as const })));
				const startsAt = at('2026-10-13', '19:00');
				const made = await createActivity(db(), coordinator, anker, {
					title: 'Dinsdagwandeling',
					description: '',
					kind: 'ontmoeting',
					startsAt,
					endsAt: at('2026-10-13', '21:00'),
					place: '',
					capacity: 1,
					visibility: 'members',
					rrule: buildRule('weekly', startsAt, { kind: 'never' })
				});
				walk = made.id;
			});

			it('takes every coming date, each with its own place: a full date puts them on that date’s waitlist', async () => {
				await signUp(db(), early, walk, at('2026-10-20', '19:00'), NOW);
				await jobsDone(db(), [MAIL_QUEUE]);
				const before = mailer.sent.length;
				const result = await signUpForSeries(db(), serial, walk, NOW);
				await jobsDone(db(), [MAIL_QUEUE]);
				// One mail, about the first date; the page lists every date with its status.
				const mails = mailer.sent.slice(before).filter((m) => m.to === serial.email);
				expect(mails).toHaveLength(1);
				// It carries the date as a calendar file: that one date, with the initiative's place and the revision.
				const [ics] = mails[0].attachments ?? [];
				expect(ics).toMatchObject({ filename: 'afspraak.ics', contentType: expect.stringContaining('text/calendar') });
				expect(ics.content).toContain('SUMMARY:Dinsdagwandeling');
				expect(ics.content).toContain('DTSTART;TZID=Europe/Amsterdam:20261013T190000');
				expect(ics.content).toContain('LOCATION:Het Anker');
				expect(ics.content).toContain('SEQUENCE:0');
				expect(ics.content).not.toContain('RRULE:FREQ=WEEKLY');
				if (!result.ok) throw new Error(result.error);
				expect(result.dates).toHaveLength(SERIES_DATES);
				expect(result.dates.filter((d) => d.status === 'waitlist').map((d) => d.key)).toEqual([at('2026-10-20', '19:00')]);
				expect((await attendance(db(), coordinator, walk, at('2026-10-13', '19:00'))).confirmed).toBe(1);
				expect((await attendance(db(), coordinator, walk, at('2026-10-20', '19:00'))).waitlist).toBe(1);
			});

			it('sending it twice, or twice at once, adds nothing', async () => {
				const rows = async () => (await db().select({ id: activitySignup.id }).from(activitySignup).where(and(eq(activitySignup.activityId, walk), eq(activitySignup.userId, serial.userId)))).length;
				await Promise.all([signUpForSeries(db(), serial, walk, NOW), signUpForSeries(db(), serial, walk, NOW)]);
				expect(await rows()).toBe(SERIES_DATES);
				expect((await mySeriesDates(db(), serial, walk, NOW)).length).toBe(SERIES_DATES);
			});

			it('never goes over the places when others sign up for the same dates at once', async () => {
				await Promise.all([signUpForSeries(db(), waiting, walk, NOW), signUp(db(), early, walk, at('2026-10-27', '19:00'), NOW)]);
				for (const day of ['2026-10-13', '2026-10-20', '2026-10-27']) {
					expect((await attendance(db(), coordinator, walk, at(day, '19:00'))).confirmed).toBe(1);
				}
			});

			it('only members, only a series', async () => {
				expect(await signUpForSeries(db(), otherCoordinator, walk, NOW).catch((e) => e)).toBeInstanceOf(NotFound);
				await expect(signUpForSeries(db(), null, walk, NOW)).rejects.toThrow(SignInRequired);
				const once = await createActivity(db(), coordinator, anker, { title: 'Eén keer', description: '', kind: 'ontmoeting', startsAt: at('2026-11-01', '10:00'), endsAt: at('2026-11-01', '12:00'), place: '', capacity: null, visibility: 'members' });
				expect(await signUpForSeries(db(), member, once.id, NOW)).toEqual({ ok: false, error: 'not_series' });
			});

			it('"Stop ermee" ends every coming date at once; each freed place goes to the first on that date’s waitlist', async () => {
				const on13 = at('2026-10-13', '19:00');
				expect((await attendance(db(), waiting, walk, on13)).mine).toBe('waitlist');
				expect(await stopSeries(db(), serial, walk, NOW)).toEqual({ ended: SERIES_DATES });
				expect(await mySeriesDates(db(), serial, walk, NOW)).toEqual([]);
				expect((await attendance(db(), waiting, walk, on13)).mine).toBe('confirmed');
				expect(await stopSeries(db(), serial, walk, NOW)).toEqual({ ended: 0 });
			});

			it('cancelling one date gives the place to the first on its waitlist, and twice is harmless', async () => {
				const on20 = at('2026-10-20', '19:00');
				expect((await attendance(db(), early, walk, on20)).mine).toBe('confirmed');
				expect((await attendance(db(), waiting, walk, on20)).mine).toBe('waitlist');
				const [a] = await Promise.all([cancelSignup(db(), early, walk, on20, NOW), cancelSignup(db(), early, walk, on20, NOW)]);
				expect(a.ok).toBe(true);
				expect((await attendance(db(), waiting, walk, on20)).mine).toBe('confirmed');
				expect((await attendance(db(), coordinator, walk, on20)).confirmed).toBe(1);
			});
		});
	});
}
