import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedIn } from '#lib/server/accounts/viewer.ts';
import type { Database } from '#lib/server/db/index.ts';
import { expertisePersonalData } from '#lib/server/expertise/personal-data.ts';
import { answerProposal, expertConfirmsCard, expertMessage, myProposal, myProposals, poolEvents, saveAfter } from '#lib/server/expertise/proposals.ts';
import { deliveredRequestCounts, overviewCsv, requestOverview, shownCount } from '#lib/server/expertise/request-figures.ts';
import { requestForm, type RequestInput } from '#lib/server/expertise/request-forms.ts';
import { poolRequestKind, REQUEST_LIMITS } from '#lib/server/expertise/request-kind.ts';
import { REQUEST_NOTICE_QUEUE, requestQueues } from '#lib/server/expertise/request-notices.ts';
import { coordinatorMessage, moveRequest, proposeExperts, requestDetail, requestQueue, writeCard } from '#lib/server/expertise/request-queue.ts';
import {
	confirmPoolRequest,
	isLateCancel,
	organisationCancels,
	organisationConfirmsCard,
	organisationFeedback,
	organisationMessage,
	renewPoolLinks,
	requestByLink,
	submitPoolRequest
} from '#lib/server/expertise/request-service.ts';
import { expertProfile, poolCoordinator, poolRequest, poolRequestMessage } from '#lib/server/expertise/schema.ts';
import { initiative } from '#lib/server/initiatives/schema.ts';
import { startJobRunner, useJobRunner, type JobRunner } from '#lib/server/jobs/index.ts';
import { outsideRequest } from '#lib/server/outside/schema.ts';
import { cleanupOutsideRequests } from '#lib/server/outside/service.ts';
import { recordingMailer } from '../helpers/accounts.ts';
import { databases } from '../helpers/databases.ts';
import { jobsDone } from '../helpers/jobs.ts';
import { makePerson } from '../helpers/people.ts';

const ORIGIN = 'http://herstelplein.test';
const DAY = 86_400_000;
const CANARY = 'Kanarie-Aanvraag-5521';
const inDays = (n: number) => new Date(Date.now() + n * DAY).toISOString().slice(0, 10);

/** The form as an organisation fills it in. */
function request(overrides: Record<string, string | string[]> = {}): RequestInput {
	const parsed = requestForm().safeParse({
		organisation: 'Hogeschool Windesheim',
		sector: 'onderwijs',
		contactName: 'Marieke de Boer',
		email: 'marieke@hogeschool.test',
		contactPhone: '038 469 9911',
		goal: `Studenten horen hoe herstel gaat. ${CANARY}`,
		audience: 'Tweedejaars verpleegkunde',
		audienceSize: '40',
		form: 'gastles',
		themes: ['herstel', 'stigma'],
		day: inDays(30),
		startTime: '13:30',
		duration: '2 uur',
		online: 'nee',
		place: 'Campus 2, Zwolle',
		accessibility: 'Lift aanwezig, stille ruimte',
		feeKind: 'honorarium',
		feeAmount: '150',
		recording: 'nee',
		storyUse: 'Blijft in de zaal',
		aftercare: 'Nagesprek met de docent',
		experts: '2',
		formulier: randomUUID(),
		...overrides
	});
	if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
	return parsed.data;
}

const linkOf = (text: string) => /\/expertisepool\/aanvraag\/([A-Za-z0-9_-]{43})/.exec(text)![1];

describe('the request form', () => {
	it('asks for the fee, a real amount, and names every field that is wrong', () => {
		const result = requestForm('2030-01-01').safeParse({ feeKind: 'cadeaubon', feeAmount: '0', day: '2020-01-01', online: 'nee', email: 'geen', startTime: '25:00', audienceSize: 'veel' });
		expect(result.success).toBe(false);
		if (result.success) return;
		const errors = Object.fromEntries(result.error.issues.map((i) => [i.path[0], i.message]));
		expect(errors).toMatchObject({
			organisation: 'expertise_error_organisation',
			sector: 'expertise_error_sector',
			contactName: 'expertise_error_contact_name',
			email: 'form_email_invalid',
			goal: 'expertise_error_goal',
			audience: 'expertise_error_audience',
			audienceSize: 'expertise_error_size',
			form: 'expertise_error_form',
			day: 'expertise_error_day_past',
			startTime: 'expertise_error_time',
			duration: 'expertise_error_duration',
			place: 'expertise_error_place',
			accessibility: 'expertise_error_accessibility',
			feeKind: 'expertise_error_fee_kind',
			feeAmount: 'expertise_error_fee_amount',
			recording: 'expertise_error_recording',
			storyUse: 'expertise_error_story_use',
			aftercare: 'expertise_error_aftercare'
		});
	});

	it('reads a volunteer fee with its amount, online without a place, one expert', () => {
		const made = request({ feeKind: 'vrijwilligersvergoeding', feeAmount: '40,00', online: 'ja', place: '', accessibility: '', experts: '1' });
		expect(made).toMatchObject({ feeKind: 'vrijwilligersvergoeding', feeCents: 4000, online: true, place: null, experts: 1 });
	});

	it('knows when a cancellation is late', () => {
		const now = new Date('2027-03-01T10:00:00Z');
		expect(isLateCancel({ status: 'afgesproken', day: '2027-03-05' }, now)).toBe(true);
		expect(isLateCancel({ status: 'afgesproken', day: '2027-03-20' }, now)).toBe(false);
		expect(isLateCancel({ status: 'voorgesteld', day: '2027-03-02' }, now)).toBe(false);
	});
});

for (const target of databases) {
	describe.skipIf(target.skip)(`requests to the expertise pool on ${target.name}`, () => {
		let database: Database & { drop(): Promise<void> };
		let runner: JobRunner;
		const mailer = recordingMailer();
		let pool: SignedIn, anna: SignedIn, bram: SignedIn, cor: SignedIn, admin: SignedIn;
		const profiles = {} as Record<'anna' | 'bram' | 'cor', string>;
		let ip = 0;
		const db = () => database.db;
		const context = () => ({ ip: `10.1.0.${++ip}`, origin: ORIGIN, locale: 'nl' as const });
		const lastMailTo = (to: string) => mailer.sent.filter((m) => m.to === to).at(-1)!;

		async function confirmed(input: RequestInput = request(), at = context()) {
			const result = await submitPoolRequest(db(), mailer, at, input);
			if (!result.ok || !result.requestId) throw new Error('not stored');
			const token = linkOf(lastMailTo(input.email).text);
			expect(await confirmPoolRequest(db(), token)).toBe(true);
			return { id: result.requestId, token };
		}
		const version = async (id: string) => (await db().select({ v: poolRequest.version }).from(poolRequest).where(eq(poolRequest.id, id)))[0].v;

		beforeAll(async () => {
			database = await target.open();
			const ctx = { db: database.db, mailer, origin: ORIGIN, secret: 'x'.repeat(32) };
			runner = await startJobRunner(database, requestQueues(ctx), { pollingIntervalSeconds: 0.5 });
			useJobRunner(runner);
			[pool, anna, bram, cor, admin] = await Promise.all(['Pool', 'Anna', 'Bram', 'Cor', 'Admin'].map((n) => makePerson(db(), n, { isAdmin: n === 'Admin' })));
			await db().insert(poolCoordinator).values({ userId: pool.userId });
			for (const [key, person, pseudonym] of [['anna', anna, 'Anna B.'], ['bram', bram, ''], ['cor', cor, 'Cor']] as const) {
				const [row] = await db()
					.insert(expertProfile)
					.values({ userId: person.userId, pseudonym, introduction: 'Ik vertel.', notAbout: `Niet over ${key}`, forms: ['gastles'], themes: ['herstel'], online: true, publishedAt: new Date() })
					.returning({ id: expertProfile.id });
				profiles[key] = row.id;
			}
			await db().insert(initiative).values({ slug: 'de-kroon', name: 'De Kroon', town: 'Zwolle', status: 'published' });
		});

		afterAll(async () => {
			useJobRunner(undefined);
			await runner?.stop();
			await database?.drop();
		});

		it('an unconfirmed request is not in the queue; the mail holds only the link; the link shows it unconfirmed', async () => {
			const input = request();
			const result = await submitPoolRequest(db(), mailer, context(), input);
			expect(result).toMatchObject({ ok: true });
			const mail = lastMailTo('marieke@hogeschool.test');
			expect(mail.text).not.toContain(CANARY);
			expect(mail.text).not.toContain('Windesheim');
			const view = await requestByLink(db(), linkOf(mail.text));
			expect(view).toMatchObject({ confirmed: false, thread: [], experts: [] });
			expect((await requestQueue(db(), pool)).items.map((i) => i.id)).not.toContain(result.ok && result.requestId);
			// the same form again adds nothing
			expect(await submitPoolRequest(db(), mailer, context(), input)).toEqual({ ok: true, requestId: null });
			// a filled honeypot stores nothing
			expect(await submitPoolRequest(db(), mailer, context(), { ...request(), homepage: 'http://spam.test' })).toEqual({ ok: true, requestId: null });
		});

		it('the queue shows new requests first, then by day; closed ones in their own tab, the latest day first', async () => {
			const make = (n: number, day: number) => confirmed(request({ email: `wachtrij${n}@org.test`, day: inDays(day) }), { ...context(), ip: `10.7.0.${n}` });
			const [later, sooner, inHand, cancelled] = [await make(1, 60), await make(2, 50), await make(3, 45), await make(4, 55)];
			expect(await coordinatorMessage(db(), pool, inHand.id, 'Wie mag er komen?')).toEqual({ ok: true });
			expect(await organisationCancels(db(), cancelled.token, await version(cancelled.id))).toEqual({ ok: true });
			const mine = new Set([later.id, sooner.id, inHand.id, cancelled.id]);
			const order = async (closed: boolean) => (await requestQueue(db(), pool, { closed })).items.filter((i) => mine.has(i.id)).map((i) => i.id);
			expect(await order(false)).toEqual([sooner.id, later.id, inHand.id]);
			expect(await order(true)).toEqual([cancelled.id]);
			// Their notices go out now, not in a later test's count.
			await jobsDone(db(), [REQUEST_NOTICE_QUEUE]);
		});

		it('limits requests per address', async () => {
			const at = { ...context(), ip: '10.9.9.9' };
			for (let i = 0; i < REQUEST_LIMITS.perIp.max; i++) expect((await submitPoolRequest(db(), mailer, at, request({ email: `a${i}@org.test` }))).ok).toBe(true);
			expect(await submitPoolRequest(db(), mailer, at, request({ email: 'nog@org.test' }))).toEqual({ ok: false, error: 'rate_limited' });
		});

		it('goes the whole way: question, duo, answers, card, agreed, delivered, feedback, finished', async () => {
			const before = mailer.sent.length;
			const { id, token } = await confirmed();
			await jobsDone(db(), [REQUEST_NOTICE_QUEUE]);
			const toPool = mailer.sent.slice(before).filter((m) => m.to === pool.email);
			expect(toPool).toHaveLength(1);
			expect(toPool[0].text).toContain(`/expertisepool/coordinatie/aanvragen/${id}`);
			expect(toPool[0].text).not.toContain(CANARY);
			expect((await requestQueue(db(), pool)).items.find((i) => i.id === id)).toMatchObject({ status: 'nieuw', organisation: 'Hogeschool Windesheim' });

			// a question back and forth
			expect(await coordinatorMessage(db(), pool, id, 'Mag het ook om 14:00?')).toEqual({ ok: true });
			expect(await coordinatorMessage(db(), pool, id, 'Mag het ook om 14:00?')).toEqual({ ok: true });
			expect(await organisationMessage(db(), token, 'Ja, dat kan.')).toEqual({ ok: true });
			let view = (await requestByLink(db(), token))!;
			expect(view.request.status).toBe('in_behandeling');
			expect(view.thread.map((t) => [t.author, t.body])).toEqual([
				['coordinator', 'Mag het ook om 14:00?'],
				['organisation', 'Ja, dat kan.']
			]);

			// a duo: Anna and Bram; three is too many, a stale page is refused
			let v = await version(id);
			expect(await proposeExperts(db(), pool, id, [profiles.anna, profiles.bram, profiles.cor], v)).toEqual({ ok: false, error: 'count' });
			expect(await proposeExperts(db(), pool, id, [profiles.anna, profiles.bram], v)).toEqual({ ok: true });
			expect(await proposeExperts(db(), pool, id, [profiles.cor], v)).toEqual({ ok: false, error: 'stale' });
			// Bram declines privately, Cor is asked instead and accepts, Anna accepts
			expect(await answerProposal(db(), bram, id, 'declined')).toEqual({ ok: true });
			expect(await answerProposal(db(), anna, id, 'accepted')).toEqual({ ok: true });
			expect(await proposeExperts(db(), pool, id, [profiles.cor], await version(id))).toEqual({ ok: true });
			expect(await answerProposal(db(), cor, id, 'accepted')).toEqual({ ok: true });
			view = (await requestByLink(db(), token))!;
			expect(view.experts.map((e) => e.name).sort()).toEqual(['Anna B.', 'Cor']);
			expect(JSON.stringify(view)).not.toContain('Bram');
			expect(JSON.stringify(view)).not.toContain('Niet over');
			expect(JSON.stringify(view)).not.toContain(anna.email);
			expect(view.cardReady).toBe(false);

			// the experts who said yes talk with the organisation in the thread, by their shown name; Bram, who said no, does not
			expect((await myProposal(db(), bram, id)).thread).toBeNull();
			expect(await expertMessage(db(), bram, id, 'Toch wel?')).toEqual({ ok: false, error: 'state' });
			expect((await myProposal(db(), anna, id)).thread!.map((t) => t.body)).toEqual(['Mag het ook om 14:00?', 'Ja, dat kan.']);
			await jobsDone(db(), [REQUEST_NOTICE_QUEUE]);
			const beforeThread = mailer.sent.length;
			expect(await expertMessage(db(), anna, id, 'Is er een beamer in de zaal?')).toEqual({ ok: true });
			expect(await expertMessage(db(), anna, id, 'Is er een beamer in de zaal?')).toEqual({ ok: true });
			expect((await requestByLink(db(), token))!.thread.filter((t) => t.author === 'expert').map((t) => [t.name, t.body])).toEqual([['Anna B.', 'Is er een beamer in de zaal?']]);
			await jobsDone(db(), [REQUEST_NOTICE_QUEUE]);
			const threadMails = mailer.sent.slice(beforeThread);
			expect(threadMails.map((m) => m.to).sort()).toEqual([cor.email, 'marieke@hogeschool.test', pool.email].sort());
			for (const m of threadMails) expect(m.text).not.toContain('beamer');
			expect(await organisationMessage(db(), token, 'Ja, en een flip-over.')).toEqual({ ok: true });
			expect((await myProposal(db(), cor, id)).thread!.at(-1)).toMatchObject({ author: 'organisation', name: null, body: 'Ja, en een flip-over.' });

			// the card, confirmed by all
			v = await version(id);
			expect(await writeCard(db(), pool, id, { cardRoles: 'Anna vertelt, Cor vraagt', cardAsk: 'Hoe herstel ging', cardNotAsk: 'Diagnoses' }, v)).toEqual({ ok: true });
			expect(await writeCard(db(), pool, id, { cardRoles: 'x', cardAsk: 'y', cardNotAsk: '' }, v)).toEqual({ ok: false, error: 'stale' });
			view = (await requestByLink(db(), token))!;
			expect(view.cardReady).toBe(true);
			expect(await organisationConfirmsCard(db(), token, view.request.version)).toEqual({ ok: true });
			expect(await organisationConfirmsCard(db(), token, view.request.version)).toEqual({ ok: false, error: 'stale' });
			expect(await expertConfirmsCard(db(), anna, id)).toEqual({ ok: true });
			expect((await requestByLink(db(), token))!.request.status).toBe('voorgesteld');
			expect(await expertConfirmsCard(db(), cor, id)).toEqual({ ok: true });
			expect(await expertConfirmsCard(db(), cor, id)).toEqual({ ok: false, error: 'stale' });
			expect((await requestByLink(db(), token))!.request.status).toBe('afgesproken');
			// in Anna's calendar feed, without the organisation
			const events = await poolEvents(db(), anna.userId, new Date(), ({ form }) => `Expertisepool: ${form}`);
			expect(events).toEqual([expect.objectContaining({ summary: 'Expertisepool: gastles', path: `/account/expertise/aanvragen/${id}` })]);
			expect(JSON.stringify(events)).not.toContain('Windesheim');
			// the expert never sees the contact details
			const forAnna = await myProposal(db(), anna, id);
			expect(JSON.stringify(forAnna)).not.toContain('Marieke');
			expect(JSON.stringify(forAnna)).not.toContain('469 9911');
			expect(forAnna.partners).toEqual(['Cor']);

			// delivered; feedback; the expert reads it, the coordinator only once shared
			expect(await moveRequest(db(), pool, id, 'delivered', await version(id))).toEqual({ ok: true });
			expect(await organisationFeedback(db(), token, 'Heel waardevol voor de studenten.')).toEqual({ ok: true });
			expect((await myProposal(db(), anna, id)).feedback).toBe('Heel waardevol voor de studenten.');
			expect((await myProposal(db(), bram, id).catch(() => null))?.feedback ?? null).toBeNull();
			expect((await requestDetail(db(), pool, id)).feedback).toBeNull();
			expect(await saveAfter(db(), anna, id, { checkIn: 'Spannend maar goed', reflection: 'Ik leerde veel', reflectionShared: true, feedbackShared: true })).toEqual({ ok: true });
			const detail = await requestDetail(db(), pool, id);
			expect(detail.feedback).toBe('Heel waardevol voor de studenten.');
			expect(detail.proposals.find((p) => p.name === 'Anna B.')).toMatchObject({ reflection: 'Ik leerde veel' });
			expect(JSON.stringify(detail)).not.toContain('Spannend maar goed');
			expect(await moveRequest(db(), pool, id, 'finished', await version(id))).toEqual({ ok: true });
			expect((await requestByLink(db(), token))!).toMatchObject({ closed: true, request: { status: 'afgerond' } });
			expect(await expertMessage(db(), anna, id, 'Nog één ding')).toEqual({ ok: false, error: 'state' });

			// the figures count it
			const counts = await deliveredRequestCounts(db(), { from: new Date(Date.now() - DAY), to: new Date(Date.now() + 60 * DAY) });
			expect(counts.total).toBe(1);
			// the work's day is a month ahead in this test: look from then
			const overview = await requestOverview(db(), admin, new Date(Date.now() + 31 * DAY));
			expect(overview.months.reduce((s, m) => s + m.delivered, 0)).toBe(1);
			expect(overviewCsv(overview, { month: 'Maand', received: 'Aanvragen', delivered: 'Uitgevoerd', daysToAnswer: 'Dagen' })).toContain('< 10');
			expect(shownCount(0)).toBe('0');
			expect(shownCount(12)).toBe('12');

			// the expert's export holds their own words, not the organisation's contact
			const exported = JSON.stringify(await expertisePersonalData.collect(db(), anna));
			expect(exported).toContain('Spannend maar goed');
			expect(exported).not.toContain('Marieke');

			// notices never carry the request's words
			await jobsDone(db(), [REQUEST_NOTICE_QUEUE]);
			for (const m of mailer.sent.slice(before)) {
				expect(m.text).not.toContain(CANARY);
				expect(m.text).not.toContain('Heel waardevol');
				expect(m.text).not.toContain('Mag het ook');
			}
			expect(mailer.sent.slice(before).some((m) => m.to === bram.email && m.text.includes('stelt jou voor'))).toBe(true);
		});

		it('a late cancellation keeps the fee; the details are forgotten at closed + retention', async () => {
			const { id, token } = await confirmed(request({ day: inDays(3), experts: '1' }));
			await proposeExperts(db(), pool, id, [profiles.anna], await version(id));
			await answerProposal(db(), anna, id, 'accepted');
			await writeCard(db(), pool, id, { cardRoles: 'Anna vertelt', cardAsk: 'Herstel', cardNotAsk: '' }, await version(id));
			await organisationConfirmsCard(db(), token, await version(id));
			await expertConfirmsCard(db(), anna, id);
			const view = (await requestByLink(db(), token))!;
			expect(view).toMatchObject({ request: { status: 'afgesproken' }, cancelIsLate: true });
			expect(await organisationCancels(db(), token, view.request.version)).toEqual({ ok: true });
			expect(await organisationCancels(db(), token, view.request.version)).toEqual({ ok: false, error: 'stale' });
			expect((await requestByLink(db(), token))!.request).toMatchObject({ status: 'geannuleerd', lateCancel: true });
			// after the retention the link opens nothing and the words are gone
			await cleanupOutsideRequests(db(), [poolRequestKind], new Date(Date.now() + 91 * DAY));
			expect(await requestByLink(db(), token, new Date(Date.now() + 91 * DAY))).toBeNull();
			const [row] = await db().select().from(poolRequest).where(eq(poolRequest.id, id));
			expect(row).toMatchObject({ organisation: null, contactName: null, contactPhone: null, goal: null, form: 'gastles', status: 'geannuleerd' });
			expect(await db().select().from(poolRequestMessage).where(eq(poolRequestMessage.requestId, id))).toEqual([]);
			const [outside] = await db().select().from(outsideRequest).where(eq(outsideRequest.id, id));
			expect(outside.email).toBeNull();
		});

		it('unconfirmed requests go after 7 days', async () => {
			const result = await submitPoolRequest(db(), mailer, context(), request({ email: 'laat@org.test' }));
			await cleanupOutsideRequests(db(), [poolRequestKind], new Date(Date.now() + 8 * DAY));
			const rows = await db().select().from(poolRequest).where(eq(poolRequest.id, (result as { requestId: string }).requestId));
			expect(rows).toEqual([]);
		});

		it('a lost link: a new one by mail to the same address, the old one stops working; an unknown address gets the same answer and no mail', async () => {
			const { id, token } = await confirmed(request({ email: 'Kwijt@Org.test' }));
			await coordinatorMessage(db(), pool, id, 'Hebt u nog vragen?');
			await jobsDone(db(), [REQUEST_NOTICE_QUEUE]);
			const news = lastMailTo('kwijt@org.test'); // the form keeps addresses in lower case
			expect(news.text).toContain(`${ORIGIN}/expertisepool/aanvraag/kwijt`);
			expect(news.text).not.toContain(token);

			const before = mailer.sent.length;
			expect(await renewPoolLinks(db(), mailer, context(), ' kwijt@org.TEST ')).toEqual({ ok: true });
			const renewed = mailer.sent.slice(before);
			expect(renewed.map((m) => m.subject)).toEqual(['Uw nieuwe link naar uw aanvraag bij de Expertisepool']);
			expect(renewed[0].text).not.toContain('Hebt u nog vragen');
			const fresh = linkOf(renewed[0].text);
			expect(fresh).not.toBe(token);
			expect(await requestByLink(db(), token)).toBeNull();
			expect((await requestByLink(db(), fresh))!.thread.map((t) => t.body)).toEqual(['Hebt u nog vragen?']);

			const later = mailer.sent.length;
			expect(await renewPoolLinks(db(), mailer, context(), 'niemand@org.test')).toEqual({ ok: true });
			expect(mailer.sent.length).toBe(later);
			const at = { ...context(), ip: '10.8.8.8' };
			for (let i = 0; i < REQUEST_LIMITS.perEmail.max - 1; i++) await renewPoolLinks(db(), mailer, at, 'kwijt@org.test');
			expect(await renewPoolLinks(db(), mailer, at, 'kwijt@org.test')).toEqual({ ok: false, error: 'rate_limited' });
		});

		it('the expert lists their own proposals only', async () => {
			const mine = await myProposals(db(), bram);
			expect(mine.items.every((i) => i.answer !== 'withdrawn')).toBe(true);
			expect((await myProposals(db(), admin)).items).toEqual([]);
		});
	});
}
