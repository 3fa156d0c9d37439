import { and, eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFound } from '#lib/server/access/core.ts';
import type { SignedIn } from '#lib/server/accounts/viewer.ts';
import type { ActivityInput } from '#lib/server/activities/forms.ts';
import { cleanupGuestData, GUEST_KEEP_DAYS } from '#lib/server/activities/guests/cleanup.ts';
import { guestCancelToken, verifyGuestCancelToken } from '#lib/server/activities/guests/links.ts';
import {
	cancelGuestSignup,
	confirmGuestSignup,
	GUEST_LIMITS,
	inspectGuestCancel,
	inspectGuestRequest,
	requestGuestSignup,
	type GuestInput
} from '#lib/server/activities/guests/service.ts';
import { MAIL_QUEUE, notificationQueues, scheduleReminders } from '#lib/server/activities/notifications/queues.ts';
import { activitiesPersonalData } from '#lib/server/activities/personal-data.ts';
import { comingOccurrences } from '#lib/server/activities/occurrences.ts';
import { buildRule } from '#lib/server/activities/recurrence.ts';
import { activityGuestRequest, activitySignup } from '#lib/server/activities/schema.ts';
import { cancelActivity, createActivity, listOccurrences, updateActivity } from '#lib/server/activities/service.ts';
import { attendance, cancelSignup, setShowName, signUp } from '#lib/server/activities/signups.ts';
import type { Database } from '#lib/server/db/index.ts';
import { initiative, membership } from '#lib/server/initiatives/schema.ts';
import { createInitiative, setInitiativeStatus, type Initiative } from '#lib/server/initiatives/service.ts';
import { startJobRunner, useJobRunner, type JobRunner } from '#lib/server/jobs/index.ts';
import type { Mail } from '#lib/server/mail/index.ts';
import { recordingMailer } from '../helpers/accounts.ts';
import { databases } from '../helpers/databases.ts';
import { makePerson } from '../helpers/people.ts';
import { jobsDone } from '../helpers/jobs.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SECRET = 'g'.repeat(32);
const ORIGIN = 'https://herstelplein.test';

/** Input for a public activity `days` from now, two hours long. */
function input(overrides: Partial<ActivityInput> = {}, days = 7): ActivityInput {
	const startsAt = new Date(Math.ceil(Date.now() / HOUR) * HOUR + days * DAY);
	return {
		title: 'Open inloop',
		description: '',
		kind: 'ontmoeting',
		startsAt,
		endsAt: new Date(startsAt.getTime() + 2 * HOUR),
		place: 'Het buurthuis',
		capacity: null,
		visibility: 'public',
		...overrides
	};
}

let guestCounter = 0;
/** A guest with a unique address. */
function guest(name: string): GuestInput {
	return { name, email: `${name.toLowerCase().replace(/[^a-z]/g, '')}-${++guestCounter}@gast.test`, homepage: '' };
}

/** Wait until the mailer has a mail that matches; fails after 20 s. Waits for an event, not for a time. */
async function mailTo(sent: Mail[], to: string, subject: RegExp): Promise<Mail> {
	const deadline = Date.now() + 20_000;
	for (;;) {
		const found = sent.filter((m) => m.to === to && subject.test(m.subject)).at(-1);
		if (found) return found;
		if (Date.now() > deadline) throw new Error(`no mail to ${to} matching ${subject}; got: ${sent.map((m) => `${m.to} ${m.subject}`).join(' | ')}`);
		await new Promise((r) => setTimeout(r, 100));
	}
}

/** The token of a link to `path` in the last mail to this address. */
function linkToken(sent: Mail[], to: string, path: string): string {
	const mail = sent.filter((m) => m.to === to && m.text.includes(path)).at(-1);
	if (!mail) throw new Error(`no mail to ${to} with a link to ${path}`);
	const match = new RegExp(`${path.replace(/\//g, '\\/')}\\?token=([^\\s&]+)`).exec(mail.text);
	return decodeURIComponent(match![1]);
}

for (const target of databases) {
	describe.skipIf(target.skip)(`signing up without an account, and showing your name, on ${target.name}`, () => {
		let database: Database & { drop(): Promise<void> };
		let runner: JobRunner;
		const mailer = recordingMailer();
		let admin: SignedIn, coordinator: SignedIn, host: SignedIn, member: SignedIn, other: SignedIn, outsider: SignedIn;
		let kroon: Initiative, closed: Initiative;
		let ip = 0;

		const db = () => database.db;
		const context = (activityId: string, occurrence: Date, extra: { now?: Date; ip?: string } = {}) => ({
			activityId,
			occurrence,
			ip: extra.ip ?? `10.9.0.${++ip}`,
			origin: ORIGIN,
			locale: 'nl' as const,
			now: extra.now
		});
		/** A guest asks, then follows the link from the mail; returns the confirmation's result. */
		async function guestSignsUp(activityId: string, occurrence: Date, who: GuestInput) {
			expect(await requestGuestSignup(db(), mailer, context(activityId, occurrence), who)).toEqual({ ok: true });
			return confirmGuestSignup(db(), linkToken(mailer.sent, who.email, '/gast/bevestigen'), 'nl');
		}
		async function addMember(person: SignedIn, to: Initiative, role: 'member' | 'coordinator' = 'member') {
			await db().insert(membership).values({ initiativeId: to.id, userId: person.userId, role });
		}
		async function published(name: string, guests: boolean) {
			const result = await createInitiative(db(), admin, { name, town: 'Zwolle', slug: '', description: '', joinPolicy: 'invite' });
			if (!result.ok) throw new Error(result.error);
			await db().update(initiative).set({ guestSignups: guests }).where(eq(initiative.id, result.initiative.id));
			return result.initiative;
		}

		beforeAll(async () => {
			database = await target.open();
			runner = await startJobRunner(database, notificationQueues({ db: database.db, mailer, origin: ORIGIN, secret: SECRET }), { pollingIntervalSeconds: 0.5 });
			useJobRunner(runner);
			admin = await makePerson(db(), 'Beheer', { isAdmin: true });
			coordinator = await makePerson(db(), 'Anna');
			host = await makePerson(db(), 'Bram');
			member = await makePerson(db(), 'Cor');
			other = await makePerson(db(), 'Dewi');
			outsider = await makePerson(db(), 'Eva');
			kroon = await published('De Kroon', true);
			closed = await published('Het Anker', false);
			await db().delete(membership);
			for (const p of [coordinator]) await addMember(p, kroon, 'coordinator');
			for (const p of [host, member, other]) await addMember(p, kroon);
			await addMember(host, closed);
		});
		afterAll(async () => {
			useJobRunner(undefined);
			await runner?.stop();
			await database?.drop();
		});

		it('a guest asks, confirms with the link from the mail, and counts like a member', async () => {
			const act = await createActivity(db(), host, kroon.id, input({ capacity: 10 }));
			const lin = guest('Lin');
			expect(await requestGuestSignup(db(), mailer, context(act.id, act.startsAt), lin)).toEqual({ ok: true });
			const mail = mailer.sent.at(-1)!;
			expect(mail).toMatchObject({ to: lin.email, subject: 'Bevestig je aanmelding: Open inloop' });
			expect(mail.text).toContain(`${ORIGIN}/gast/bevestigen?token=`);
			// Asking signs nobody up, and opening the link (a mail scanner) changes nothing.
			const token = linkToken(mailer.sent, lin.email, '/gast/bevestigen');
			expect(await inspectGuestRequest(db(), token, 'nl')).toMatchObject({ state: 'valid', view: { title: 'Open inloop', name: 'Lin' } });
			expect((await attendance(db(), null, act.id)).confirmed).toBe(0);

			expect(await confirmGuestSignup(db(), token, 'nl')).toMatchObject({ ok: true, status: 'confirmed', already: false });
			expect(await attendance(db(), null, act.id)).toMatchObject({ confirmed: 1, placesLeft: 9 });
			const listed = (await listOccurrences(db(), null, kroon.id, { from: new Date(), to: new Date(Date.now() + 30 * DAY), limit: 50 })).occurrences.find((o) => o.id === act.id);
			expect(listed?.confirmed).toBe(1);

			// The guest's confirmation mail has a link to cancel without an account.
			const confirmed = await mailTo(mailer.sent, lin.email, /^Je bent aangemeld: Open inloop$/);
			expect(confirmed.text).toContain('Hallo Lin');
			expect(confirmed.text).toContain(`${ORIGIN}/gast/afmelden?token=`);
			expect(confirmed.text).toContain(`${ORIGIN}/initiatieven/${kroon.slug}/activiteiten/${act.id}`);
			// And the date as a calendar file, as a member's mail has.
			const [ics] = confirmed.attachments ?? [];
			expect(ics).toMatchObject({ filename: 'afspraak.ics', contentType: expect.stringContaining('text/calendar') });
			expect(ics.content).toContain('SUMMARY:Open inloop');
		});

		it('the same link twice, two clicks at once, or the same address twice: one sign-up, and a kind answer', async () => {
			const act = await createActivity(db(), host, kroon.id, input({ title: 'Dubbel' }));
			const noor = guest('Noor');
			await requestGuestSignup(db(), mailer, context(act.id, act.startsAt), noor);
			const first = linkToken(mailer.sent, noor.email, '/gast/bevestigen');
			await requestGuestSignup(db(), mailer, context(act.id, act.startsAt), { ...noor, email: noor.email.toUpperCase() });
			const second = linkToken(mailer.sent, noor.email.toUpperCase(), '/gast/bevestigen');
			const results = await Promise.all([confirmGuestSignup(db(), first, 'nl'), confirmGuestSignup(db(), first, 'nl')]);
			expect(results.map((r) => (r.ok ? 'ok' : r.state)).sort()).toEqual(['ok', 'used']);
			expect(await confirmGuestSignup(db(), second, 'nl')).toMatchObject({ ok: true, already: true, status: 'confirmed' });
			expect(await confirmGuestSignup(db(), first, 'nl')).toMatchObject({ ok: false, state: 'used' });
			expect((await attendance(db(), host, act.id)).confirmed).toBe(1);
		});

		it('a link that is too old, or whose date has started, does not sign up; an unknown one is unknown', async () => {
			const act = await createActivity(db(), host, kroon.id, input({ title: 'Verlopen' }, 5));
			const olaf = guest('Olaf');
			await requestGuestSignup(db(), mailer, context(act.id, act.startsAt), olaf);
			const token = linkToken(mailer.sent, olaf.email, '/gast/bevestigen');
			const later = new Date(Date.now() + 49 * HOUR);
			expect(await inspectGuestRequest(db(), token, 'nl', later)).toMatchObject({ state: 'expired' });
			expect(await confirmGuestSignup(db(), token, 'nl', later)).toMatchObject({ ok: false, state: 'expired' });

			// A request the day before: the link stops when the date starts.
			const soon = await createActivity(db(), host, kroon.id, input({ title: 'Morgen' }, 1));
			const pim = guest('Pim');
			await requestGuestSignup(db(), mailer, context(soon.id, soon.startsAt), pim);
			expect(await confirmGuestSignup(db(), linkToken(mailer.sent, pim.email, '/gast/bevestigen'), 'nl', new Date(soon.startsAt.getTime() + 1))).toMatchObject({
				ok: false,
				state: 'expired'
			});
			expect(await confirmGuestSignup(db(), 'x'.repeat(43), 'nl')).toEqual({ ok: false, state: 'unknown' });
			expect(await confirmGuestSignup(db(), 'kort', 'nl')).toEqual({ ok: false, state: 'unknown' });
			expect((await attendance(db(), host, act.id)).confirmed + (await attendance(db(), host, soon.id)).confirmed).toBe(0);
		});

		it('only public activities of an initiative that allows it; members-only or network activities are not even found', async () => {
			const off = await createActivity(db(), host, closed.id, input({ title: 'Zonder gasten' }));
			expect(await requestGuestSignup(db(), mailer, context(off.id, off.startsAt), guest('Quinn'))).toEqual({ ok: false, error: 'closed' });
			for (const visibility of ['members', 'network'] as const) {
				const hidden = await createActivity(db(), host, kroon.id, input({ title: `Niet open ${visibility}`, visibility }));
				await expect(requestGuestSignup(db(), mailer, context(hidden.id, hidden.startsAt), guest('Quinn'))).rejects.toThrow(NotFound);
			}
			const gone = await createActivity(db(), host, kroon.id, input({ title: 'Afgezegd' }));
			await cancelActivity(db(), host, gone.id);
			expect(await requestGuestSignup(db(), mailer, context(gone.id, gone.startsAt), guest('Quinn'))).toEqual({ ok: false, error: 'closed' });
			const past = await createActivity(db(), host, kroon.id, input({ title: 'Geweest' }, -2));
			expect(await requestGuestSignup(db(), mailer, context(past.id, past.startsAt), guest('Quinn'))).toEqual({ ok: false, error: 'started' });
			expect(await requestGuestSignup(db(), mailer, context(past.id, new Date(past.startsAt.getTime() + HOUR)), guest('Quinn'))).toEqual({ ok: false, error: 'no_date' });
			expect(mailer.sent.filter((m) => m.subject.includes('Zonder gasten') || m.subject.includes('Niet open'))).toEqual([]);
		});

		it('a link asked for while guests were welcome does nothing once the coordinators turn it off, or the initiative goes offline', async () => {
			const act = await createActivity(db(), host, kroon.id, input({ title: 'Omgezet' }));
			const rosa = guest('Rosa');
			await requestGuestSignup(db(), mailer, context(act.id, act.startsAt), rosa);
			const token = linkToken(mailer.sent, rosa.email, '/gast/bevestigen');
			await db().update(initiative).set({ guestSignups: false }).where(eq(initiative.id, kroon.id));
			try {
				expect(await inspectGuestRequest(db(), token, 'nl')).toMatchObject({ state: 'closed' });
				expect(await confirmGuestSignup(db(), token, 'nl')).toMatchObject({ ok: false, state: 'closed' });
			} finally {
				await db().update(initiative).set({ guestSignups: true }).where(eq(initiative.id, kroon.id));
			}
			const baken = await published('Het Baken', true);
			await addMember(host, baken);
			const there = await createActivity(db(), host, baken.id, input({ title: 'Offline' }));
			const sam = guest('Sam');
			await requestGuestSignup(db(), mailer, context(there.id, there.startsAt), sam);
			await setInitiativeStatus(db(), admin, baken.id, 'unpublished');
			expect(await confirmGuestSignup(db(), linkToken(mailer.sent, sam.email, '/gast/bevestigen'), 'nl')).toMatchObject({ ok: false, state: 'closed' });
			expect(await db().select().from(activitySignup).where(eq(activitySignup.activityId, there.id))).toEqual([]);
		});

		it('guests and members share the places and one waitlist, also when they all sign up at once', async () => {
			const act = await createActivity(db(), host, kroon.id, input({ title: 'Klein', capacity: 3 }));
			const members = await Promise.all(Array.from({ length: 4 }, (_, n) => makePerson(db(), `Lid ${n}`)));
			for (const p of members) await addMember(p, kroon);
			const guests = Array.from({ length: 4 }, (_, n) => guest(`Gast ${n}`));
			for (const g of guests) await requestGuestSignup(db(), mailer, context(act.id, act.startsAt), g);
			const tokens = guests.map((g) => linkToken(mailer.sent, g.email, '/gast/bevestigen'));
			const results = await Promise.all([
				...members.map((p) => signUp(db(), p, act.id)),
				...tokens.map(async (token) => {
					const r = await confirmGuestSignup(db(), token, 'nl');
					return r.ok ? { ok: true as const, status: r.status } : r;
				})
			]);
			expect(results.filter((r) => r.ok && r.status === 'confirmed')).toHaveLength(3);
			expect(results.filter((r) => r.ok && r.status === 'waitlist')).toHaveLength(5);
			expect(await attendance(db(), host, act.id)).toMatchObject({ confirmed: 3, waitlist: 5, placesLeft: 0 });

			// Everyone with a place cancels, members and guests alike: the waitlist moves up in order.
			const rows = await db().select().from(activitySignup).where(eq(activitySignup.activityId, act.id));
			const placed = rows.filter((r) => r.status === 'confirmed');
			await Promise.all(
				placed.map((r) =>
					r.userId ? cancelSignup(db(), members.find((p) => p.userId === r.userId)!, act.id) : cancelGuestSignup(db(), SECRET, guestCancelToken(SECRET, r.id))
				)
			);
			expect(await attendance(db(), host, act.id)).toMatchObject({ confirmed: 3, waitlist: 2 });
			const waiting = rows.filter((r) => r.status === 'waitlist').sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
			const now = await db().select().from(activitySignup).where(eq(activitySignup.activityId, act.id));
			expect(now.filter((r) => r.status === 'confirmed').map((r) => r.id).sort()).toEqual(waiting.slice(0, 3).map((r) => r.id).sort());
		});

		it('a guest on the waitlist hears when they move up, and can cancel with the link in the mail', async () => {
			const act = await createActivity(db(), host, kroon.id, input({ title: 'Eén plek', capacity: 1 }));
			await signUp(db(), member, act.id);
			const tess = guest('Tess');
			expect(await guestSignsUp(act.id, act.startsAt, tess)).toMatchObject({ ok: true, status: 'waitlist' });
			const waitMail = await mailTo(mailer.sent, tess.email, /^Je staat op de wachtlijst: Eén plek$/);
			expect(waitMail.text).toContain('/gast/afmelden?token=');
			expect(waitMail.attachments ?? []).toEqual([]); // no date in the calendar while waiting
			await cancelSignup(db(), member, act.id);
			const moved = await mailTo(mailer.sent, tess.email, /^Je hebt een plek: Eén plek$/);
			const token = linkToken(mailer.sent, tess.email, '/gast/afmelden');
			expect(await inspectGuestCancel(db(), SECRET, token, 'nl')).toMatchObject({ title: 'Eén plek', status: 'confirmed' });
			expect(moved.text).toContain(token.split('.')[0]);

			// A changed signature, or another secret, cancels nothing.
			expect(await cancelGuestSignup(db(), SECRET, `${token.slice(0, -2)}xx`)).toBe(false);
			expect(await cancelGuestSignup(db(), 'h'.repeat(32), token)).toBe(false);
			expect(verifyGuestCancelToken(SECRET, 'geen-token')).toBeNull();
			expect(await cancelGuestSignup(db(), SECRET, token)).toBe(true);
			expect(await cancelGuestSignup(db(), SECRET, token)).toBe(false);
			expect(await inspectGuestCancel(db(), SECRET, token, 'nl')).toBeNull();
			expect((await attendance(db(), host, act.id)).confirmed).toBe(0);
		});

		it('a guest hears about a change, a cancelled date, and gets one reminder', async () => {
			const first = input({ title: 'Wekelijks koken' }, 3);
			const series = await createActivity(db(), host, kroon.id, { ...first, rrule: buildRule('weekly', first.startsAt, { kind: 'never' }) });
			const dates = (await comingOccurrences(db(), series, new Date(), 3)).map((o) => o.key);
			const uma = guest('Uma');
			const vera = guest('Vera');
			await guestSignsUp(series.id, dates[0], uma);
			await guestSignsUp(series.id, dates[1], vera);
			await jobsDone(db(), [MAIL_QUEUE]);
			// The place changes: both hear it, each about their own date.
			await updateActivity(db(), host, series.id, { ...first, place: 'De grote keuken', rrule: series.rrule });
			expect((await mailTo(mailer.sent, uma.email, /^Er is iets veranderd: Wekelijks koken$/)).text).toContain('Waar: De grote keuken');
			expect((await mailTo(mailer.sent, vera.email, /^Er is iets veranderd: Wekelijks koken$/)).text).toContain('/gast/afmelden?token=');

			// Reminders: once each, and only the day before.
			await db().update(activitySignup).set({ createdAt: sql`${activitySignup.occurrenceStart} - interval '2 days'` }).where(eq(activitySignup.activityId, series.id));
			const dayBefore = new Date(dates[0].getTime() - 20 * HOUR);
			expect(await scheduleReminders(db(), dayBefore)).toBe(1);
			expect(await scheduleReminders(db(), dayBefore)).toBe(0);
			expect((await mailTo(mailer.sent, uma.email, /^Herinnering: Wekelijks koken$/)).text).toContain('/gast/afmelden?token=');

			// The series moves to other times: Vera's date is gone (and her sign-up with it), but she still hears it.
			const moved = { ...first, startsAt: new Date(first.startsAt.getTime() + 2 * HOUR), endsAt: new Date(first.endsAt.getTime() + 2 * HOUR) };
			await updateActivity(db(), host, series.id, { ...moved, place: 'De grote keuken', rrule: buildRule('weekly', moved.startsAt, { kind: 'never' }) });
			const gone = await mailTo(mailer.sent, vera.email, /^Gaat niet door: Wekelijks koken$/);
			expect(gone.text).toContain('Hallo Vera');
			expect(gone.text).not.toContain('/gast/afmelden');
			await jobsDone(db(), [MAIL_QUEUE]);
		});

		it('the hosts see guests by name, marked as guest; nobody sees a guest’s e-mail address; other members and visitors see counts', async () => {
			const act = await createActivity(db(), host, kroon.id, input({ title: 'Geheim', capacity: 5 }));
			const wim = guest('Wim Verborgen');
			await guestSignsUp(act.id, act.startsAt, wim);
			await signUp(db(), member, act.id);
			const forHost = await attendance(db(), host, act.id);
			expect(forHost.people).toEqual([
				{ name: 'Wim Verborgen', status: 'confirmed', guest: true },
				{ name: 'Cor', status: 'confirmed', guest: false }
			]);
			expect((await attendance(db(), coordinator, act.id)).people).toHaveLength(2);
			for (const viewer of [host, coordinator, member, other, outsider, null]) {
				const seen = JSON.stringify(await attendance(db(), viewer, act.id));
				expect(seen).not.toContain(wim.email);
				if (viewer !== host && viewer !== coordinator) {
					expect(seen).not.toContain('Wim');
					expect(seen).not.toContain('Cor');
				}
			}
			expect(await attendance(db(), other, act.id)).toMatchObject({ confirmed: 2, people: null, shown: { names: [], others: 2 } });
			expect(await attendance(db(), null, act.id)).toMatchObject({ confirmed: 2, people: null, shown: null });
			expect(await attendance(db(), outsider, act.id)).toMatchObject({ people: null, shown: null });
			const lists = JSON.stringify(await listOccurrences(db(), member, kroon.id, { from: new Date(), to: new Date(Date.now() + 30 * DAY), limit: 100 }));
			expect(lists).not.toContain('Wim');
			// A member's own export holds only their own sign-ups, never a guest on the same date.
			expect(JSON.stringify(await activitiesPersonalData.collect(db(), member))).not.toContain('Wim');
		});

		it('other members see the names of members who chose to show them, and how many others come', async () => {
			const act = await createActivity(db(), host, kroon.id, input({ title: 'Namen' }));
			expect(await signUp(db(), member, act.id, undefined, new Date(), { showName: true })).toEqual({ ok: true, status: 'confirmed' });
			await signUp(db(), other, act.id);
			await guestSignsUp(act.id, act.startsAt, guest('Xander'));
			expect(await attendance(db(), other, act.id)).toMatchObject({ shown: { names: ['Cor'], others: 2 }, showingName: false });
			expect(await attendance(db(), member, act.id)).toMatchObject({ shown: { names: ['Cor'], others: 2 }, showingName: true });
			// Not for visitors or people of other initiatives: they see counts only.
			expect((await attendance(db(), null, act.id)).shown).toBeNull();
			expect(JSON.stringify(await attendance(db(), outsider, act.id))).not.toContain('Cor');

			// Changing your mind later, on the page; only your own sign-up.
			expect(await setShowName(db(), other, act.id, undefined, true)).toBe(true);
			expect((await attendance(db(), coordinator, act.id)).people?.map((p) => p.name)).toEqual(['Cor', 'Dewi', 'Xander']);
			expect((await attendance(db(), host, act.id)).shown).toBeNull();
			expect((await attendance(db(), member, act.id)).shown).toEqual({ names: ['Cor', 'Dewi'], others: 1 });
			expect(await setShowName(db(), member, act.id, undefined, false)).toBe(true);
			expect((await attendance(db(), other, act.id)).shown).toEqual({ names: ['Dewi'], others: 2 });
			expect(await setShowName(db(), coordinator, act.id, undefined, true)).toBe(false);
			const exported = (await activitiesPersonalData.collect(db(), other)) as { signups: Array<{ title: string; showName: boolean }> };
			expect(exported.signups.find((s) => s.title === 'Namen')?.showName).toBe(true);
		});

		it('guest sign-ups and requests are removed some days after the date; members’ sign-ups stay', async () => {
			const old = await createActivity(db(), host, kroon.id, input({ title: 'Lang geleden' }, -(GUEST_KEEP_DAYS + 2)));
			const recent = await createActivity(db(), host, kroon.id, input({ title: 'Net geweest' }, -2));
			for (const a of [old, recent]) {
				await db().insert(activitySignup).values({ activityId: a.id, occurrenceStart: a.startsAt, status: 'confirmed', guestName: 'Yara', guestEmail: `yara-${a.id}@gast.test`, guestLocale: 'nl' });
				await db().insert(activitySignup).values({ activityId: a.id, occurrenceStart: a.startsAt, status: 'confirmed', userId: member.userId });
			}
			const future = await createActivity(db(), host, kroon.id, input({ title: 'Nog te komen' }));
			await guestSignsUp(future.id, future.startsAt, guest('Zoë'));
			const pending = guest('Ans');
			await requestGuestSignup(db(), mailer, context(future.id, future.startsAt), pending);
			await db().insert(activityGuestRequest).values({
				activityId: old.id,
				occurrenceStart: old.startsAt,
				name: 'Oud',
				email: 'oud@gast.test',
				tokenHash: 'a'.repeat(64),
				expiresAt: new Date(Date.now() - 3 * DAY)
			});

			const removed = await cleanupGuestData(db());
			expect(removed.requests).toBe(1);
			expect(removed.signups).toBeGreaterThanOrEqual(1);
			const guestsOf = async (id: string) => db().select().from(activitySignup).where(and(eq(activitySignup.activityId, id), isNull(activitySignup.userId)));
			expect(await guestsOf(old.id)).toEqual([]);
			expect(await guestsOf(recent.id)).toHaveLength(1);
			expect(await guestsOf(future.id)).toHaveLength(1);
			expect((await attendance(db(), host, old.id)).people?.map((p) => p.name)).toEqual(['Cor']);
			expect(await inspectGuestRequest(db(), linkToken(mailer.sent, pending.email, '/gast/bevestigen'), 'nl')).toMatchObject({ state: 'valid' });
			expect(await db().select().from(activityGuestRequest).where(eq(activityGuestRequest.email, 'oud@gast.test'))).toEqual([]);
		});

		it('too many requests are refused per address, per activity and per e-mail address; a bot filling the hidden field is ignored', async () => {
			const act = await createActivity(db(), host, kroon.id, input({ title: 'Druk' }));
			const same = guest('Bea');
			for (let n = 0; n < GUEST_LIMITS.perEmail.max; n++) expect(await requestGuestSignup(db(), mailer, context(act.id, act.startsAt), same)).toEqual({ ok: true });
			expect(await requestGuestSignup(db(), mailer, context(act.id, act.startsAt), same)).toEqual({ ok: false, error: 'rate_limited' });
			const fromOne = { ip: '10.8.8.8' };
			for (let n = 0; n < GUEST_LIMITS.perIp.max; n++) expect(await requestGuestSignup(db(), mailer, context(act.id, act.startsAt, fromOne), guest('Chris'))).toEqual({ ok: true });
			expect(await requestGuestSignup(db(), mailer, context(act.id, act.startsAt, fromOne), guest('Chris'))).toEqual({ ok: false, error: 'rate_limited' });

			const mails = mailer.sent.length;
			const bot = { ...guest('Bot'), homepage: 'https://spam.example' };
			expect(await requestGuestSignup(db(), mailer, context(act.id, act.startsAt), bot)).toEqual({ ok: true });
			expect(mailer.sent.length).toBe(mails);
			expect(await db().select().from(activityGuestRequest).where(eq(activityGuestRequest.email, bot.email))).toEqual([]);
		});

		it('the database refuses a sign-up that is both or neither a member and a guest, and a second one per address per date', async () => {
			const act = await createActivity(db(), host, kroon.id, input({ title: 'Regels' }));
			const values = { activityId: act.id, occurrenceStart: act.startsAt, status: 'confirmed' as const };
			await expect(db().insert(activitySignup).values(values)).rejects.toThrow();
			await expect(db().insert(activitySignup).values({ ...values, userId: member.userId, guestName: 'X', guestEmail: 'x@gast.test' })).rejects.toThrow();
			await db().insert(activitySignup).values({ ...values, guestName: 'Fien', guestEmail: 'fien@gast.test' });
			await expect(db().insert(activitySignup).values({ ...values, guestName: 'Fien', guestEmail: 'FIEN@gast.test' })).rejects.toThrow();
			await db().insert(activitySignup).values({ ...values, userId: member.userId });
			await expect(db().insert(activitySignup).values({ ...values, userId: member.userId })).rejects.toThrow();
		});
	});
}
