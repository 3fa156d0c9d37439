import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedIn } from '#lib/server/accounts/viewer.ts';
import type { Database } from '#lib/server/db/index.ts';
import { notificationQueues } from '#lib/server/activities/notifications/queues.ts';
import { PROPOSAL_MAIL_QUEUE } from '#lib/server/activities/proposals.ts';
import { createActivity } from '#lib/server/activities/service.ts';
import { decideInitiative, REVIEW_NOTICE_QUEUE, reviewQueues } from '#lib/server/initiatives/review.ts';
import { initiative, membership } from '#lib/server/initiatives/schema.ts';
import { createInitiative, setInitiativeStatus } from '#lib/server/initiatives/service.ts';
import { startJobRunner, useJobRunner, type JobRunner } from '#lib/server/jobs/index.ts';
import { setNoticeMode } from '#lib/server/notify/preferences.ts';
import { recordingMailer } from '../helpers/accounts.ts';
import { databases } from '../helpers/databases.ts';
import { jobsDone } from '../helpers/jobs.ts';
import { makePerson } from '../helpers/people.ts';
import { oneOff } from './activity-fixtures.ts';

const ORIGIN = 'https://herstelplein.test';

/*
 * The association's look at a new initiative: its admins hear that one
 * waits, approve it or decline it with a reason, and its coordinators hear
 * the outcome; each mail can be turned off, and says no more than a link.
 */
for (const target of databases) {
	describe.skipIf(target.skip)(`approving new initiatives on ${target.name}`, () => {
		let database: Database & { drop(): Promise<void> };
		let runner: JobRunner;
		const mailer = recordingMailer();
		const db = () => database.db;
		let starter: SignedIn, second: SignedIn, admin: SignedIn, quietAdmin: SignedIn, member: SignedIn;
		// Each starts at most a few a day (a quota): Sanne starts the first two, Lotte the others.
		const start = async (name: string, who = starter) => {
			const made = await createInitiative(db(), who, { name, town: 'Zwolle', slug: '', description: '', joinPolicy: 'open' });
			if (!made.ok) throw new Error('could not start the initiative');
			await jobsDone(db(), [REVIEW_NOTICE_QUEUE]);
			return made.initiative.id;
		};
		const mailsTo = (who: SignedIn, from: number) => mailer.sent.slice(from).filter((m) => m.to === who.email);

		beforeAll(async () => {
			database = await target.open();
			const ctx = { db: database.db, mailer, origin: ORIGIN, secret: 'x'.repeat(32) };
			runner = await startJobRunner(database, { ...reviewQueues(ctx), ...notificationQueues(ctx) }, { pollingIntervalSeconds: 0.5 });
			useJobRunner(runner);
			[starter, second, member] = await Promise.all(['Sanne', 'Lotte', 'Mo'].map((n) => makePerson(db(), n)));
			admin = await makePerson(db(), 'Beheer', { isAdmin: true });
			quietAdmin = await makePerson(db(), 'Stil', { isAdmin: true });
			await setNoticeMode(db(), quietAdmin.userId, 'initiative-review', 'off');
		});
		afterAll(async () => {
			useJobRunner(undefined);
			await runner?.stop();
			await database?.drop();
		});

		it('a new initiative waits, and the admins who want it get a mail with a link to /beheer', async () => {
			const before = mailer.sent.length;
			await start('De Wilg');
			const [mail] = mailsTo(admin, before);
			expect(mail.subject).toBe('Een nieuw initiatief wacht: De Wilg');
			expect(mail.text).toContain(`${ORIGIN}/beheer#wachtend`);
			expect(mail.text).toContain('/e-mail-instellen');
			expect(mailsTo(quietAdmin, before)).toEqual([]);
			expect(mailsTo(starter, before)).toEqual([]);
		});

		it('declining needs a reason, which only its coordinators read on the page; they get a mail without it', async () => {
			const id = await start('De Linde');
			await expect(decideInitiative(db(), starter, id, false, 'Ik mag dit niet')).rejects.toThrow();
			expect(await decideInitiative(db(), admin, id, false, '  ')).toEqual({ ok: false, error: 'reason' });
			expect(await decideInitiative(db(), admin, id, false, 'x'.repeat(1001))).toEqual({ ok: false, error: 'reason_long' });
			const before = mailer.sent.length;
			expect(await decideInitiative(db(), admin, id, false, 'Vertel iets meer over wie jullie zijn.')).toEqual({ ok: true, already: false });
			expect(await decideInitiative(db(), admin, id, true, '')).toEqual({ ok: true, already: true }); // a second click: decided already
			await jobsDone(db(), [REVIEW_NOTICE_QUEUE]);
			const [row] = await db().select({ status: initiative.status, note: initiative.reviewNote }).from(initiative).where(eq(initiative.id, id));
			expect(row).toEqual({ status: 'unpublished', note: 'Vertel iets meer over wie jullie zijn.' });
			const [mail] = mailsTo(starter, before);
			expect(mail.subject).toBe('Over je nieuwe initiatief De Linde');
			expect(mail.text).toContain(`${ORIGIN}/initiatieven/de-linde`);
			expect(mail.text).not.toContain('Vertel iets meer');
			// Published after all (from the list of all initiatives): the reason goes.
			await setInitiativeStatus(db(), admin, id, 'published');
			const [after] = await db().select({ note: initiative.reviewNote }).from(initiative).where(eq(initiative.id, id));
			expect(after.note).toBeNull();
		});

		it('approving makes it public and tells its coordinators, unless they turned that mail off', async () => {
			const id = await start('De Es', second);
			const before = mailer.sent.length;
			expect(await decideInitiative(db(), admin, id, true, '')).toEqual({ ok: true, already: false });
			await jobsDone(db(), [REVIEW_NOTICE_QUEUE]);
			expect((await db().select({ status: initiative.status }).from(initiative).where(eq(initiative.id, id)))[0].status).toBe('published');
			expect(mailsTo(second, before).map((m) => m.subject)).toEqual(['De Es staat online']);
			await setNoticeMode(db(), second.userId, 'initiative-decision', 'off');
			const quiet = await start('De Beuk', second);
			const later = mailer.sent.length;
			await decideInitiative(db(), admin, quiet, true, '');
			await jobsDone(db(), [REVIEW_NOTICE_QUEUE]);
			expect(mailsTo(second, later)).toEqual([]);
		});

		it('the mail about a member’s proposed activity can be turned off, and carries the link to do so', async () => {
			const [kroon] = await db().insert(initiative).values({ slug: 'de-kroon', name: 'De Kroon', town: 'Zwolle', status: 'published', reviewActivities: true }).returning();
			await db().insert(membership).values([
				{ initiativeId: kroon.id, userId: starter.userId, role: 'coordinator' },
				{ initiativeId: kroon.id, userId: member.userId }
			]);
			const propose = (title: string) => createActivity(db(), member, kroon.id, oneOff(title, 'members'));
			let before = mailer.sent.length;
			await propose('Samen wandelen');
			await jobsDone(db(), [PROPOSAL_MAIL_QUEUE]);
			const [mail] = mailsTo(starter, before);
			expect(mail.text).toContain('/e-mail-instellen');
			await setNoticeMode(db(), starter.userId, 'activity-proposals', 'off');
			before = mailer.sent.length;
			await propose('Samen koken');
			await jobsDone(db(), [PROPOSAL_MAIL_QUEUE]);
			expect(mailsTo(starter, before)).toEqual([]);
		});
	});
}
