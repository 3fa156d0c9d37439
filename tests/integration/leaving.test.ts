import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFound } from '#lib/server/access/core.ts';
import type { SignedIn } from '#lib/server/accounts/viewer.ts';
import type { ActivityInput } from '#lib/server/activities/forms.ts';
import { addCoHost, coHosts } from '#lib/server/activities/hosts.ts';
import { personalFeed } from '#lib/server/activities/ical.ts';
import { mySignups } from '#lib/server/activities/my-signups.ts';
import { MAIL_QUEUE, notificationQueues, sendNotification } from '#lib/server/activities/notifications/queues.ts';
import { approveActivity, PROPOSAL_MAIL_QUEUE, updateActivitySettings } from '#lib/server/activities/proposals.ts';
import { activitySignup } from '#lib/server/activities/schema.ts';
import { createActivity, getActivity, meetingLinkFor, updateActivity } from '#lib/server/activities/service.ts';
import { attendance, signUp } from '#lib/server/activities/signups.ts';
import type { Database } from '#lib/server/db/index.ts';
import { leaveInitiative, removeMember } from '#lib/server/initiatives/memberships.ts';
import { membership } from '#lib/server/initiatives/schema.ts';
import { createInitiative, type Initiative } from '#lib/server/initiatives/service.ts';
import { startJobRunner, useJobRunner, type JobRunner } from '#lib/server/jobs/index.ts';
import { mailTo, recordingMailer } from '../helpers/accounts.ts';
import { databases } from '../helpers/databases.ts';
import { makePerson } from '../helpers/people.ts';
import { jobsDone } from '../helpers/jobs.ts';

/*
 * Leaving an initiative, or being removed from it, ends what membership
 * gave: the sign-ups (their places go to the waitlist), every view of
 * members-only dates (my sign-ups, the private feed, mails) and co-host tasks.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ORIGIN = 'https://herstelplein.test';
const FEED = { name: 'Mijn activiteiten', waitlist: 'wachtlijst' };

/** An activity a week from now, two hours, members only unless told otherwise. */
function input(overrides: Partial<ActivityInput> = {}): ActivityInput {
	const startsAt = new Date(Math.ceil(Date.now() / HOUR) * HOUR + 7 * DAY);
	return {
		title: 'Besloten groep',
		description: '',
		kind: 'ontmoeting',
		startsAt,
		endsAt: new Date(startsAt.getTime() + 2 * HOUR),
		place: 'Buurthuis De Linde',
		capacity: null,
		visibility: 'members',
		...overrides
	};
}

for (const target of databases) {
	describe.skipIf(target.skip)(`leaving an initiative on ${target.name}`, () => {
		let database: Database & { drop(): Promise<void> };
		let runner: JobRunner;
		const mailer = recordingMailer();
		let kroon: Initiative;
		let coordinator: SignedIn, host: SignedIn;

		const db = () => database.db;
		async function member(name: string): Promise<SignedIn> {
			const person = await makePerson(db(), name);
			await db().insert(membership).values({ initiativeId: kroon.id, userId: person.userId, role: 'member' });
			return person;
		}
		const feedOf = (person: SignedIn) => personalFeed(db(), person.userId, FEED, ORIGIN);
		const titlesOf = async (person: SignedIn) => (await mySignups(db(), person)).map((s) => s.activity.title);
		const rowsOf = (person: SignedIn) => db().select().from(activitySignup).where(eq(activitySignup.userId, person.userId));

		beforeAll(async () => {
			database = await target.open();
			runner = await startJobRunner(database, notificationQueues({ db: database.db, mailer, origin: ORIGIN, secret: 's'.repeat(32) }), { pollingIntervalSeconds: 0.5 });
			useJobRunner(runner);
			const admin = await makePerson(db(), 'Beheer', { isAdmin: true });
			const made = await createInitiative(db(), admin, { name: 'De Kroon', town: 'Zwolle', slug: '', description: '', joinPolicy: 'invite' });
			if (!made.ok) throw new Error(made.error);
			kroon = made.initiative;
			await db().delete(membership);
			coordinator = await makePerson(db(), 'Anna');
			await db().insert(membership).values({ initiativeId: kroon.id, userId: coordinator.userId, role: 'coordinator' });
			host = await member('Bram');
		});
		afterAll(async () => {
			useJobRunner(undefined);
			await runner?.stop();
			await database?.drop();
		});

		it('a removed member no longer finds members-only dates in Mijn aanmeldingen or in their private feed', async () => {
			const dewi = await member('Dewi');
			const act = await createActivity(db(), host, kroon.id, input({ title: 'Kanarie-titel-1', description: 'Kanarie-beschrijving-1' }));
			await signUp(db(), dewi, act.id);
			expect(await titlesOf(dewi)).toContain('Kanarie-titel-1');
			expect(await feedOf(dewi)).toContain('Kanarie-beschrijving-1');

			expect(await removeMember(db(), coordinator, kroon.id, dewi.userId)).toEqual({ ok: true });
			expect(await titlesOf(dewi)).toEqual([]);
			const feed = await feedOf(dewi);
			expect(feed).not.toContain('Kanarie-titel-1');
			expect(feed).not.toContain('Kanarie-beschrijving-1');
		});

		it('leaving ends the sign-ups the same way', async () => {
			const emma = await member('Emma');
			const act = await createActivity(db(), host, kroon.id, input({ title: 'Kanarie-titel-2' }));
			await signUp(db(), emma, act.id);
			expect(await leaveInitiative(db(), emma, kroon.id)).toEqual({ ok: true });
			expect(await titlesOf(emma)).toEqual([]);
			expect(await feedOf(emma)).not.toContain('Kanarie-titel-2');
			expect(await rowsOf(emma)).toEqual([]);
		});

		it('after removal, mails about a change with the new time and place no longer come', async () => {
			const fien = await member('Fien');
			const stays = await member('Gert');
			const act = await createActivity(db(), host, kroon.id, input({ title: 'Kanarie-titel-3' }));
			await signUp(db(), fien, act.id);
			await signUp(db(), stays, act.id);
			await jobsDone(db(), [MAIL_QUEUE, PROPOSAL_MAIL_QUEUE]);
			await removeMember(db(), coordinator, kroon.id, fien.userId);
			const later = new Date(act.startsAt.getTime() + DAY);
			await updateActivity(db(), host, act.id, input({ title: 'Kanarie-titel-3', place: 'Kanarie-nieuwe-plek', startsAt: later, endsAt: new Date(later.getTime() + 2 * HOUR) }));
			// The member who stays hears of it; by then every mail has been sent.
			expect((await mailTo(mailer.sent, stays.email, /veranderd/)).text).toContain('Kanarie-nieuwe-plek');
			await jobsDone(db(), [MAIL_QUEUE, PROPOSAL_MAIL_QUEUE]);
			expect(mailer.sent.filter((m) => m.to === fien.email && m.text.includes('Kanarie-nieuwe-plek'))).toEqual([]);
		});

		it('after removal, the meeting link of an online activity is no longer theirs, also of a public one', async () => {
			const hans = await member('Hans');
			const link = 'https://meet.example/kanarie-4';
			const closed = await createActivity(db(), host, kroon.id, input({ title: 'Online besloten', onlineUrl: link }));
			const open = await createActivity(db(), host, kroon.id, input({ title: 'Online open', onlineUrl: link, visibility: 'public' }));
			await signUp(db(), hans, closed.id);
			await signUp(db(), hans, open.id);
			const linkFor = async (id: string) => meetingLinkFor(await getActivity(db(), hans, id), (await attendance(db(), hans, id)).mine);
			expect(await linkFor(open.id)).toBe(link);

			await removeMember(db(), coordinator, kroon.id, hans.userId);
			await expect(getActivity(db(), hans, closed.id)).rejects.toThrow(NotFound);
			expect(await linkFor(open.id)).toBeNull();
		});

		it('the place of a removed member is free again and the first on the waitlist moves up, with a mail', async () => {
			const ilse = await member('Ilse');
			const joop = await member('Joop');
			const act = await createActivity(db(), host, kroon.id, input({ title: 'Kanarie-titel-5', capacity: 1 }));
			expect(await signUp(db(), ilse, act.id)).toEqual({ ok: true, status: 'confirmed' });
			expect(await signUp(db(), joop, act.id)).toEqual({ ok: true, status: 'waitlist' });

			await removeMember(db(), coordinator, kroon.id, ilse.userId);
			expect(await attendance(db(), host, act.id)).toMatchObject({ confirmed: 1, waitlist: 0, placesLeft: 0 });
			expect((await attendance(db(), joop, act.id)).mine).toBe('confirmed');
			await mailTo(mailer.sent, joop.email, /Je hebt een plek: Kanarie-titel-5/);
		});

		it('nothing of a removed member is left that they could not cancel', async () => {
			const karel = await member('Karel');
			const closed = await createActivity(db(), host, kroon.id, input({ title: 'Kanarie-titel-6' }));
			const open = await createActivity(db(), host, kroon.id, input({ title: 'Open middag', visibility: 'public' }));
			const network = await createActivity(db(), host, kroon.id, input({ title: 'Netwerkmiddag', visibility: 'network' }));
			for (const a of [closed, open, network]) await signUp(db(), karel, a.id);

			await removeMember(db(), coordinator, kroon.id, karel.userId);
			// Their members-only date is hidden from them now (404): no place may stay behind there.
			await expect(getActivity(db(), karel, closed.id)).rejects.toThrow(NotFound);
			expect(await rowsOf(karel)).toEqual([]);
		});

		it('a removed co-host is no co-host any more; the activities they started stay with the initiative', async () => {
			const lies = await member('Lies');
			const theirs = await createActivity(db(), lies, kroon.id, input({ title: 'Door Lies' }));
			const shared = await createActivity(db(), host, kroon.id, input({ title: 'Samen met Lies' }));
			await addCoHost(db(), host, shared.id, lies.userId);

			await removeMember(db(), coordinator, kroon.id, lies.userId);
			expect(await coHosts(db(), shared.id)).toEqual([]);
			expect((await getActivity(db(), coordinator, theirs.id)).canManage).toBe(true);
			// Back as a member later, they are not a host again by themselves.
			await db().insert(membership).values({ initiativeId: kroon.id, userId: lies.userId, role: 'member' });
			expect((await getActivity(db(), lies, shared.id)).canManage).toBe(false);
		});

		// Only PostgreSQL runs transactions side by side; PGlite queues whole transactions, so there they cannot cross.
		it.skipIf(target.name === 'pglite')('a sign-up that crosses the removal does not outlive the membership', async () => {
			const olga = await member('Olga');
			const act = await createActivity(db(), host, kroon.id, input({ title: 'Open avond', visibility: 'public' }));
			let commit!: () => void;
			const removing = db().transaction(async (tx) => {
				await tx.delete(membership).where(and(eq(membership.initiativeId, kroon.id), eq(membership.userId, olga.userId)));
				await new Promise<void>((resolve) => (commit = resolve));
			});
			await new Promise((r) => setTimeout(r, 100));
			// Olga still is a member as far as anyone outside that transaction can tell.
			const signing = signUp(db(), olga, act.id);
			await new Promise((r) => setTimeout(r, 300));
			commit();
			await removing;
			expect(await signing).toEqual({ ok: false, error: 'members_only' });
			expect(await rowsOf(olga)).toEqual([]);
		});

		it('a mail queued before someone left is not sent to them: no title of a members-only activity', async () => {
			const maud = await member('Maud');
			const act = await createActivity(db(), host, kroon.id, input({ title: 'Kanarie-titel-8' }));
			await db().delete(membership).where(and(eq(membership.initiativeId, kroon.id), eq(membership.userId, maud.userId)));
			// A sign-up left behind, as leaving used to leave them.
			await db().insert(activitySignup).values({ activityId: act.id, occurrenceStart: act.startsAt, userId: maud.userId, status: 'confirmed' });
			const ctx = { db: db(), mailer: recordingMailer(), origin: ORIGIN, secret: 's'.repeat(32) };
			expect(await sendNotification(ctx, { kind: 'changed', activityId: act.id, occurrence: act.startsAt.toISOString(), userId: maud.userId })).toBe('skipped');
			expect(ctx.mailer.sent).toEqual([]);
			// Nor do Mijn aanmeldingen and the feed show it.
			expect(await titlesOf(maud)).toEqual([]);
			expect(await feedOf(maud)).not.toContain('Kanarie-titel-8');
		});

		it('someone who left hears nothing more of a proposal they made', async () => {
			await updateActivitySettings(db(), coordinator, kroon.id, { reviewActivities: true, guestSignups: false });
			try {
				const nina = await member('Nina');
				const proposal = await createActivity(db(), nina, kroon.id, input({ title: 'Kanarie-titel-9' }));
				expect(proposal.status).toBe('proposed');
				await leaveInitiative(db(), nina, kroon.id);
				await approveActivity(db(), coordinator, proposal.id);
				await jobsDone(db(), [MAIL_QUEUE, PROPOSAL_MAIL_QUEUE]);
				expect(mailer.sent.filter((m) => m.to === nina.email)).toEqual([]);
			} finally {
				await updateActivitySettings(db(), coordinator, kroon.id, { reviewActivities: false, guestSignups: false });
			}
		});
	});
}
