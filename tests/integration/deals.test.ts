import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFound } from '#lib/server/access/core.ts';
import { personalFeed, personalFeedSince } from '#lib/server/activities/ical.ts';
import { user } from '#lib/server/accounts/schema.ts';
import type { SignedIn } from '#lib/server/accounts/viewer.ts';
import type { Database } from '#lib/server/db/index.ts';
import { dealEvents } from '#lib/server/deals/calendar.ts';
import { dealQueues } from '#lib/server/deals/notices.ts';
import { dealsPersonalData } from '#lib/server/deals/personal-data.ts';
import {
	acceptDeal,
	cancelDeal,
	confirmDone,
	DEAL_PROPOSAL_QUEUE,
	DEAL_THANKS_QUEUE,
	dealView,
	givenAndReceived,
	markDone,
	proposeDeal,
	showThanks,
	thank,
	THANKS_MAX
} from '#lib/server/deals/service.ts';
import { createPost } from '#lib/server/exchange/service.ts';
import { initiative, membership } from '#lib/server/initiatives/schema.ts';
import { startJobRunner, useJobRunner, type JobRunner } from '#lib/server/jobs/index.ts';
import { messageQueues } from '#lib/server/messages/notices.ts';
import { readConversation, respondToPost } from '#lib/server/messages/service.ts';
import { profilesPersonalData } from '#lib/server/profiles/personal-data.ts';
import { getProfile, updateProfile } from '#lib/server/profiles/service.ts';
import { recordingMailer } from '../helpers/accounts.ts';
import { databases } from '../helpers/databases.ts';
import { jobsDone } from '../helpers/jobs.ts';
import { makePerson } from '../helpers/people.ts';

const ORIGIN = 'http://herstelplein.test';
const FEED = { name: 'Mijn agenda', waitlist: 'wachtlijst' };
const summary = ({ title }: { title: string }) => `Afspraak: ${title}`;

/** Afspraak, gedaan, bedankje: the whole way, the stale and double clicks, the notices, the feed, export and deletion. */
for (const target of databases) {
	describe.skipIf(target.skip)(`afspraken and bedankjes on ${target.name}`, () => {
		let database: Database & { drop(): Promise<void> };
		let runner: JobRunner;
		const mailer = recordingMailer();
		let noor: SignedIn, joost: SignedIn, piet: SignedIn;
		let talk: string, requestTalk: string;
		const tuesday = new Date('2030-12-10T13:00:00Z'); // 14:00 in Amsterdam
		const db = () => database.db;
		const version = async (viewer: SignedIn, id = talk) => (await dealView(db(), viewer, id)).version;
		const mailsTo = (p: SignedIn) => mailer.sent.filter((m) => m.to === p.email);

		beforeAll(async () => {
			database = await target.open();
			const ctx = { db: database.db, mailer, origin: ORIGIN, secret: 'x'.repeat(32) };
			runner = await startJobRunner(database, { ...messageQueues(ctx), ...dealQueues(ctx) }, { pollingIntervalSeconds: 0.5 });
			useJobRunner(runner);
			[noor, joost, piet] = await Promise.all(['Noor', 'Joost', 'Piet'].map((name) => makePerson(database.db, name)));
			const [kroon] = await database.db.insert(initiative).values({ slug: 'de-kroon', name: 'De Kroon', town: 'Zwolle', status: 'published' }).returning();
			await database.db.insert(membership).values([noor, joost, piet].map((p) => ({ initiativeId: kroon.id, userId: p.userId })));
			const base = { body: '', town: 'Zwolle', online: false, audience: 'initiative' as const, endsOn: null, initiativeId: kroon.id };
			const offer = await createPost(database.db, noor, { ...base, kind: 'offer', title: 'Ik help met formulieren', theme: 'formulieren-en-geld' });
			const request = await createPost(database.db, noor, { ...base, kind: 'request', title: 'Wie helpt met mijn fiets?', theme: 'huis-en-klussen' });
			const first = await respondToPost(database.db, joost, offer.id, 'Geheim: het gaat om mijn schulden.');
			const second = await respondToPost(database.db, piet, request.id, 'Ik kan wel naar je fiets kijken.');
			if (!first.ok || !second.ok) throw new Error('no conversation');
			talk = first.conversationId;
			requestTalk = second.conversationId;
		});
		afterAll(async () => {
			useJobRunner(undefined);
			await runner?.stop();
			await database?.drop();
		});

		it('a proposal is shown to both; the other gets a mail that says only that there is one', async () => {
			expect(await proposeDeal(db(), joost, talk, { startsAt: tuesday, place: 'Bibliotheek Zwolle' }, 0)).toEqual({ ok: true });
			expect(await dealView(db(), noor, talk)).toMatchObject({ status: 'proposed', role: 'giver', proposedByMe: false, place: 'Bibliotheek Zwolle', mayAct: true });
			expect(await dealView(db(), joost, talk)).toMatchObject({ status: 'proposed', role: 'receiver', proposedByMe: true });
			await jobsDone(db(), [DEAL_PROPOSAL_QUEUE]);
			const mails = mailsTo(noor).filter((m) => m.subject === 'Er is een voorstel voor een afspraak');
			expect(mails).toHaveLength(1);
			expect(mails[0].text).toContain(`${ORIGIN}/berichten/${talk}`);
			expect(mails[0].text + mails[0].subject).not.toMatch(/Bibliotheek|formulieren|schulden|Joost|2030|14:00/);
			expect(mailsTo(joost).filter((m) => m.subject === 'Er is een voorstel voor een afspraak')).toHaveLength(0);
		});

		it('the same proposal sent twice changes nothing; the proposer cannot say yes to their own proposal', async () => {
			const v = await version(joost);
			expect(await proposeDeal(db(), joost, talk, { startsAt: tuesday, place: 'Bibliotheek Zwolle' }, 0)).toEqual({ ok: true });
			expect(await version(joost)).toBe(v);
			expect(await acceptDeal(db(), joost, talk, v)).toEqual({ ok: false, error: 'stale' });
		});

		it('saying yes to a proposal that was changed meanwhile is refused as stale; yes to the current one agrees it, twice is harmless', async () => {
			const old = await version(noor);
			expect(await proposeDeal(db(), joost, talk, { startsAt: tuesday, place: 'Online' }, old)).toEqual({ ok: true });
			expect(await acceptDeal(db(), noor, talk, old)).toEqual({ ok: false, error: 'stale' });
			const current = await version(noor);
			expect(await acceptDeal(db(), noor, talk, current)).toEqual({ ok: true });
			expect(await acceptDeal(db(), noor, talk, current)).toEqual({ ok: true });
			expect(await dealView(db(), joost, talk)).toMatchObject({ status: 'agreed', place: 'Online' });
		});

		it("the agreed afspraak is in both people's calendar feed, with the post's title and the place, never message text", async () => {
			for (const person of [noor, joost]) {
				const events = await dealEvents(db(), person.userId, personalFeedSince(new Date()), summary);
				const feed = await personalFeed(db(), person.userId, FEED, ORIGIN, new Date(), events);
				expect(feed).toContain('SUMMARY:Afspraak: Ik help met formulieren');
				expect(feed).toContain('LOCATION:Online');
				expect(feed).toContain('DTSTART;TZID=Europe/Amsterdam:20301210T140000');
				expect(feed).toContain(`UID:afspraak-${talk}@herstelplein`);
				expect(feed).not.toMatch(/schulden|Geheim/);
			}
			expect(await dealEvents(db(), piet.userId, new Date(0), summary)).toEqual([]);
		});

		it('cancelling puts the short note in the conversation and takes the afspraak out of the feeds; a new proposal can follow', async () => {
			const v = await version(noor);
			expect(await cancelDeal(db(), noor, talk, v, 'Sorry, ik ben ziek.')).toEqual({ ok: true });
			expect(await cancelDeal(db(), noor, talk, v, 'Sorry, ik ben ziek.')).toEqual({ ok: true });
			const messages = (await readConversation(db(), joost, talk)).messages.filter((m) => m.body === 'Sorry, ik ben ziek.');
			expect(messages).toHaveLength(1);
			expect(await dealEvents(db(), joost.userId, new Date(0), summary)).toEqual([]);
			expect(await cancelDeal(db(), joost, talk, await version(joost), 'x'.repeat(501))).toEqual({ ok: false, error: 'too_long' });
			expect(await proposeDeal(db(), noor, talk, { startsAt: tuesday, place: 'Bibliotheek Zwolle' }, await version(noor))).toEqual({ ok: true });
			expect(await acceptDeal(db(), joost, talk, await version(joost))).toEqual({ ok: true });
		});

		it('"gedaan": one marks it, the other says "nog niet" or confirms; a stale confirm is refused', async () => {
			const v = await version(noor);
			expect(await confirmDone(db(), joost, talk, v, true)).toEqual({ ok: false, error: 'stale' });
			expect(await markDone(db(), noor, talk, v)).toEqual({ ok: true });
			expect(await markDone(db(), noor, talk, v)).toEqual({ ok: true });
			expect(await confirmDone(db(), noor, talk, v, true)).toEqual({ ok: false, error: 'stale' });
			expect(await confirmDone(db(), joost, talk, v, false)).toEqual({ ok: true });
			expect((await dealView(db(), noor, talk)).status).toBe('agreed');
			expect(await markDone(db(), joost, talk, v)).toEqual({ ok: true });
			expect(await confirmDone(db(), noor, talk, v, true)).toEqual({ ok: true });
			expect(await confirmDone(db(), noor, talk, v, true)).toEqual({ ok: true });
			expect((await dealView(db(), joost, talk)).status).toBe('done');
		});

		it('only who received help thanks, once; the giver gets a mail without the words', async () => {
			await expect(thank(db(), noor, talk, 'Dank aan mezelf')).rejects.toThrow(NotFound);
			expect(await thank(db(), joost, talk, '  ')).toEqual({ ok: false, error: 'empty' });
			expect(await thank(db(), joost, talk, 'x'.repeat(THANKS_MAX + 1))).toEqual({ ok: false, error: 'too_long' });
			expect(await thank(db(), joost, talk, 'Dankjewel Noor, zonder jou was het nooit gelukt.')).toEqual({ ok: true });
			expect(await thank(db(), joost, talk, 'Nog een keer')).toEqual({ ok: true });
			expect((await dealView(db(), noor, talk)).thanks).toEqual({ body: 'Dankjewel Noor, zonder jou was het nooit gelukt.', shownOnProfile: false });
			await jobsDone(db(), [DEAL_THANKS_QUEUE]);
			const mail = mailsTo(noor).find((m) => m.subject === 'Je hebt een bedankje gekregen');
			expect(mail?.text).toContain(`${ORIGIN}/berichten/${talk}`);
			expect(mail?.text).not.toMatch(/Dankjewel|gelukt|Joost/);
		});

		it('a bedankje shows on the profile only when the giver chooses, without who wrote it', async () => {
			await updateProfile(db(), noor, { likes: 'Puzzelen', talents: 'Formulieren invullen' });
			expect((await getProfile(db(), joost, noor.userId)).thanks).toEqual([]);
			await showThanks(db(), noor, talk, true);
			const profile = await getProfile(db(), joost, noor.userId);
			expect(profile.thanks.map((t) => t.body)).toEqual(['Dankjewel Noor, zonder jou was het nooit gelukt.']);
			expect(JSON.stringify(profile)).not.toMatch(/Joost|formulieren/);
			await showThanks(db(), noor, talk, false);
			expect((await getProfile(db(), piet, noor.userId)).thanks).toEqual([]);
			await showThanks(db(), noor, talk, true);
		});

		it('"geven en ontvangen" lists done afspraken for each of the two, newest first, in pages; for a request the responder gave', async () => {
			const v = 0;
			expect(await proposeDeal(db(), noor, requestTalk, { startsAt: tuesday, place: 'Bij mij thuis' }, v)).toEqual({ ok: true });
			expect(await acceptDeal(db(), piet, requestTalk, await version(piet, requestTalk))).toEqual({ ok: true });
			expect(await markDone(db(), piet, requestTalk, await version(piet, requestTalk))).toEqual({ ok: true });
			expect(await confirmDone(db(), noor, requestTalk, await version(noor, requestTalk), true)).toEqual({ ok: true });
			const mine = await givenAndReceived(db(), noor);
			expect(mine.items.map((i) => [i.role, i.title, i.with])).toEqual([
				['receiver', 'Wie helpt met mijn fiets?', 'Piet'],
				['giver', 'Ik help met formulieren', 'Joost']
			]);
			const first = await givenAndReceived(db(), noor, undefined, 1);
			expect(first.items).toHaveLength(1);
			const rest = await givenAndReceived(db(), noor, first.next!, 1);
			expect(rest.items.map((i) => i.title)).toEqual(['Ik help met formulieren']);
			expect(rest.next).toBeNull();
			expect((await givenAndReceived(db(), piet)).items.map((i) => i.role)).toEqual(['giver']);
			expect((await givenAndReceived(db(), joost)).items.map((i) => [i.role, i.thanks])).toEqual([['receiver', 'Dankjewel Noor, zonder jou was het nooit gelukt.']]);
		});

		it('the export of each of the two has their afspraken and bedankjes; nobody else has them', async () => {
			const noorExport = (await dealsPersonalData.collect(db(), noor)) as Array<Record<string, unknown>>;
			expect(noorExport.map((a) => [a.about, a.iGave, a.with])).toEqual(expect.arrayContaining([['Ik help met formulieren', true, 'Joost']]));
			expect(JSON.stringify(await dealsPersonalData.collect(db(), joost))).toContain('Dankjewel Noor');
			expect(await profilesPersonalData.collect(db(), noor)).toMatchObject({ likes: 'Puzzelen', talents: 'Formulieren invullen' });
			const outsider = await makePerson(db(), 'Vera');
			expect(await dealsPersonalData.collect(db(), outsider)).toEqual([]);
		});

		it('when the giver deletes their account, the other keeps their history, shown as a deleted account', async () => {
			await db().delete(user).where(eq(user.id, noor.userId));
			const joosts = await givenAndReceived(db(), joost);
			expect(joosts.items.map((i) => [i.title, i.with, i.thanks])).toEqual([['Ik help met formulieren', null, 'Dankjewel Noor, zonder jou was het nooit gelukt.']]);
			expect((await givenAndReceived(db(), piet)).items.map((i) => [i.role, i.with])).toEqual([['giver', null]]);
			expect(JSON.stringify(await dealsPersonalData.collect(db(), joost))).toContain('Ik help met formulieren');
			expect((await dealView(db(), joost, talk)).mayAct).toBe(false);
		});
	});
}
