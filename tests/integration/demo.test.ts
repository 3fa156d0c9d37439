import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { createAuth } from '#lib/server/accounts/auth.ts';
import type { Database } from '#lib/server/db/index.ts';
import { DEMO_PASSWORD } from '#lib/server/demo/content.ts';
import { demoLogins, generateDemo } from '#lib/server/demo/generate.ts';
import { initiative, membership } from '#lib/server/initiatives/schema.ts';
import { exchangePause, exchangePost } from '#lib/server/exchange/schema.ts';
import { noticePreference } from '#lib/server/notify/schema.ts';
import { conversation, message, messageSetting } from '#lib/server/messages/schema.ts';
import { houseRule, moderationLog, report } from '#lib/server/moderation/schema.ts';
import { deal, dealThanks } from '#lib/server/deals/schema.ts';
import { story, storyNote, storyRecognition } from '#lib/server/stories/schema.ts';
import { handover } from '#lib/server/handover/schema.ts';
import { EXPERTS } from '#lib/server/demo/expertise.ts';
import { expertProfileForm } from '#lib/server/expertise/forms.ts';
import { expertProfile, poolCoordinator } from '#lib/server/expertise/schema.ts';
import { searchExperts } from '#lib/server/expertise/read.ts';
import { databases } from '../helpers/databases.ts';

for (const target of databases) {
	describe.skipIf(target.skip)(`demo content on ${target.name}`, () => {
		let database: Database & { drop(): Promise<void> };
		beforeAll(async () => {
			database = await target.open();
		});
		afterAll(() => database?.drop());

		it('fills initiatives in several towns with coordinators and members, once', async () => {
			expect(await generateDemo(database.db)).toBe(true);
			expect(await generateDemo(database.db)).toBe(false);
			const towns = await database.db.selectDistinct({ town: initiative.town }).from(initiative);
			expect(towns.length).toBeGreaterThanOrEqual(5);
			const [{ n }] = await database.db.select({ n: count() }).from(membership);
			expect(n).toBeGreaterThan(40);
		});

		it('has offers and requests, two conversations that started from them, and a small group conversation', async () => {
			const posts = await database.db.select({ kind: exchangePost.kind }).from(exchangePost);
			expect(posts.some((p) => p.kind === 'offer') && posts.some((p) => p.kind === 'request')).toBe(true);
			const conversations = await database.db.select({ postId: conversation.postId, group: conversation.group }).from(conversation);
			expect(conversations.filter((c) => c.postId)).toHaveLength(2);
			expect(conversations.filter((c) => c.group && !c.postId)).toHaveLength(1);
			const [{ n }] = await database.db.select({ n: count() }).from(message);
			expect(n).toBe(11);
		});

		it('shows boundaries as normal: someone takes "even pauze", someone lets only people they wrote to first send messages, some chose other notice mails', async () => {
			expect(await database.db.select().from(exchangePause)).toHaveLength(1);
			expect((await database.db.select().from(messageSetting)).map((s) => s.whoMayWrite)).toEqual(['wrote_first']);
			expect((await database.db.select().from(noticePreference)).map((p) => p.mode).sort()).toEqual(['daily', 'off', 'off']);
		});

		it('has afspraken in two initiatives and one report that a coordinator looked at, in the log', async () => {
			const rules = await database.db.selectDistinct({ initiativeId: houseRule.initiativeId }).from(houseRule);
			expect(rules).toHaveLength(2);
			const reports = await database.db.select({ handledAt: report.handledAt }).from(report);
			expect(reports).toHaveLength(1);
			expect(reports[0].handledAt).not.toBeNull();
			const log = await database.db.select({ kind: moderationLog.subjectKind, action: moderationLog.action }).from(moderationLog);
			expect(log.filter((entry) => entry.kind !== 'note')).toHaveLength(1);
		});

		it('has readers who recognise stories, notes of recognition passed on (in the log) and one still waiting for a coordinator', async () => {
			expect((await database.db.select().from(storyRecognition)).length).toBeGreaterThan(20);
			const notes = await database.db.select({ status: storyNote.status }).from(storyNote);
			expect(notes.filter((n) => n.status === 'waiting')).toHaveLength(1);
			const delivered = notes.filter((n) => n.status === 'delivered').length;
			expect(delivered).toBeGreaterThan(2);
			const log = await database.db.select({ action: moderationLog.action }).from(moderationLog).where(eq(moderationLog.subjectKind, 'note'));
			expect(log).toEqual(Array(delivered).fill({ action: 'deliver' }));
		});

		it('has one afspraak done and thanked, shown on its giver\'s profile, and one agreed for later', async () => {
			const deals = await database.db.select({ status: deal.status, giverId: deal.giverId, startsAt: deal.startsAt }).from(deal);
			expect(deals.map((d) => d.status).sort()).toEqual(['agreed', 'done']);
			expect(deals.find((d) => d.status === 'agreed')!.startsAt.getTime()).toBeGreaterThan(Date.now());
			const [thanks] = await database.db.select().from(dealThanks);
			expect(thanks).toMatchObject({ shownOnProfile: true, giverId: deals.find((d) => d.status === 'done')!.giverId });
		});

		it('has 30+ stories: some under a pseudonym, some with a warning, some waiting for the redactie, one only for the link', async () => {
			const stories = await database.db.select().from(story);
			expect(stories.length).toBeGreaterThanOrEqual(30);
			expect(stories.filter((s) => s.pseudonym).length).toBeGreaterThan(5);
			expect(stories.filter((s) => s.warnings.length).length).toBeGreaterThan(3);
			expect(stories.filter((s) => s.status === 'review').length).toBeGreaterThan(1);
			expect(stories.filter((s) => s.visibility === 'link')).toHaveLength(1);
		});

		it('has handovers in every step for the first initiative, one asked for directly', async () => {
			const rows = await database.db.select({ step: handover.step, source: handover.source }).from(handover);
			expect(new Set(rows.map((r) => r.step))).toEqual(new Set(['new', 'taken', 'visiting', 'contact', 'joined', 'not_now']));
			expect(rows.some((r) => r.source === 'self')).toBe(true);
		});

		it('has 12 published expert profiles across the country, a few unpublished ones, and a pool coordinator', async () => {
			const profiles = await database.db.select().from(expertProfile);
			const published = profiles.filter((p) => p.publishedAt);
			expect(published).toHaveLength(12);
			expect(profiles.length - published.length).toBe(3);
			expect(new Set(published.flatMap((p) => p.regions)).size).toBe(12);
			expect(published.filter((p) => p.pseudonym).length).toBeGreaterThanOrEqual(3);
			expect((await searchExperts(database.db, { page: 1 })).experts).toHaveLength(12);
			expect((await database.db.select({ local: poolCoordinator.initiativeId }).from(poolCoordinator)).map((r) => r.local !== null).sort()).toEqual([false, true]);
		});

		it('every published demo profile passes the rules for publishing (no contact details in it)', () => {
			for (const e of EXPERTS.filter((x) => !x.unpublished)) {
				const result = expertProfileForm(true).safeParse({ ...e, signAs: e.pseudonym ? 'pseudonym' : 'name', online: e.online ? 'ja' : '' });
				expect(result.success, e.introduction.slice(0, 40)).toBe(true);
			}
		});

		it('lists the admin, every coordinator and someone in two initiatives, and they can sign in', async () => {
			const logins = await demoLogins(database.db);
			expect(logins.find((l) => l.what === 'association admin')?.email).toBe('beheer@demo.herstelplein.nl');
			const [{ n }] = await database.db.select({ n: count() }).from(initiative);
			expect(logins.filter((l) => l.what.startsWith('coordinator'))).toHaveLength(n);
			expect(logins.some((l) => l.what.split(', ').length === 2)).toBe(true);
			const auth = createAuth({ db: database.db, mailer: { send: async () => {} }, origin: 'http://localhost', secret: 'x'.repeat(32) });
			const response = await auth.api.signInEmail({ body: { email: logins[0].email, password: DEMO_PASSWORD }, asResponse: true });
			expect(response.status).toBe(200);
		});
	});
}
