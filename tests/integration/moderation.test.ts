import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFound } from '#lib/server/access/core.ts';
import { user } from '#lib/server/accounts/schema.ts';
import type { SignedIn } from '#lib/server/accounts/viewer.ts';
import type { Database } from '#lib/server/db/index.ts';
import { createPost, getPost, listPosts } from '#lib/server/exchange/service.ts';
import { exchangePost } from '#lib/server/exchange/schema.ts';
import { initiative, membership } from '#lib/server/initiatives/schema.ts';
import { startJobRunner, useJobRunner, type JobRunner } from '#lib/server/jobs/index.ts';
import { messageQueues } from '#lib/server/messages/notices.ts';
import { readConversation, respondToPost, sendMessage } from '#lib/server/messages/service.ts';
import { moderationQueues } from '#lib/server/moderation/notices.ts';
import { moderationPersonalData } from '#lib/server/moderation/personal-data.ts';
import { actionLog, actOnReport, myNotices, openReports, reportDetail, restoreItem } from '#lib/server/moderation/queue.ts';
import { PLATFORM_ROOM } from '#lib/server/access/moderation.ts';
import { reportTodos } from '#lib/server/moderation/todo.ts';
import { makeReport, myReports, REPORT_LIMIT, WORDS_MAX } from '#lib/server/moderation/reports.ts';
import { addRule, deleteRule, readAfspraken, RULES_MAX, updateRule } from '#lib/server/moderation/rules.ts';
import { houseRule, report } from '#lib/server/moderation/schema.ts';
import { recordingMailer } from '../helpers/accounts.ts';
import { databases } from '../helpers/databases.ts';
import { jobsDone } from '../helpers/jobs.ts';
import { makePerson } from '../helpers/people.ts';

const ORIGIN = 'http://herstelplein.test';

for (const target of databases) {
	describe.skipIf(target.skip)(`moderation on ${target.name}`, () => {
		let database: Database & { drop(): Promise<void> };
		let runner: JobRunner;
		const mailer = recordingMailer();
		let anna: SignedIn, bram: SignedIn, cas: SignedIn, dewi: SignedIn, eva: SignedIn, gijs: SignedIn;
		let kroon: string, post: string, conversationId: string;
		const db = () => database.db;
		const mailsTo = (p: SignedIn) => mailer.sent.filter((m) => m.to === p.email);
		const done = () => jobsDone(db(), ['moderation-notice', 'message-notice']);
		const reportOf = async (coordinator: SignedIn, kind: string) => (await openReports(db(), coordinator, 'de-kroon')).reports.find((r) => r.kind === kind)!;

		beforeAll(async () => {
			database = await target.open();
			const ctx = { db: database.db, mailer, origin: ORIGIN, secret: 'x'.repeat(32) };
			runner = await startJobRunner(database, { ...messageQueues(ctx), ...moderationQueues(ctx) }, { pollingIntervalSeconds: 0.5 });
			useJobRunner(runner);
			[anna, bram, cas, dewi, eva, gijs] = await Promise.all(['Anna', 'Bram', 'Cas', 'Dewi', 'Eva', 'Gijs'].map((name) => makePerson(db(), name)));
			[{ id: kroon }] = await db().insert(initiative).values({ slug: 'de-kroon', name: 'De Kroon', town: 'Zwolle', status: 'published' }).returning({ id: initiative.id });
			await db()
				.insert(membership)
				.values([...[anna, bram, dewi, eva, gijs].map((p) => ({ initiativeId: kroon, userId: p.userId })), { initiativeId: kroon, userId: cas.userId, role: 'coordinator' as const }]);
			post = (
				await createPost(db(), bram, { kind: 'offer', title: 'Samen koken', body: 'Op woensdag.', theme: 'koken-en-eten', town: 'Zwolle', online: false, audience: 'initiative', endsOn: null, initiativeId: kroon })
			).id;
			const started = await respondToPost(db(), anna, post, 'Hoi Bram, ik kook graag mee.');
			if (!started.ok) throw new Error(started.error);
			conversationId = started.conversationId;
			await sendMessage(db(), bram, conversationId, 'Een lelijk bericht dat de afspraken breekt');
			await sendMessage(db(), bram, conversationId, 'Een gewoon bericht');
		});
		afterAll(async () => {
			useJobRunner(undefined);
			await runner?.stop();
			await database?.drop();
		});

		it('coordinators write the afspraken; members read them with the platform minimums; others cannot change them', async () => {
			expect(await addRule(db(), cas, 'de-kroon', '  We laten elkaar uitpraten. ')).toEqual({ ok: true });
			expect(await addRule(db(), cas, 'de-kroon', 'We laten elkaar uitpraten.')).toEqual({ ok: true });
			expect(await addRule(db(), cas, 'de-kroon', 'Wat hier gezegd wordt, blijft hier.')).toEqual({ ok: true });
			const { afspraken } = await readAfspraken(db(), anna, 'de-kroon');
			expect(afspraken.own.map((r) => r.text)).toEqual(['We laten elkaar uitpraten.', 'Wat hier gezegd wordt, blijft hier.']);
			expect(afspraken.platform).toEqual(['respect', 'violence', 'privacy', 'advertising']);
			expect(await addRule(db(), cas, 'de-kroon', '   ')).toEqual({ ok: false, error: 'empty' });
			expect(await addRule(db(), cas, 'de-kroon', 'x'.repeat(301))).toEqual({ ok: false, error: 'too_long' });
			await expect(addRule(db(), anna, 'de-kroon', 'Anna bepaalt')).rejects.toThrow(NotFound);
			await expect(updateRule(db(), anna, 'de-kroon', afspraken.own[0].id, 'Anna bepaalt')).rejects.toThrow(NotFound);
			await expect(readAfspraken(db(), null, 'de-kroon')).rejects.toThrow();
			expect(await updateRule(db(), cas, 'de-kroon', afspraken.own[1].id, 'Wat hier verteld wordt, blijft hier.')).toEqual({ ok: true });
		});

		it('a list of afspraken stays short', async () => {
			for (let i = 0; i < RULES_MAX; i++) await addRule(db(), cas, 'de-kroon', `Afspraak nummer ${i}`);
			expect(await addRule(db(), cas, 'de-kroon', 'Eén te veel')).toEqual({ ok: false, error: 'too_many' });
			const extra = (await readAfspraken(db(), cas, 'de-kroon')).afspraken.own.filter((r) => r.text.startsWith('Afspraak nummer'));
			for (const rule of extra) await deleteRule(db(), cas, 'de-kroon', rule.id);
			expect((await readAfspraken(db(), cas, 'de-kroon')).afspraken.own).toHaveLength(2);
		});

		it('a report needs an afspraak, and own words for "iets anders"; too long words are refused; a second submit changes nothing', async () => {
			const { messages } = await readConversation(db(), anna, conversationId);
			const rude = messages.find((m) => m.body.startsWith('Een lelijk'))!.id;
			const own = (await readAfspraken(db(), anna, 'de-kroon')).afspraken.own[1];
			const input = { initiativeId: kroon, rule: own.id, whatHappened: 'Dit voelde heel naar.' };
			expect(await makeReport(db(), anna, 'message', rude, { ...input, rule: 'iets' })).toEqual({ ok: false, error: 'rule' });
			expect(await makeReport(db(), anna, 'message', rude, { ...input, rule: 'other', whatHappened: ' ' })).toEqual({ ok: false, error: 'words_needed' });
			expect(await makeReport(db(), anna, 'message', rude, { ...input, whatHappened: 'x'.repeat(WORDS_MAX + 1) })).toEqual({ ok: false, error: 'too_long' });
			await expect(makeReport(db(), anna, 'message', rude, { ...input, initiativeId: '00000000-0000-4000-8000-000000000000' })).rejects.toThrow(NotFound);
			expect(await makeReport(db(), anna, 'message', rude, input)).toEqual({ ok: true, again: false, to: 'coordinators' });
			expect(await makeReport(db(), anna, 'message', rude, input)).toEqual({ ok: true, again: true, to: 'coordinators' });
			const queued = await reportOf(cas, 'message');
			expect(queued).toMatchObject({ rule: 'house', houseRuleText: 'Wat hier verteld wordt, blijft hier.', whatHappened: 'Dit voelde heel naar.', reporter: 'Anna', about: 'Bram' });
			// The afspraak changes later; the report keeps it as it read.
			await updateRule(db(), cas, 'de-kroon', own.id, 'Anders verwoord');
			expect((await reportOf(cas, 'message')).houseRuleText).toBe('Wat hier verteld wordt, blijft hier.');
		});

		it('nothing is hidden by counting reports: many reports leave the post as it was', async () => {
			for (const p of [anna, dewi, eva, gijs]) expect((await makeReport(db(), p, 'post', post, { initiativeId: kroon, rule: 'advertising', whatHappened: '' })).ok).toBe(true);
			await getPost(db(), dewi, post);
			expect((await listPosts(db(), dewi)).posts.map((p) => p.id)).toContain(post);
		});

		it('reports per account are limited (the form says so with a 429)', async () => {
			let last;
			for (let i = 0; i <= REPORT_LIMIT.max; i++) {
				// Each earlier report counts as handled, so every submit is a new report.
				await db().update(report).set({ handledAt: new Date(), outcome: 'close' }).where(eq(report.reporterId, gijs.userId));
				last = await makeReport(db(), gijs, 'post', post, { initiativeId: kroon, rule: 'respect', whatHappened: '' });
			}
			expect(last).toEqual({ ok: false, error: 'rate_limited' });
		});

		it('the coordinator hides the message with a reason: the other side sees "verborgen", the writer their text with a note; both hear of it, without any text in the mail', async () => {
			const queued = await reportOf(cas, 'message');
			const before = mailer.sent.length;
			expect(await actOnReport(db(), cas, 'de-kroon', queued.id, 'hide', ' ')).toEqual({ ok: false, error: 'reason' });
			expect(await actOnReport(db(), cas, 'de-kroon', queued.id, 'explode', 'Reden')).toEqual({ ok: false, error: 'action' });
			expect(await actOnReport(db(), cas, 'de-kroon', queued.id, 'hide', 'Schelden past niet bij onze afspraken.')).toEqual({ ok: true, already: false });
			expect(await actOnReport(db(), cas, 'de-kroon', queued.id, 'hide', 'Nog een keer')).toEqual({ ok: true, already: true });

			const seenByAnna = (await readConversation(db(), anna, conversationId)).messages.find((m) => m.hidden)!;
			expect(seenByAnna.body).toBe('');
			const seenByBram = (await readConversation(db(), bram, conversationId)).messages.find((m) => m.hidden)!;
			expect(seenByBram.body).toBe('Een lelijk bericht dat de afspraken breekt');

			const log = (await actionLog(db(), cas, 'de-kroon')).entries;
			expect(log).toHaveLength(1);
			expect(log[0]).toMatchObject({ action: 'hide', actor: 'Cas', about: 'Bram', reason: 'Schelden past niet bij onze afspraken.' });
			const [notice] = await myNotices(db(), bram);
			expect(notice).toMatchObject({ action: 'hide', reason: 'Schelden past niet bij onze afspraken.', initiative: 'De Kroon' });
			expect(JSON.stringify(await myNotices(db(), bram))).not.toMatch(/Anna|naar/);
			expect((await myReports(db(), anna)).reports.find((r) => r.kind === 'message')!.handled).toBe(true);
			expect((await reportDetail(db(), cas, 'de-kroon', queued.id)).report.outcome).toBe('hide');

			await done();
			const mails = mailer.sent.slice(before);
			expect(mails.map((m) => m.to).sort()).toEqual([anna.email, bram.email].sort());
			for (const mail of mails) {
				expect(mail.text).toContain(`${ORIGIN}/account/meldingen`);
				expect(mail.subject + mail.text).not.toMatch(/lelijk|Schelden|De Kroon|voelde/);
			}
			expect(mailsTo(bram)[0].text).not.toContain('Anna');
		});

		it('a hidden post disappears for others and stays for its writer', async () => {
			const queued = await reportOf(cas, 'post');
			await actOnReport(db(), cas, 'de-kroon', queued.id, 'hide', 'Reclame hoort hier niet.');
			await expect(getPost(db(), dewi, post)).rejects.toThrow(NotFound);
			expect((await listPosts(db(), dewi)).posts.map((p) => p.id)).not.toContain(post);
			expect((await getPost(db(), bram, post)).post.hiddenAt).not.toBeNull();
			// The other reports of the same post stay open: the coordinators close them themselves.
			const stillOpen = (await openReports(db(), cas, 'de-kroon')).reports.filter((r) => r.kind === 'post');
			expect(stillOpen.length).toBeGreaterThan(0);
			const detail = await reportDetail(db(), cas, 'de-kroon', stillOpen[0].id);
			expect(detail.report.actions).not.toContain('hide');
		});

		it('the coordinators undo hiding, with a reason: the message and the post are visible again; the log keeps the reason, never the words', async () => {
			const hid = async (kind: 'message' | 'post') =>
				(await db().select().from(report).where(eq(report.subjectKind, kind))).find((r) => r.outcome === 'hide')!.id;
			const onMessage = await hid('message');
			expect((await reportDetail(db(), cas, 'de-kroon', onMessage)).report.restorable).toBe(true);
			expect(await restoreItem(db(), cas, 'de-kroon', onMessage, '  ')).toEqual({ ok: false, error: 'reason' });
			expect(await restoreItem(db(), cas, 'de-kroon', onMessage, 'Bij nader inzien viel het mee.')).toEqual({ ok: true, already: false });
			expect(await restoreItem(db(), cas, 'de-kroon', onMessage, 'Nog een keer')).toEqual({ ok: true, already: true });
			const seen = (await readConversation(db(), anna, conversationId)).messages.find((m) => m.body.startsWith('Een lelijk'))!;
			expect(seen.hidden).toBe(false);
			expect((await reportDetail(db(), cas, 'de-kroon', onMessage)).report.restorable).toBe(false);

			const onPost = await hid('post');
			await expect(getPost(db(), dewi, post)).rejects.toThrow(NotFound);
			expect(await restoreItem(db(), cas, 'de-kroon', onPost, 'Het was geen reclame.')).toEqual({ ok: true, already: false });
			expect((await getPost(db(), dewi, post)).post.hiddenAt).toBeNull();

			const log = (await actionLog(db(), cas, 'de-kroon')).entries;
			expect(log.filter((e) => e.action === 'unhide').map((e) => e.reason)).toEqual(['Het was geen reclame.', 'Bij nader inzien viel het mee.']);
			expect(JSON.stringify(log)).not.toMatch(/lelijk|Samen koken|Op woensdag/);
			// A report that did not hide anything has nothing to undo.
			const open = (await openReports(db(), cas, 'de-kroon')).reports[0];
			expect(await restoreItem(db(), cas, 'de-kroon', open.id, 'Reden')).toEqual({ ok: false, error: 'action' });
			// Hide the post again: the tests below expect it hidden.
			await db().update(exchangePost).set({ hiddenAt: new Date() }).where(eq(exchangePost.id, post));
		});

		it('a report about the only coordinator goes to the admins: the reporter is told, the admins decide, the coordinator hears; a second coordinator takes over', async () => {
			const admin = await makePerson(db(), 'Beheer', { isAdmin: true });
			const [{ id: veer }] = await db().insert(initiative).values({ slug: 'het-veer', name: 'Het Veer', town: 'Kampen', status: 'published' }).returning({ id: initiative.id });
			await db()
				.insert(membership)
				.values([
					{ initiativeId: veer, userId: gijs.userId, role: 'coordinator' as const },
					{ initiativeId: veer, userId: eva.userId }
				]);
			const own = async (title: string) =>
				(await createPost(db(), gijs, { kind: 'offer', title, body: 'Kom langs.', theme: 'koken-en-eten', town: 'Kampen', online: false, audience: 'initiative', endsOn: null, initiativeId: veer })).id;
			const [first, second] = [await own('Soep op vrijdag'), await own('Thee op zaterdag')];
			const input = { initiativeId: veer, rule: 'advertising', whatHappened: 'Dit is reclame.' };
			expect(await makeReport(db(), eva, 'post', first, input)).toEqual({ ok: true, again: false, to: 'admins' });
			expect(await makeReport(db(), eva, 'post', second, input)).toEqual({ ok: true, again: false, to: 'admins' });
			expect((await openReports(db(), gijs, 'het-veer')).reports).toEqual([]);
			const waiting = (await openReports(db(), admin, PLATFORM_ROOM)).reports;
			expect(waiting.map((r) => r.initiative)).toEqual(['Het Veer', 'Het Veer']);
			expect((await reportTodos(db(), admin)).map((t) => t.href)).toContain('/beheer/meldingen');

			const about = waiting[0];
			const detail = (await reportDetail(db(), admin, PLATFORM_ROOM, about.id)).report;
			expect(detail.actions).toEqual(['hide', 'warn', 'close']);
			expect(await actOnReport(db(), admin, PLATFORM_ROOM, about.id, 'hide', 'Reclame past hier niet.')).toEqual({ ok: true, already: false });
			expect((await myNotices(db(), gijs))[0]).toMatchObject({ action: 'hide', reason: 'Reclame past hier niet.', initiative: 'Het Veer' });
			expect(await restoreItem(db(), admin, PLATFORM_ROOM, about.id, 'Toch geen reclame.')).toEqual({ ok: true, already: false });

			// A second coordinator joins: the open report is theirs now, no longer the admins'.
			await db().update(membership).set({ role: 'coordinator' }).where(and(eq(membership.initiativeId, veer), eq(membership.userId, eva.userId)));
			expect((await openReports(db(), admin, PLATFORM_ROOM)).reports).toEqual([]);
			expect((await openReports(db(), eva, 'het-veer')).reports).toHaveLength(1);
		});

		it('a warning reaches the person; closing without action tells only the reporter', async () => {
			expect((await makeReport(db(), anna, 'person', conversationId, { initiativeId: kroon, rule: 'violence', whatHappened: 'Hij dreigde.' })).ok).toBe(true);
			const person = await reportOf(cas, 'person');
			expect((await reportDetail(db(), cas, 'de-kroon', person.id)).report.actions).toEqual(['warn', 'remove', 'close']);
			await actOnReport(db(), cas, 'de-kroon', person.id, 'warn', 'Dreigen kan hier niet. Dit is een waarschuwing.');
			expect((await myNotices(db(), bram)).map((n) => n.action)).toContain('warn');
			await done();

			const before = mailer.sent.length;
			const rest = (await openReports(db(), cas, 'de-kroon')).reports.filter((r) => r.kind === 'post');
			await actOnReport(db(), cas, 'de-kroon', rest[0].id, 'close', 'Al verborgen.');
			await done();
			expect(mailer.sent.slice(before).map((m) => m.to)).not.toContain(bram.email);
			expect((await myNotices(db(), bram)).map((n) => n.action)).not.toContain('close');
		});

		it('removing someone from the initiative uses the membership removal; they are told why', async () => {
			expect((await makeReport(db(), anna, 'person', conversationId, { initiativeId: kroon, rule: 'violence', whatHappened: 'Weer.' })).ok).toBe(true);
			const person = await reportOf(cas, 'person');
			await actOnReport(db(), cas, 'de-kroon', person.id, 'remove', 'Na de waarschuwing ging het door.');
			const rows = await db().select().from(membership).where(eq(membership.userId, bram.userId));
			expect(rows).toEqual([]);
			expect((await myNotices(db(), bram))[0]).toMatchObject({ action: 'remove', reason: 'Na de waarschuwing ging het door.' });
		});

		it('the export: my reports with my words; what the coordinators told me, never who reported; the actions a coordinator took', async () => {
			const annas = (await moderationPersonalData.collect(db(), anna)) as { reportsMade: Array<{ whatHappened: string }> };
			expect(annas.reportsMade.map((r) => r.whatHappened)).toContain('Dit voelde heel naar.');
			const brams = await moderationPersonalData.collect(db(), bram);
			expect(JSON.stringify(brams)).toContain('Schelden past niet bij onze afspraken.');
			expect(JSON.stringify(brams)).not.toMatch(/Anna|naar|dreigde/);
			const cass = (await moderationPersonalData.collect(db(), cas)) as { actionsTaken: unknown[] };
			expect(cass.actionsTaken.length).toBeGreaterThanOrEqual(4);
		});

		it('when the reporter deletes their account, their reports stay for the coordinators without name or words', async () => {
			await db().transaction((tx) => moderationPersonalData.erase!(tx, anna));
			await db().delete(user).where(eq(user.id, anna.userId));
			const rows = await db().select().from(report).where(eq(report.subjectId, post));
			expect(rows.some((r) => r.whatHappened === 'Dit voelde heel naar.')).toBe(false);
			const all = await db().select({ reporterId: report.reporterId, words: report.whatHappened }).from(report);
			expect(all.filter((r) => r.words === 'Dit voelde heel naar.')).toEqual([]);
			expect((await actionLog(db(), cas, 'de-kroon')).entries.length).toBeGreaterThanOrEqual(4);
			expect(await db().select().from(houseRule)).toHaveLength(2);
		});
	});
}
