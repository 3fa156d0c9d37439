import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFound } from '#lib/server/access/core.ts';
import type { SignedIn } from '#lib/server/accounts/viewer.ts';
import type { Database, Db } from '#lib/server/db/index.ts';
import { queryRows } from '#lib/server/db/index.ts';
import { activityForm, type ActivityInput } from '#lib/server/activities/forms.ts';
import { notificationQueues } from '#lib/server/activities/notifications/queues.ts';
import { addCoHost, coHosts, possibleCoHosts, removeCoHost, toldApart } from '#lib/server/activities/hosts.ts';
import { approveActivity, declineActivity, PROPOSAL_MAIL_QUEUE, updateActivitySettings, waitingProposals } from '#lib/server/activities/proposals.ts';
import { createActivity, getActivity, listOccurrences, meetingLinkFor, updateActivity } from '#lib/server/activities/service.ts';
import { attendance, signUp } from '#lib/server/activities/signups.ts';
import { recordTurnout, turnoutOf, turnoutOverview } from '#lib/server/activities/turnout.ts';
import { createInitiative, type Initiative } from '#lib/server/initiatives/service.ts';
import { membership } from '#lib/server/initiatives/schema.ts';
import { impactQueues } from '#lib/server/impact/refresh.ts';
import { startJobRunner, useJobRunner, type JobRunner } from '#lib/server/jobs/index.ts';
import { mailTo, recordingMailer } from '../helpers/accounts.ts';
import { databases } from '../helpers/databases.ts';
import { makePerson } from '../helpers/people.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ORIGIN = 'https://herstelplein.test';
const coming = { from: new Date(), to: new Date(Date.now() + 60 * DAY), limit: 100 };

/** An activity `days` from now (negative: in the past), two hours long. */
function input(overrides: Partial<ActivityInput> = {}, days = 7): ActivityInput {
	const startsAt = new Date(Math.ceil(Date.now() / HOUR) * HOUR + days * DAY);
	return { title: 'Samen wandelen', description: '', kind: 'ontmoeting', startsAt, endsAt: new Date(startsAt.getTime() + 2 * HOUR), place: '', capacity: null, visibility: 'members', ...overrides };
}

async function proposalJobsDone(db: Db): Promise<void> {
	const deadline = Date.now() + 20_000;
	for (;;) {
		const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from pgboss.job where name = ${PROPOSAL_MAIL_QUEUE} and state in ('created', 'retry', 'active')`);
		if (row.n === 0) return;
		if (Date.now() > deadline) throw new Error(`${row.n} proposal mail jobs still waiting`);
		await new Promise((r) => setTimeout(r, 100));
	}
}

for (const target of databases) {
	describe.skipIf(target.skip)(`hosting activities on ${target.name}`, () => {
		let database: Database & { drop(): Promise<void> };
		let runner: JobRunner;
		const mailer = recordingMailer();
		let coordinator: SignedIn, host: SignedIn, helper: SignedIn, member: SignedIn, outsider: SignedIn;
		let kroon: Initiative, anker: Initiative;

		async function initiative(name: string) {
			const admin = await makePerson(database.db, `Beheer ${name}`, { isAdmin: true });
			const result = await createInitiative(database.db, admin, { name, town: 'Zwolle', slug: '', description: '', joinPolicy: 'invite' });
			if (!result.ok) throw new Error(result.error);
			await database.db.delete(membership).where(sql`${membership.userId} = ${admin.userId}`);
			return result.initiative;
		}

		beforeAll(async () => {
			database = await target.open();
			// Turnout has the figures' month counted again (impact/refresh.ts): its queue too.
			const queues = { ...notificationQueues({ db: database.db, mailer, origin: ORIGIN, secret: 'test-secret-test-secret-test-secret' }), ...impactQueues(database.db) };
			runner = await startJobRunner(database, queues, { pollingIntervalSeconds: 0.5 });
			useJobRunner(runner);
			kroon = await initiative('De Kroon');
			anker = await initiative('Het Anker');
			coordinator = await makePerson(database.db, 'Anna');
			host = await makePerson(database.db, 'Bram');
			helper = await makePerson(database.db, 'Cor');
			member = await makePerson(database.db, 'Dewi');
			outsider = await makePerson(database.db, 'Eva');
			await database.db.insert(membership).values([
				{ initiativeId: kroon.id, userId: coordinator.userId, role: 'coordinator' },
				{ initiativeId: kroon.id, userId: host.userId, role: 'member' },
				{ initiativeId: kroon.id, userId: helper.userId, role: 'member' },
				{ initiativeId: kroon.id, userId: member.userId, role: 'member' },
				{ initiativeId: anker.id, userId: outsider.userId, role: 'member' }
			]);
		});
		afterAll(async () => {
			useJobRunner(undefined);
			await runner?.stop();
			await database?.drop();
		});

		it('the form reads topic, online link, cost, what to bring and accessibility, with clear messages for mistakes', () => {
			const base = { title: 'Wandelen', kind: 'ontmoeting', date: '2030-12-03', startTime: '14:00', endTime: '16:00', visibility: 'members' };
			const ok = activityForm.safeParse({ ...base, theme: 'wandelen', onlineUrl: 'https://meet.jit.si/kroon', cost: '€ 2,50', bring: 'Stevige schoenen', accessibility: ['rolstoeltoegankelijk', 'prikkelarm'] });
			expect(ok.success && ok.data).toMatchObject({ theme: 'wandelen', onlineUrl: 'https://meet.jit.si/kroon', costCents: 250, bring: 'Stevige schoenen', accessibility: ['rolstoeltoegankelijk', 'prikkelarm'] });
			const free = activityForm.safeParse({ ...base, cost: 'gratis' });
			expect(free.success && free.data).toMatchObject({ costCents: 0, theme: null, onlineUrl: null, accessibility: [] });
			const bad = activityForm.safeParse({ ...base, theme: 'dansen', onlineUrl: 'javascript:alert(1)', cost: 'twee euro', accessibility: 'gratis' });
			expect(bad.success).toBe(false);
			const errors = bad.success ? {} : Object.fromEntries(bad.error.issues.map((i) => [i.path[0], i.message]));
			expect(errors).toEqual({ theme: 'activity_error_theme', onlineUrl: 'activity_error_online_url', cost: 'activity_error_cost', accessibility: 'form_error_invalid' });
		});

		it('the online link goes only to hosts and to people with a place on that date', async () => {
			const online = await createActivity(database.db, host, kroon.id, input({ title: 'Online praatgroep', onlineUrl: 'https://meet.jit.si/kroon-praat', capacity: 1 }));
			await signUp(database.db, member, online.id);
			await signUp(database.db, helper, online.id); // full: waitlist
			const linkFor = async (viewer: SignedIn) => meetingLinkFor(await getActivity(database.db, viewer, online.id), (await attendance(database.db, viewer, online.id)).mine);
			expect(await linkFor(host)).toBe('https://meet.jit.si/kroon-praat');
			expect(await linkFor(coordinator)).toBe('https://meet.jit.si/kroon-praat');
			expect(await linkFor(member)).toBe('https://meet.jit.si/kroon-praat');
			expect(await linkFor(helper)).toBeNull();
		});

		it('with review on, a member’s activity waits; only its host and the coordinators see it, and coordinators get a mail', async () => {
			await updateActivitySettings(database.db, coordinator, kroon.id, { reviewActivities: true, guestSignups: false });
			const idea = await createActivity(database.db, member, kroon.id, input({ title: 'Schilderen in het park' }));
			expect(idea.status).toBe('proposed');
			const mail = await mailTo(mailer.sent, coordinator.email, /^Nieuw voorstel: Schilderen in het park$/);
			expect(mail.text).toContain(`${ORIGIN}/initiatieven/${kroon.slug}/activiteiten/${idea.id}`);
			// Other members, and members of other initiatives, do not see it.
			await expect(getActivity(database.db, host, idea.id)).rejects.toThrow(NotFound);
			await expect(getActivity(database.db, outsider, idea.id)).rejects.toThrow(NotFound);
			await expect(getActivity(database.db, null, idea.id)).rejects.toThrow(NotFound);
			const hostList = await listOccurrences(database.db, host, kroon.id, coming);
			expect(hostList.occurrences.map((o) => o.id)).not.toContain(idea.id);
			expect((await listOccurrences(database.db, member, kroon.id, coming)).occurrences.find((o) => o.id === idea.id)?.status).toBe('proposed');
			expect((await waitingProposals(database.db, coordinator, kroon.id)).map((p) => p.id)).toContain(idea.id);
			expect(await waitingProposals(database.db, member, kroon.id)).toEqual([]);
			// Nobody can sign up for a proposal yet.
			await expect(signUp(database.db, host, idea.id)).rejects.toThrow(NotFound);
			// Not its organiser nor a coordinator either, though they see it.
			expect(await signUp(database.db, member, idea.id)).toEqual({ ok: false, error: 'proposed' });
			expect(await signUp(database.db, coordinator, idea.id)).toEqual({ ok: false, error: 'proposed' });
			// A coordinator's own activity goes straight in.
			expect((await createActivity(database.db, coordinator, kroon.id, input({ title: 'Inloop' }))).status).toBe('published');
		});

		it('only a coordinator approves or declines; the host hears the outcome', async () => {
			const idea = await createActivity(database.db, member, kroon.id, input({ title: 'Gitaarles' }));
			await expect(approveActivity(database.db, member, idea.id)).rejects.toThrow(NotFound);
			await expect(approveActivity(database.db, host, idea.id)).rejects.toThrow(NotFound);
			await expect(approveActivity(database.db, outsider, idea.id)).rejects.toThrow(NotFound);
			await approveActivity(database.db, coordinator, idea.id);
			await approveActivity(database.db, coordinator, idea.id); // twice: one mail
			expect((await getActivity(database.db, host, idea.id)).activity.status).toBe('published');
			const approved = await mailTo(mailer.sent, member.email, /^Je activiteit staat in de agenda: Gitaarles$/);
			expect(approved.text).toContain(`/activiteiten/${idea.id}`);

			const other = await createActivity(database.db, member, kroon.id, input({ title: 'Nachtwandeling' }));
			await expect(declineActivity(database.db, member, other.id)).rejects.toThrow(NotFound);
			await declineActivity(database.db, coordinator, other.id);
			await expect(getActivity(database.db, coordinator, other.id)).rejects.toThrow(NotFound);
			await mailTo(mailer.sent, member.email, /^Over je voorstel: Nachtwandeling$/);
			await proposalJobsDone(database.db);
			expect(mailer.sent.filter((m) => m.to === member.email && m.subject.includes('Gitaarles'))).toHaveLength(1);
			// A published activity cannot be "declined" away.
			await declineActivity(database.db, coordinator, idea.id);
			expect((await getActivity(database.db, coordinator, idea.id)).activity.status).toBe('published');
			await updateActivitySettings(database.db, coordinator, kroon.id, { reviewActivities: false, guestSignups: false });
			expect((await createActivity(database.db, member, kroon.id, input({ title: 'Direct erin' }))).status).toBe('published');
		});

		it('only coordinators change the settings', async () => {
			await expect(updateActivitySettings(database.db, member, kroon.id, { reviewActivities: true, guestSignups: true })).rejects.toThrow(NotFound);
			await expect(updateActivitySettings(database.db, outsider, kroon.id, { reviewActivities: true, guestSignups: true })).rejects.toThrow(NotFound);
		});

		it('a co-host may change the activity and see who comes; only members of the initiative can be co-host', async () => {
			const walk = await createActivity(database.db, host, kroon.id, input({ title: 'Boswandeling' }));
			await signUp(database.db, member, walk.id);
			expect((await getActivity(database.db, helper, walk.id)).canManage).toBe(false);
			expect((await attendance(database.db, helper, walk.id)).people).toBeNull();
			expect((await possibleCoHosts(database.db, host, walk.id)).map((p) => p.name)).toEqual(['Anna', 'Cor', 'Dewi']);
			// Two members with one name are told apart by when they joined.
			const joined = (iso: string) => new Date(`${iso}T12:00:00Z`);
			const people = [
				{ userId: 'a', name: 'Anna', joinedAt: joined('2025-03-03') },
				{ userId: 'b', name: 'Anna', joinedAt: joined('2026-01-15') },
				{ userId: 'c', name: 'Cor', joinedAt: joined('2025-05-01') }
			];
			expect(toldApart(people, 'nl').map((p) => p.name)).toEqual(['Anna (lid sinds 3 maart 2025)', 'Anna (lid sinds 15 januari 2026)', 'Cor']);
			expect(toldApart(people, 'en')[0].name).toBe('Anna (member since 3 March 2025)');
			await expect(possibleCoHosts(database.db, member, walk.id)).rejects.toThrow(NotFound);
			await expect(addCoHost(database.db, member, walk.id, member.userId)).rejects.toThrow(NotFound);
			expect(await addCoHost(database.db, host, walk.id, outsider.userId)).toEqual({ ok: false, error: 'not_member' });
			expect(await addCoHost(database.db, host, walk.id, helper.userId)).toEqual({ ok: true });
			expect(await addCoHost(database.db, host, walk.id, helper.userId)).toEqual({ ok: true });
			expect((await coHosts(database.db, walk.id)).map((h) => h.name)).toEqual(['Cor']);
			expect((await getActivity(database.db, helper, walk.id)).canManage).toBe(true);
			expect((await attendance(database.db, helper, walk.id)).people?.map((p) => p.name)).toEqual(['Dewi']);
			await updateActivity(database.db, helper, walk.id, input({ title: 'Lange boswandeling' }));
			expect((await getActivity(database.db, member, walk.id)).activity.title).toBe('Lange boswandeling');
			// A co-host who leaves the initiative can no longer manage it.
			await database.db.delete(membership).where(sql`${membership.userId} = ${helper.userId} and ${membership.initiativeId} = ${kroon.id}`);
			await expect(updateActivity(database.db, helper, walk.id, input())).rejects.toThrow(NotFound);
			await database.db.insert(membership).values({ initiativeId: kroon.id, userId: helper.userId, role: 'member' });
			await removeCoHost(database.db, host, walk.id, helper.userId);
			expect((await getActivity(database.db, helper, walk.id)).canManage).toBe(false);
		});

		it('turnout: hosts write down how many came once a date has begun; only coordinators see the figures', async () => {
			const past = await createActivity(database.db, host, kroon.id, input({ title: 'Koffieochtend' }, -3));
			const future = await createActivity(database.db, host, kroon.id, input({ title: 'Kookavond' }, 3));
			expect(await recordTurnout(database.db, host, future.id, future.startsAt, 5)).toEqual({ ok: false, error: 'turnout_not_yet' });
			await expect(recordTurnout(database.db, member, past.id, past.startsAt, 5)).rejects.toThrow(NotFound);
			await expect(recordTurnout(database.db, outsider, past.id, past.startsAt, 5)).rejects.toThrow(NotFound);
			expect(await recordTurnout(database.db, host, past.id, new Date(past.startsAt.getTime() + HOUR), 5)).toEqual({ ok: false, error: 'no_date' });
			expect(await recordTurnout(database.db, host, past.id, past.startsAt, 11)).toEqual({ ok: true });
			expect(await recordTurnout(database.db, coordinator, past.id, past.startsAt, 12)).toEqual({ ok: true });
			expect(await turnoutOf(database.db, host, past.id, past.startsAt)).toBe(12);
			await expect(turnoutOf(database.db, member, past.id, past.startsAt)).rejects.toThrow(NotFound);

			const window = { from: new Date(Date.now() - 10 * DAY), to: new Date(Date.now() + 10 * DAY) };
			const overview = await turnoutOverview(database.db, coordinator, kroon.id, window);
			expect(overview.dates.find((d) => d.id === past.id)?.people).toBe(12);
			expect(overview.dates.map((d) => d.id)).not.toContain(future.id);
			expect(overview.months.reduce((sum, r) => sum + r.people, 0)).toBe(12);
			await expect(turnoutOverview(database.db, host, kroon.id, window)).rejects.toThrow(NotFound);
			await expect(turnoutOverview(database.db, outsider, kroon.id, window)).rejects.toThrow(NotFound);
		});
	});
}
