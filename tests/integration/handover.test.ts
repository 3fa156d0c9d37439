import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFound } from '#lib/server/access/core.ts';
import type { SignedIn } from '#lib/server/accounts/viewer.ts';
import type { Database } from '#lib/server/db/index.ts';
import { referralForm, selfForm, type ReferralInput, type SelfInput } from '#lib/server/handover/forms.ts';
import { HANDOVER_LIMITS, HANDOVER_NOTICE_QUEUE, handoverKind } from '#lib/server/handover/kind.ts';
import { handoverQueues } from '#lib/server/handover/notices.ts';
import { handoverPersonalData } from '#lib/server/handover/personal-data.ts';
import { closeHandover, handoverDetail, handoverQueue, recordStep } from '#lib/server/handover/queue.ts';
import { handover, handoverStep } from '#lib/server/handover/schema.ts';
import { confirmHandover, handoverByLink, renewHandoverLinks, submitHandover, type HandoverSubmission } from '#lib/server/handover/service.ts';
import { handoverTodos } from '#lib/server/handover/todo.ts';
import { initiative, membership } from '#lib/server/initiatives/schema.ts';
import { startJobRunner, useJobRunner, type JobRunner } from '#lib/server/jobs/index.ts';
import { setNoticeMode } from '#lib/server/notify/preferences.ts';
import { outsideRequest } from '#lib/server/outside/schema.ts';
import { cleanupOutsideRequests } from '#lib/server/outside/service.ts';
import { outsideRateLimited } from '#lib/server/outside/forms.ts';
import { recordingMailer } from '../helpers/accounts.ts';
import { databases } from '../helpers/databases.ts';
import { jobsDone } from '../helpers/jobs.ts';
import { makePerson } from '../helpers/people.ts';

const ORIGIN = 'http://herstelplein.test';
const DAY = 24 * 3_600_000;
const CANARY = 'Kanarie-Persoon-7731';

/** The form as a professional fills it in, with a fresh form key. */
function referral(overrides: Record<string, string> = {}): ReferralInput {
	const parsed = referralForm.safeParse({
		referrerName: 'Dokter Vos',
		organisation: 'Huisartsenpraktijk De Linde',
		sector: 'huisarts',
		email: 'vos@praktijk.test',
		personName: CANARY,
		reach: 'phone',
		phone: '06 12345678',
		message: 'Zoekt mensen om mee te wandelen.',
		consent: 'ja',
		shareStep: 'ja',
		formulier: randomUUID(),
		...overrides
	});
	if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
	return parsed.data;
}

function self(overrides: Record<string, string> = {}): SelfInput {
	const parsed = selfForm.safeParse({ personName: 'Mirjam', email: 'mirjam@thuis.test', reach: 'email', message: '', formulier: randomUUID(), ...overrides });
	if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
	return parsed.data;
}

const linkOf = (text: string) => /\/doorverwijzing\/([A-Za-z0-9_-]{43})/.exec(text)![1];

for (const target of databases) {
	describe.skipIf(target.skip)(`handover (warme overdracht) on ${target.name}`, () => {
		let database: Database & { drop(): Promise<void> };
		let runner: JobRunner;
		const mailer = recordingMailer();
		let cas: SignedIn, jet: SignedIn;
		let ip = 0;
		const db = () => database.db;
		// Every submit from its own address, unless a test is about the address.
		const context = (overrides: Partial<{ ip: string; now: Date; slug: string }> = {}) => ({ slug: 'de-kroon', ip: `10.0.0.${++ip}`, origin: ORIGIN, locale: 'nl' as const, ...overrides });
		const submit = (input: HandoverSubmission, overrides: Partial<{ ip: string; now: Date; slug: string }> = {}) => submitHandover(db(), mailer, context(overrides), input);
		const lastMailTo = (to: string) => mailer.sent.filter((m) => m.to === to).at(-1)!;
		const openIds = async () => (await handoverQueue(db(), cas, 'de-kroon')).items.map((i) => i.id);

		/** Submit and confirm; returns the id and the token. */
		async function confirmed(input: HandoverSubmission = { source: 'professional', data: referral() }) {
			const result = await submit(input);
			if (!result.ok || !result.requestId) throw new Error('not stored');
			const token = linkOf(lastMailTo(input.data.email).text);
			expect(await confirmHandover(db(), token)).toBe(true);
			return { id: result.requestId, token };
		}

		beforeAll(async () => {
			database = await target.open();
			const ctx = { db: database.db, mailer, origin: ORIGIN, secret: 'x'.repeat(32) };
			runner = await startJobRunner(database, handoverQueues(ctx), { pollingIntervalSeconds: 0.5 });
			useJobRunner(runner);
			[cas, jet] = await Promise.all(['Cas', 'Jet'].map((name) => makePerson(db(), name)));
			const [kroon] = await db()
				.insert(initiative)
				.values([
					{ slug: 'de-kroon', name: 'De Kroon', town: 'Zwolle', status: 'published' },
					{ slug: 'nog-niet', name: 'Nog Niet', town: 'Kampen', status: 'pending' }
				])
				.returning();
			await db()
				.insert(membership)
				.values([cas, jet].map((p) => ({ initiativeId: kroon.id, userId: p.userId, role: 'coordinator' as const })));
		});

		afterAll(async () => {
			useJobRunner(undefined);
			await runner?.stop();
			await database?.drop();
		});

		it('an unconfirmed handover never reaches the queue; the mail to the professional holds only the link, not the person', async () => {
			const result = await submit({ source: 'professional', data: referral() });
			expect(result).toMatchObject({ ok: true });
			const mail = lastMailTo('vos@praktijk.test');
			expect(mail.subject).toContain('De Kroon');
			expect(mail.text).not.toContain(CANARY);
			expect(mail.text).not.toContain('wandelen');
			const token = linkOf(mail.text);
			expect(await openIds()).not.toContain(result.ok && result.requestId);
			expect(await handoverByLink(db(), token)).toMatchObject({ confirmed: false, step: null, initiative: { name: 'De Kroon' } });
			expect(await handoverTodos(db(), cas)).toEqual([]);
			// Only a hash of the token is stored.
			const rows = await db().select({ hash: outsideRequest.tokenHash }).from(outsideRequest);
			expect(rows.some((r) => r.hash === token)).toBe(false);
		});

		it('confirming puts it in the queue once, tells each coordinator without the person, and a second confirm changes nothing', async () => {
			const before = mailer.sent.length;
			const { id, token } = await confirmed();
			expect(await confirmHandover(db(), token)).toBe(true);
			await jobsDone(db(), [HANDOVER_NOTICE_QUEUE]);
			expect(await openIds()).toContain(id);
			const notices = mailer.sent.slice(before).filter((m) => m.to === cas.email || m.to === jet.email);
			expect(notices.filter((m) => m.to === cas.email)).toHaveLength(1);
			expect(notices.filter((m) => m.to === jet.email)).toHaveLength(1);
			for (const m of notices) {
				expect(m.text).not.toContain(CANARY);
				expect(m.text).not.toContain('Vos');
				expect(m.text).toContain('/initiatieven/de-kroon/doorverwijzingen');
				expect(m.text).toContain('/e-mail-instellen');
			}
			const steps = await db().select().from(handoverStep).where(eq(handoverStep.handoverId, id));
			expect(steps.map((s) => s.step)).toEqual(['new']);
			expect((await handoverTodos(db(), cas)).map((t) => t.text)).toEqual([expect.stringMatching(/nieuwe doorverwijzing(en)? bij De Kroon/)]);
		});

		it('a lost link: a new one by mail, the old one stops working; an unknown address gets the same answer and no mail', async () => {
			const { token } = await confirmed({ source: 'professional', data: referral({ email: 'kwijt@praktijk.test' }) });
			const before = mailer.sent.length;
			expect(await renewHandoverLinks(db(), mailer, context(), 'Kwijt@Praktijk.test')).toEqual({ ok: true });
			const [mail] = mailer.sent.slice(before);
			expect(mail).toMatchObject({ to: 'kwijt@praktijk.test', subject: 'Je nieuwe link naar je doorverwijzing of aanvraag' });
			expect(mail.text).not.toContain(CANARY);
			const fresh = linkOf(mail.text);
			expect(await handoverByLink(db(), token)).toBeNull();
			expect(await handoverByLink(db(), fresh)).toMatchObject({ confirmed: true, initiative: { name: 'De Kroon' } });
			const later = mailer.sent.length;
			expect(await renewHandoverLinks(db(), mailer, context(), 'niemand@praktijk.test')).toEqual({ ok: true });
			expect(mailer.sent.length).toBe(later);
			await jobsDone(db(), [HANDOVER_NOTICE_QUEUE]); // the coordinators' notices of this one, before the next test counts mails
		});

		it('a coordinator who turned these mails off gets none', async () => {
			await setNoticeMode(db(), jet.userId, 'handover-new', 'off');
			const before = mailer.sent.length;
			await confirmed();
			await jobsDone(db(), [HANDOVER_NOTICE_QUEUE]);
			expect(mailer.sent.slice(before).filter((m) => m.to === jet.email)).toHaveLength(0);
			expect(mailer.sent.slice(before).filter((m) => m.to === cas.email)).toHaveLength(1);
			await setNoticeMode(db(), jet.userId, 'handover-new', 'now');
		});

		it('the same form sent twice (a double click, a reload) is one request and one mail', async () => {
			const data = referral({ email: 'dubbel@praktijk.test' });
			const first = await submit({ source: 'professional', data });
			const second = await submit({ source: 'professional', data });
			expect(first).toMatchObject({ ok: true, requestId: expect.any(String) });
			expect(second).toEqual({ ok: true, requestId: null });
			expect(mailer.sent.filter((m) => m.to === 'dubbel@praktijk.test')).toHaveLength(1);
		});

		it('a filled-in honeypot stores and mails nothing, and looks like success', async () => {
			const count = (await db().select().from(outsideRequest)).length;
			expect(await submit({ source: 'professional', data: referral({ email: 'bot@spam.test', homepage: 'http://spam.test' }) })).toEqual({ ok: true, requestId: null });
			expect((await db().select().from(outsideRequest)).length).toBe(count);
			expect(mailer.sent.filter((m) => m.to === 'bot@spam.test')).toHaveLength(0);
		});

		it('too many from one address are refused (rate_limited), and nothing is stored for them', async () => {
			const address = '192.0.2.50';
			for (let n = 0; n < HANDOVER_LIMITS.perIp.max; n++) {
				expect(await submit({ source: 'self', data: self({ email: `iemand${n}@thuis.test` }) }, { ip: address })).toMatchObject({ ok: true });
			}
			expect(await submit({ source: 'self', data: self({ email: 'teveel@thuis.test' }) }, { ip: address })).toEqual({ ok: false, error: 'rate_limited' });
			expect(mailer.sent.filter((m) => m.to === 'teveel@thuis.test')).toHaveLength(0);
		});

		it('the route answers too many with a 429, a Dutch message and everything typed', () => {
			const form = new FormData();
			form.set('personName', 'Sanne');
			form.set('message', 'Mijn eigen woorden');
			const failure = outsideRateLimited(form);
			expect(failure.status).toBe(429);
			expect(failure.data.errors.form).toMatch(/Probeer het over een uur opnieuw/);
			expect(failure.data.values).toMatchObject({ personName: 'Sanne', message: 'Mijn eigen woorden' });
		});

		it('a handover goes only to a published initiative', async () => {
			await expect(submit({ source: 'professional', data: referral() }, { slug: 'nog-niet' })).rejects.toBeInstanceOf(NotFound);
			await expect(submit({ source: 'professional', data: referral() }, { slug: 'bestaat-niet' })).rejects.toBeInstanceOf(NotFound);
		});

		it('wrong and expired links open nothing; an unconfirmed link stops after 7 days', async () => {
			expect(await handoverByLink(db(), 'x'.repeat(43))).toBeNull();
			expect(await handoverByLink(db(), '../../etc')).toBeNull();
			expect(await confirmHandover(db(), 'x'.repeat(43))).toBe(false);
			await submit({ source: 'professional', data: referral({ email: 'laat@praktijk.test' }) });
			const token = linkOf(lastMailTo('laat@praktijk.test').text);
			const later = new Date(Date.now() + 8 * DAY);
			expect(await handoverByLink(db(), token, later)).toBeNull();
			expect(await confirmHandover(db(), token, later)).toBe(false);
		});

		it('the coordinator takes it and records the steps; the professional sees only the step, and only with consent', async () => {
			const shared = await confirmed();
			const notShared = await confirmed({ source: 'professional', data: referral({ shareStep: '' }) });
			expect(await recordStep(db(), cas, 'de-kroon', shared.id, 'taken')).toEqual({ ok: true });
			// Jet taking it too changes nothing: Cas has it.
			expect(await recordStep(db(), jet, 'de-kroon', shared.id, 'taken')).toEqual({ ok: true });
			expect((await handoverDetail(db(), jet, 'de-kroon', shared.id)).handover).toMatchObject({ step: 'taken', takenBy: 'Cas', mine: false });
			expect(await recordStep(db(), cas, 'de-kroon', shared.id, 'contact')).toEqual({ ok: true });
			expect(await recordStep(db(), cas, 'de-kroon', shared.id, 'joined')).toEqual({ ok: true });
			expect(await recordStep(db(), cas, 'de-kroon', shared.id, 'joined')).toEqual({ ok: true });
			expect(await recordStep(db(), cas, 'de-kroon', shared.id, 'geheim')).toEqual({ ok: false, error: 'step' });
			const detail = (await handoverDetail(db(), cas, 'de-kroon', shared.id)).handover;
			expect(detail.steps.map((s) => s.step)).toEqual(['new', 'taken', 'contact', 'joined']);
			expect(detail).toMatchObject({ personName: CANARY, phone: '06 12345678', mine: true });

			const view = await handoverByLink(db(), shared.token);
			expect(view).toEqual({ initiative: { name: 'De Kroon', slug: 'de-kroon' }, source: 'professional', confirmed: true, closed: false, step: 'joined' });
			expect(JSON.stringify(view)).not.toContain(CANARY);
			await recordStep(db(), cas, 'de-kroon', notShared.id, 'contact');
			expect(await handoverByLink(db(), notShared.token)).toMatchObject({ confirmed: true, step: null });
		});

		it('a person asking directly lands in the same queue and sees their own step', async () => {
			const { id, token } = await confirmed({ source: 'self', data: self({ email: 'zelf@thuis.test', reach: 'phone', phone: '+31 6 1111 2222' }) });
			expect(await openIds()).toContain(id);
			const detail = (await handoverDetail(db(), cas, 'de-kroon', id)).handover;
			expect(detail).toMatchObject({ source: 'self', sector: null, phone: '+31 6 1111 2222', personEmail: null });
			expect(await handoverByLink(db(), token)).toMatchObject({ source: 'self', step: 'new' });
		});

		it('closing keeps the link for 90 days; then the job forgets the details and keeps only step, sector and dates', async () => {
			const { id, token } = await confirmed();
			await recordStep(db(), cas, 'de-kroon', id, 'joined');
			const closedAt = new Date();
			expect(await closeHandover(db(), cas, 'de-kroon', id, closedAt)).toEqual({ ok: true });
			expect(await closeHandover(db(), cas, 'de-kroon', id)).toEqual({ ok: true });
			expect(await recordStep(db(), cas, 'de-kroon', id, 'contact')).toEqual({ ok: false, error: 'closed' });
			expect(await openIds()).not.toContain(id);
			expect((await handoverQueue(db(), cas, 'de-kroon', { closed: true })).items.map((i) => i.id)).toContain(id);
			expect(await handoverByLink(db(), token)).toMatchObject({ closed: true, step: 'joined' });

			expect(await cleanupOutsideRequests(db(), [handoverKind], new Date(closedAt.getTime() + 89 * DAY))).toMatchObject({ forgotten: 0 });
			expect(await handoverByLink(db(), token, new Date(closedAt.getTime() + 89 * DAY))).not.toBeNull();

			const after = new Date(closedAt.getTime() + 91 * DAY);
			const { forgotten } = await cleanupOutsideRequests(db(), [handoverKind], after);
			expect(forgotten).toBeGreaterThanOrEqual(1);
			const [row] = await db().select().from(handover).where(eq(handover.id, id));
			expect(row).toMatchObject({ personName: null, phone: null, personEmail: null, lookingFor: null, referrerName: null, organisation: null, step: 'joined', sector: 'huisarts' });
			const [request] = await db().select().from(outsideRequest).where(eq(outsideRequest.id, id));
			expect(request).toMatchObject({ email: null, tokenHash: null });
			expect(request.confirmedAt).not.toBeNull();
			expect(await handoverByLink(db(), token)).toBeNull();
			// Forgotten ones leave the coordinators' lists as well.
			expect((await handoverQueue(db(), cas, 'de-kroon', { closed: true })).items.map((i) => i.id)).not.toContain(id);
			await expect(handoverDetail(db(), cas, 'de-kroon', id)).rejects.toBeInstanceOf(NotFound);
		});

		it('the job deletes requests never confirmed within 7 days, with their details', async () => {
			const result = await submit({ source: 'professional', data: referral({ email: 'nooit@praktijk.test' }) });
			const id = result.ok ? result.requestId! : '';
			await cleanupOutsideRequests(db(), [handoverKind], new Date(Date.now() + 6 * DAY));
			expect(await db().select().from(handover).where(eq(handover.id, id))).toHaveLength(1);
			await cleanupOutsideRequests(db(), [handoverKind], new Date(Date.now() + 8 * DAY));
			expect(await db().select().from(handover).where(eq(handover.id, id))).toHaveLength(0);
			expect(await db().select().from(outsideRequest).where(eq(outsideRequest.id, id))).toHaveLength(0);
		});

		it('the coordinator\'s export lists what they took, never the person', async () => {
			const exported = JSON.stringify(await handoverPersonalData.collect(db(), cas));
			expect(exported).toContain('De Kroon');
			expect(exported).not.toContain(CANARY);
		});

		it('the forms say what is missing, per field', () => {
			const issues = (input: object) => {
				const r = referralForm.safeParse(input);
				return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [String(i.path[0]), i.message]));
			};
			expect(issues({})).toMatchObject({ referrerName: 'handover_error_referrer_name', sector: 'handover_error_sector', personName: 'handover_error_person_name', consent: 'handover_error_consent' });
			expect(issues({ ...referral(), shareStep: undefined, consent: undefined })).toEqual({ consent: 'handover_error_consent' });
			expect(issues({ ...referral(), shareStep: undefined, reach: 'phone', phone: 'bel me' })).toEqual({ phone: 'handover_error_phone' });
			expect(issues({ ...referral(), shareStep: undefined, reach: 'email', personEmail: 'geen adres' })).toEqual({ personEmail: 'handover_error_person_email' });
			expect(issues({ ...referral(), shareStep: undefined, reach: 'self', phone: '' })).toEqual({});
			const s = selfForm.safeParse({ personName: 'A', email: 'a@b.test', reach: 'self' });
			expect(s.success).toBe(false);
		});
	});
}
