import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPersonalData } from '#lib/server/personal-data/index.ts';
import { user } from '#lib/server/accounts/schema.ts';
import { activitiesPersonalData } from '#lib/server/activities/personal-data.ts';
import type { SignedIn } from '#lib/server/accounts/viewer.ts';
import type { ActivityInput } from '#lib/server/activities/forms.ts';
import { MAIL_QUEUE, notificationQueues, REMINDER_QUEUE, scheduleReminders } from '#lib/server/activities/notifications/queues.ts';
import { remindersOn, setReminders, STOP_REMINDERS_PATH, stopRemindersWithToken } from '#lib/server/activities/notifications/opt-out.ts';
import { cancelOccurrence, moveOccurrence, restoreOccurrence } from '#lib/server/activities/exceptions.ts';
import { comingOccurrences } from '#lib/server/activities/occurrences.ts';
import { buildRule } from '#lib/server/activities/recurrence.ts';
import { activitySignup } from '#lib/server/activities/schema.ts';
import { dayKey, formatRange } from '#lib/server/activities/time.ts';
import { cancelActivity, createActivity, updateActivity } from '#lib/server/activities/service.ts';
import { cancelSignup, signUp } from '#lib/server/activities/signups.ts';
import { openDatabase, queryRows, type Database, type Db } from '#lib/server/db/index.ts';
import { membership } from '#lib/server/initiatives/schema.ts';
import { createInitiative, type Initiative } from '#lib/server/initiatives/service.ts';
import { enqueue, startJobRunner, useJobRunner, type JobRunner } from '#lib/server/jobs/index.ts';
import type { Mail } from '#lib/server/mail/index.ts';
import { eq } from 'drizzle-orm';
import { mailTo, recordingMailer } from '../helpers/accounts.ts';
import { databases } from '../helpers/databases.ts';
import { makePerson } from '../helpers/people.ts';
import { jobsDone } from '../helpers/jobs.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SECRET = 's'.repeat(32);
const ORIGIN = 'https://herstelplein.test';

function input(overrides: Partial<ActivityInput> = {}, days = 7): ActivityInput {
	const startsAt = new Date(Math.ceil(Date.now() / HOUR) * HOUR + days * DAY);
	return {
		title: 'Samen wandelen',
		description: '',
		kind: 'ontmoeting',
		startsAt,
		endsAt: new Date(startsAt.getTime() + 2 * HOUR),
		place: 'Het park',
		capacity: null,
		visibility: 'members',
		...overrides
	};
}

async function mailJobCount(db: Db): Promise<number> {
	const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from pgboss.job where name = ${MAIL_QUEUE}`);
	return row.n;
}

async function setup(db: Db) {
	const admin = await makePerson(db, 'Beheer', { isAdmin: true });
	const result = await createInitiative(db, admin, { name: 'De Kroon', town: 'Zwolle', slug: '', description: '', joinPolicy: 'invite' });
	if (!result.ok) throw new Error(result.error);
	await db.delete(membership);
	const join = async (person: SignedIn) => {
		await db.insert(membership).values({ initiativeId: result.initiative.id, userId: person.userId, role: 'member' });
		return person;
	};
	return { kroon: result.initiative, join };
}

for (const target of databases) {
	describe.skipIf(target.skip)(`activity e-mails by background jobs on ${target.name}`, () => {
		let database: Database & { drop(): Promise<void> };
		let runner: JobRunner;
		const mailer = recordingMailer();
		let kroon: Initiative;
		let join: (p: SignedIn) => Promise<SignedIn>;
		let host: SignedIn, anna: SignedIn, bram: SignedIn, cor: SignedIn, emma: SignedIn;

		beforeAll(async () => {
			database = await target.open();
			runner = await startJobRunner(database, notificationQueues({ db: database.db, mailer, origin: ORIGIN, secret: SECRET }), {
				pollingIntervalSeconds: 0.5
			});
			useJobRunner(runner);
			({ kroon, join } = await setup(database.db));
			host = await join(await makePerson(database.db, 'Hanna'));
			anna = await join(await makePerson(database.db, 'Anna'));
			bram = await join(await makePerson(database.db, 'Bram'));
			cor = await join(await makePerson(database.db, 'Cor'));
			emma = await join(await makePerson(database.db, 'Emma'));
			await database.db.update(user).set({ locale: 'en' }).where(eq(user.id, emma.userId));
		});
		afterAll(async () => {
			useJobRunner(undefined);
			await runner?.stop();
			await database?.drop();
		});

		it('signing up sends a confirmation with a link to the activity, in the person’s own language', async () => {
			const walk = await createActivity(database.db, host, kroon.id, input());
			await signUp(database.db, anna, walk.id);
			await signUp(database.db, emma, walk.id);
			const nl = await mailTo(mailer.sent, anna.email, /^Je bent aangemeld: Samen wandelen$/);
			expect(nl.text).toContain('Hallo Anna');
			expect(nl.text).toContain('Waar: Het park');
			expect(nl.text).toContain(`${ORIGIN}/initiatieven/${kroon.slug}/activiteiten/${walk.id}`);
			const en = await mailTo(mailer.sent, emma.email, /^You are signed up: Samen wandelen$/);
			expect(en.text).toContain(`${ORIGIN}/en/initiatieven/${kroon.slug}/activiteiten/${walk.id}`);
		});

		it('a full activity puts you on the waitlist, and you hear it when you move up', async () => {
			const small = await createActivity(database.db, host, kroon.id, input({ title: 'Kleine groep', capacity: 1 }));
			await signUp(database.db, bram, small.id);
			await signUp(database.db, cor, small.id);
			await mailTo(mailer.sent, cor.email, /^Je staat op de wachtlijst: Kleine groep$/);
			await cancelSignup(database.db, bram, small.id);
			const moved = await mailTo(mailer.sent, cor.email, /^Je hebt een plek: Kleine groep$/);
			expect(moved.text).toContain('er is een plek vrijgekomen');
		});

		it('a change of time or place reaches everyone signed up; a change of title alone sends nothing', async () => {
			const act = await createActivity(database.db, host, kroon.id, input({ title: 'Koken' }));
			await signUp(database.db, anna, act.id);
			await signUp(database.db, bram, act.id);
			await jobsDone(database.db, [MAIL_QUEUE]);
			const before = await mailJobCount(database.db);
			await updateActivity(database.db, host, act.id, input({ title: 'Samen koken' }));
			expect(await mailJobCount(database.db)).toBe(before);
			await updateActivity(database.db, host, act.id, input({ title: 'Samen koken', place: 'De keuken van het buurthuis' }));
			for (const person of [anna, bram]) {
				const mail = await mailTo(mailer.sent, person.email, /^Er is iets veranderd: Samen koken$/);
				expect(mail.text).toContain('Waar: De keuken van het buurthuis');
			}
		});

		it('a one-off moved to another time keeps its sign-ups, and they hear the new time', async () => {
			const act = await createActivity(database.db, host, kroon.id, input({ title: 'Fietsen' }, 8));
			await signUp(database.db, anna, act.id);
			await jobsDone(database.db, [MAIL_QUEUE]);
			const later = input({ title: 'Fietsen' }, 9);
			await updateActivity(database.db, host, act.id, later);
			const mail = await mailTo(mailer.sent, anna.email, /^Er is iets veranderd: Fietsen$/);
			expect(mail.text).toContain(formatRange(later.startsAt, later.endsAt, 'nl'));
			const rows = await database.db.select().from(activitySignup).where(eq(activitySignup.activityId, act.id));
			expect(rows.map((r) => [r.userId, r.occurrenceStart.getTime()])).toEqual([[anna.userId, later.startsAt.getTime()]]);
		});

		it('a series moved to other times: whose dates are gone hear that their date does not go on', async () => {
			const { series, dates } = await weekly('Schaken', 9);
			await signUp(database.db, bram, series.id, dates[1]);
			await jobsDone(database.db, [MAIL_QUEUE]);
			const moved = input({ title: 'Schaken' }, 9);
			moved.startsAt = new Date(series.startsAt.getTime() + 2 * HOUR);
			moved.endsAt = new Date(series.endsAt.getTime() + 2 * HOUR);
			await updateActivity(database.db, host, series.id, { ...moved, rrule: buildRule('weekly', moved.startsAt, { kind: 'never' }) });
			const mail = await mailTo(mailer.sent, bram.email, /^Gaat niet door: Schaken$/);
			expect(mail.text).toContain(formatRange(dates[1], new Date(dates[1].getTime() + 2 * HOUR), 'nl'));
		});

		it('a cancelled activity reaches everyone signed up, also those on the waitlist', async () => {
			const act = await createActivity(database.db, host, kroon.id, input({ title: 'Schilderen', capacity: 1 }));
			await signUp(database.db, anna, act.id);
			await signUp(database.db, cor, act.id);
			await cancelActivity(database.db, host, act.id);
			await mailTo(mailer.sent, anna.email, /^Gaat niet door: Schilderen$/);
			await mailTo(mailer.sent, cor.email, /^Gaat niet door: Schilderen$/);
		});

		/** A weekly series starting in `days` days, and the keys of its first dates. */
		async function weekly(title: string, days: number, capacity: number | null = null) {
			const first = input({ title, capacity }, days);
			const series = await createActivity(database.db, host, kroon.id, { ...first, rrule: buildRule('weekly', first.startsAt, { kind: 'never' }) });
			const dates = (await comingOccurrences(database.db, series, new Date(), 3)).map((o) => o.key);
			return { series, dates };
		}

		/** Pretend these sign-ups were made two days before their date (so a reminder is due). */
		async function signedUpEarly(activityId: string) {
			await database.db
				.update(activitySignup)
				.set({ createdAt: sql`${activitySignup.occurrenceStart} - interval '2 days'` })
				.where(eq(activitySignup.activityId, activityId));
		}

		const mailsAbout = (title: string, to?: string) => mailer.sent.filter((m) => m.subject.endsWith(`: ${title}`) && (!to || m.to === to));

		it('signing up for a date of a series: the mail names that date and links to its page', async () => {
			const { series, dates } = await weekly('Wekelijks zingen', 4);
			await signUp(database.db, anna, series.id, dates[1]);
			const mail = await mailTo(mailer.sent, anna.email, /^Je bent aangemeld: Wekelijks zingen$/);
			expect(mail.text).toContain(`${ORIGIN}/initiatieven/${kroon.slug}/activiteiten/${series.id}?datum=${dayKey(dates[1])}`);
		});

		it('moving up from the waitlist of one date tells only the person who moved up, about that date', async () => {
			const { series, dates } = await weekly('Klein koor', 4, 1);
			await signUp(database.db, anna, series.id, dates[0]);
			await signUp(database.db, bram, series.id, dates[1]);
			await signUp(database.db, cor, series.id, dates[1]);
			await mailTo(mailer.sent, cor.email, /^Je staat op de wachtlijst: Klein koor$/);
			expect(await cancelSignup(database.db, bram, series.id, dates[1])).toEqual({ ok: true, movedUp: [cor.userId] });
			const moved = await mailTo(mailer.sent, cor.email, /^Je hebt een plek: Klein koor$/);
			expect(moved.text).toContain(`?datum=${dayKey(dates[1])}`);
			await jobsDone(database.db, [MAIL_QUEUE]);
			expect(mailsAbout('Klein koor', anna.email).map((m) => m.subject)).toEqual(['Je bent aangemeld: Klein koor']);
		});

		it('a change to a whole series sends each person one mail about their next date, not one per date', async () => {
			const { series, dates } = await weekly('Wandelclub', 4);
			for (const d of dates) await signUp(database.db, anna, series.id, d);
			await signUp(database.db, bram, series.id, dates[2]);
			await jobsDone(database.db, [MAIL_QUEUE]);
			await updateActivity(database.db, host, series.id, { ...input({ title: 'Wandelclub', place: 'Het bos' }), startsAt: series.startsAt, endsAt: series.endsAt, rrule: series.rrule });
			const annas = await mailTo(mailer.sent, anna.email, /^Er is iets veranderd: Wandelclub$/);
			expect(annas.text).toContain('Waar: Het bos');
			expect(annas.text).toContain('Dat geldt voor alle keren.');
			expect(annas.text).toContain(`?datum=${dayKey(dates[0])}`);
			const brams = await mailTo(mailer.sent, bram.email, /^Er is iets veranderd: Wandelclub$/);
			expect(brams.text).toContain(`?datum=${dayKey(dates[2])}`);
			await cancelActivity(database.db, host, series.id);
			await mailTo(mailer.sent, anna.email, /^Gaat niet door: Wandelclub$/);
			await jobsDone(database.db, [MAIL_QUEUE]);
			expect(mailsAbout('Wandelclub', anna.email).filter((m) => !m.subject.startsWith('Je bent aangemeld')).map((m) => m.subject)).toEqual([
				'Er is iets veranderd: Wandelclub',
				'Gaat niet door: Wandelclub'
			]);
		});

		it('a series signed up for on two dates gets one reminder per date, each once', async () => {
			const { series, dates } = await weekly('Yoga op dinsdag', 3);
			await signUp(database.db, anna, series.id, dates[0]);
			await signUp(database.db, anna, series.id, dates[1]);
			await signedUpEarly(series.id);
			const before = (d: Date) => new Date(d.getTime() - 20 * HOUR);
			expect(await scheduleReminders(database.db, before(dates[0]))).toBe(1);
			expect(await scheduleReminders(database.db, before(dates[0]))).toBe(0);
			expect(await scheduleReminders(database.db, before(dates[1]))).toBe(1);
			expect(await scheduleReminders(database.db, new Date(before(dates[1]).getTime() + HOUR))).toBe(0);
			await jobsDone(database.db, [MAIL_QUEUE]);
			const reminders = mailsAbout('Yoga op dinsdag', anna.email).filter((m) => m.subject.startsWith('Herinnering'));
			expect(reminders).toHaveLength(2);
			expect(reminders.map((m) => /\?datum=(\S+)/.exec(m.text)?.[1]).sort()).toEqual([dayKey(dates[0]), dayKey(dates[1])].sort());
			// The export lists each reminder with its date.
			const sent = (await exportPersonalData(database.db, anna)).parts.activityEmails as { remindersSent: Array<{ title: string; date: Date }> };
			expect(sent.remindersSent.filter((r) => r.title === 'Yoga op dinsdag').map((r) => r.date.getTime())).toEqual(dates.slice(0, 2).map((d) => d.getTime()));
		});

		it('a cancelled single date: those signed up for it get a cancellation and no reminder; other dates go on', async () => {
			const { series, dates } = await weekly('Schrijfgroep', 5);
			await signUp(database.db, anna, series.id, dates[0]);
			await signUp(database.db, bram, series.id, dates[0]);
			await signUp(database.db, cor, series.id, dates[1]);
			await signedUpEarly(series.id);
			await jobsDone(database.db, [MAIL_QUEUE]);
			expect(await cancelOccurrence(database.db, host, series.id, dates[0])).toEqual({ ok: true });
			for (const person of [anna, bram]) {
				const mail = await mailTo(mailer.sent, person.email, /^Gaat niet door: Schrijfgroep$/);
				expect(mail.text).toContain(`?datum=${dayKey(dates[0])}`);
			}
			// Cancelling it again sends nothing new.
			expect(await cancelOccurrence(database.db, host, series.id, dates[0])).toEqual({ ok: true });
			expect(await scheduleReminders(database.db, new Date(dates[0].getTime() - 20 * HOUR))).toBe(0);
			expect(await scheduleReminders(database.db, new Date(dates[1].getTime() - 20 * HOUR))).toBe(1);
			await jobsDone(database.db, [MAIL_QUEUE]);
			expect(mailsAbout('Schrijfgroep', cor.email).map((m) => m.subject)).toEqual(['Je bent aangemeld: Schrijfgroep', 'Herinnering: Schrijfgroep']);
			expect(mailsAbout('Schrijfgroep', anna.email).map((m) => m.subject)).toEqual(['Je bent aangemeld: Schrijfgroep', 'Gaat niet door: Schrijfgroep']);
			expect(mailsAbout('Schrijfgroep', bram.email).filter((m) => m.subject.startsWith('Gaat niet door'))).toHaveLength(1);
		});

		it('a moved date: its people hear the new time, and the reminder counts from the new start', async () => {
			const { series, dates } = await weekly('Tuinieren', 6);
			await signUp(database.db, anna, series.id, dates[1]);
			await signedUpEarly(series.id);
			await jobsDone(database.db, [MAIL_QUEUE]);
			const to = { startsAt: new Date(dates[1].getTime() + DAY + 3 * HOUR), endsAt: new Date(dates[1].getTime() + DAY + 5 * HOUR) };
			expect(await moveOccurrence(database.db, host, series.id, dates[1], to)).toEqual({ ok: true });
			const mail = await mailTo(mailer.sent, anna.email, /^Eén keer verzet: Tuinieren$/);
			expect(mail.text).toContain(formatRange(to.startsAt, to.endsAt, 'nl'));
			expect(mail.text).toContain('alleen voor deze ene keer');
			expect(await scheduleReminders(database.db, new Date(dates[1].getTime() - 20 * HOUR))).toBe(0);
			expect(await scheduleReminders(database.db, new Date(to.startsAt.getTime() - 20 * HOUR))).toBe(1);
		});

		it('a cancelled date that is restored: its people hear that it goes on after all', async () => {
			const { series, dates } = await weekly('Zangavond', 4);
			await signUp(database.db, anna, series.id, dates[2]);
			await jobsDone(database.db, [MAIL_QUEUE]);
			expect(await cancelOccurrence(database.db, host, series.id, dates[2])).toEqual({ ok: true });
			await mailTo(mailer.sent, anna.email, /^Gaat niet door: Zangavond$/);
			expect(await restoreOccurrence(database.db, host, series.id, dates[2])).toEqual({ ok: true });
			const mail = await mailTo(mailer.sent, anna.email, /^Het gaat toch door: Zangavond$/);
			expect(mail.text).toContain(formatRange(dates[2], new Date(dates[2].getTime() + (series.endsAt.getTime() - series.startsAt.getTime())), 'nl'));
			expect(mail.text).toContain(`?datum=${dayKey(dates[2])}`);
			// Restoring a date that has no change sends nothing.
			expect(await restoreOccurrence(database.db, host, series.id, dates[2])).toEqual({ ok: true });
			await jobsDone(database.db, [MAIL_QUEUE]);
			expect(mailsAbout('Zangavond', anna.email).map((m) => m.subject)).toEqual(['Je bent aangemeld: Zangavond', 'Gaat niet door: Zangavond', 'Het gaat toch door: Zangavond']);
		});

		it('a job is added only when the change is committed', async () => {
			const before = await mailJobCount(database.db);
			await expect(
				database.db.transaction(async (tx) => {
					await enqueue(tx, MAIL_QUEUE, { kind: 'signup_confirmed', activityId: crypto.randomUUID(), occurrence: new Date().toISOString(), userId: anna.userId });
					throw new Error('rolled back');
				})
			).rejects.toThrow('rolled back');
			expect(await mailJobCount(database.db)).toBe(before);
		});

		it('a reminder goes out the day before, only once, and not to someone who turned reminders off', async () => {
			const act = await createActivity(database.db, host, kroon.id, input({ title: 'Yoga' }, 3));
			for (const p of [anna, bram, emma]) await signUp(database.db, p, act.id);
			await setReminders(database.db, bram, false);
			expect(await remindersOn(database.db, bram)).toBe(false);
			const dayBefore = new Date(act.startsAt.getTime() - 20 * HOUR);

			expect(await scheduleReminders(database.db, new Date(act.startsAt.getTime() - 40 * HOUR))).toBe(0); // too early
			expect(await scheduleReminders(database.db, dayBefore)).toBe(2);
			expect(await scheduleReminders(database.db, dayBefore)).toBe(0);
			expect(await scheduleReminders(database.db, new Date(dayBefore.getTime() + HOUR))).toBe(0);
			const reminder = await mailTo(mailer.sent, anna.email, /^Herinnering: Yoga$/);
			await mailTo(mailer.sent, emma.email, /^Reminder: Yoga$/);
			await jobsDone(database.db, [MAIL_QUEUE]);
			expect(mailer.sent.filter((m) => m.subject === 'Herinnering: Yoga')).toHaveLength(1);
			expect(mailer.sent.filter((m) => m.to === bram.email && m.subject.includes('Yoga')).map((m) => m.subject)).toEqual([
				'Je bent aangemeld: Yoga'
			]);

			// The link in the mail turns reminders off without signing in; a forged one does nothing.
			const link = new RegExp(`${ORIGIN}${STOP_REMINDERS_PATH}\\?token=(\\S+)`).exec(reminder.text);
			expect(link).not.toBeNull();
			const token = decodeURIComponent(link![1]);
			expect(await stopRemindersWithToken(database.db, SECRET, token.slice(0, -2) + 'xx')).toBe(false);
			expect(await stopRemindersWithToken(database.db, 'another secret that is long enough!!', token)).toBe(false);
			expect(await remindersOn(database.db, anna)).toBe(true);
			expect(await stopRemindersWithToken(database.db, SECRET, token)).toBe(true);
			expect(await remindersOn(database.db, anna)).toBe(false);
			await setReminders(database.db, anna, true);
			expect(await remindersOn(database.db, anna)).toBe(true);
		});

		it('when someone deletes their account, the next on the waitlist gets the place and a mail; the export shows the reminder setting', async () => {
			const leaving = await join(await makePerson(database.db, 'Vera'));
			const act = await createActivity(database.db, host, kroon.id, input({ title: 'Boekenclub', capacity: 1 }));
			await signUp(database.db, leaving, act.id);
			await signUp(database.db, bram, act.id);
			await database.db.transaction(async (tx) => {
				await activitiesPersonalData.erase!(tx, leaving);
				await tx.delete(user).where(eq(user.id, leaving.userId));
			});
			await mailTo(mailer.sent, bram.email, /^Je hebt een plek: Boekenclub$/);
			const exported = (await exportPersonalData(database.db, bram)).parts;
			expect(exported.activityEmails).toMatchObject({ remindersByEmail: false });
		});

		it('the reminder look is scheduled, and a run of it sends what is due', async () => {
			expect((await runner.boss.getSchedules(REMINDER_QUEUE)).map((x) => x.cron)).toEqual(['*/15 * * * *']);
			const act = await createActivity(database.db, host, kroon.id, input({ title: 'Tekenen' }, 20 / 24));
			await signUp(database.db, cor, act.id);
			// Cor signed up two days ago.
			await database.db
				.update(activitySignup)
				.set({ createdAt: new Date(Date.now() - 2 * DAY) })
				.where(eq(activitySignup.userId, cor.userId));
			await runner.boss.send(REMINDER_QUEUE, {});
			await mailTo(mailer.sent, cor.email, /^Herinnering: Tekenen$/);
		});

		it('someone who signs up less than a day before gets the confirmation but no reminder on top', async () => {
			const soon = await createActivity(database.db, host, kroon.id, input({ title: 'Morgen koffie' }, 0));
			await signUp(database.db, cor, soon.id);
			expect(await scheduleReminders(database.db, new Date(soon.startsAt.getTime() - 20 * HOUR))).toBe(0);
		});
	});
}

for (const target of databases) {
	describe.skipIf(target.skip)(`background jobs survive a restart on ${target.name}`, () => {
		it('a job added before a stop is done after the next start', async () => {
			const dataDir = target.name === 'pglite' ? await mkdtemp(path.join(tmpdir(), 'hp-jobs-')) : undefined;
			// On PostgreSQL: a fresh database, which this test opens and closes like an app process would.
			const holder = dataDir ? undefined : await target.open();
			const reopen = async () => (dataDir ? openDatabase({ dataDir }) : openDatabase(holder!.jobsConnection as { url: string }));
			let database = await reopen();
			const mailer = recordingMailer();
			const queues = () => notificationQueues({ db: database.db, mailer, origin: ORIGIN, secret: SECRET });
			try {
				// First run: only adds jobs (as if the process was stopped before a worker got to it).
				let runner = await startJobRunner(database, queues(), { work: false });
				useJobRunner(runner);
				const { kroon, join } = await setup(database.db);
				const host = await join(await makePerson(database.db, 'Hanna'));
				const anna = await join(await makePerson(database.db, 'Anna'));
				const act = await createActivity(database.db, host, kroon.id, input({ title: 'Na de herstart' }));
				await signUp(database.db, anna, act.id);
				useJobRunner(undefined);
				await runner.stop();
				await database.close();
				expect(mailer.sent).toHaveLength(0);

				database = await reopen();
				runner = await startJobRunner(database, queues(), { pollingIntervalSeconds: 0.5 });
				await mailTo(mailer.sent, anna.email, /^Je bent aangemeld: Na de herstart$/);
				await runner.stop();
				await database.close();
			} finally {
				if (dataDir) await rm(dataDir, { recursive: true, force: true });
				else await holder?.drop();
			}
		}, 120_000); // two starts of an embedded database on disk: slow on a busy machine
	});
}

describe.skipIf(!process.env.DATABASE_URL)('two app processes on PostgreSQL', () => {
	it('run each job exactly once', async () => {
		const target = databases.find((d) => d.name === 'postgres')!;
		const first = await target.open();
		const second = await openDatabase(first.jobsConnection as { url: string });
		const ran: Array<{ runner: string; id: string }> = [];
		const queue = (runner: string) => ({
			'test-once': {
				handler: async (data: Record<string, unknown>) => {
					ran.push({ runner, id: String(data.n) });
					await new Promise((r) => setTimeout(r, 20));
				}
			}
		});
		const a = await startJobRunner(first, queue('a'), { pollingIntervalSeconds: 0.5 });
		const b = await startJobRunner(second, queue('b'), { pollingIntervalSeconds: 0.5 });
		try {
			const jobs = 12;
			await first.db.transaction(async (tx) => {
				for (let n = 0; n < jobs; n++) await a.enqueue(tx, 'test-once', { n });
			});
			const deadline = Date.now() + 30_000;
			while (ran.length < jobs && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
			// Let both runners poll a few more times: nothing may run twice.
			await new Promise((r) => setTimeout(r, 1500));
			expect(ran).toHaveLength(jobs);
			expect(new Set(ran.map((r) => r.id)).size).toBe(jobs);
		} finally {
			await a.stop();
			await b.stop();
			await second.close();
			await first.drop();
		}
	});
});
