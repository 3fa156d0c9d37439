import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedIn, Viewer } from '../accounts/viewer.ts';
import type { Database } from '../db/index.ts';
import { exchangePost } from '../exchange/schema.ts';
import { initiative, membership } from '../initiatives/schema.ts';
import { conversation, conversationMember, message } from '../messages/schema.ts';
import { actOnReport, myNotices, openReports, reportDetail, restoreItem } from '../moderation/queue.ts';
import { makeReport, myReports } from '../moderation/reports.ts';
import type { SubjectKind } from '../moderation/schema.ts';
import { databases } from '../../../../tests/helpers/databases.ts';
import { makePerson } from '../../../../tests/helpers/people.ts';
import { allowed } from '../../../../tests/helpers/allowed.ts';
import { PLATFORM_ROOM, reportTarget, type Room } from './moderation.ts';

/** Who may report what, and who reads a report, in plain words, for every persona. */


for (const target of databases) {
	describe.skipIf(target.skip)(`access to reports on ${target.name}`, () => {
		let database: Database & { drop(): Promise<void> };
		// Anna reports Bram; Cas and Jet coordinate De Kroon; Dewi is another member; Olga coordinates Het Anker; Eva is a member there; Fenna is the admin.
		let anna: SignedIn, bram: SignedIn, cas: SignedIn, jet: SignedIn, dewi: SignedIn, olga: SignedIn, eva: SignedIn, fenna: SignedIn;
		let kroon: string, anker: string, aboutOlga: string;
		let post: string, secretPost: string, conversationId: string, bramsMessage: string, annasMessage: string, reportId: string, aboutCas: string;
		const db = () => database.db;
		const mayReport = (viewer: Viewer, kind: SubjectKind, id: string) => allowed(() => reportTarget(db(), viewer, kind, id));
		const readsQueue = (viewer: Viewer, slug: Room = 'de-kroon') => allowed(() => openReports(db(), viewer, slug));
		const readsReport = (viewer: Viewer, id = reportId, slug: Room = 'de-kroon') => allowed(() => reportDetail(db(), viewer, slug, id));

		beforeAll(async () => {
			database = await target.open();
			[anna, bram, cas, jet, dewi, olga, eva, fenna] = await Promise.all(
				['Anna', 'Bram', 'Cas', 'Jet', 'Dewi', 'Olga', 'Eva', 'Fenna'].map((name, i) => makePerson(db(), name, { isAdmin: i === 7 }))
			);
			const [k, a] = await db()
				.insert(initiative)
				.values([
					{ slug: 'de-kroon', name: 'De Kroon', town: 'Zwolle', status: 'published' },
					{ slug: 'het-anker', name: 'Het Anker', town: 'Kampen', status: 'published' }
				])
				.returning();
			kroon = k.id;
			anker = a.id;
			await db()
				.insert(membership)
				.values([
					...[anna, bram, dewi].map((p) => ({ initiativeId: kroon, userId: p.userId })),
					{ initiativeId: kroon, userId: cas.userId, role: 'coordinator' as const },
					{ initiativeId: kroon, userId: jet.userId, role: 'coordinator' as const },
					{ initiativeId: anker, userId: olga.userId, role: 'coordinator' as const },
					{ initiativeId: anker, userId: eva.userId }
				]);
			const posts = await db()
				.insert(exchangePost)
				.values([
					{ kind: 'offer', title: 'Samen koken', theme: 'koken-en-eten', town: 'Zwolle', initiativeId: kroon, createdBy: bram.userId, audience: 'network' },
					{ kind: 'offer', title: 'Alleen voor De Kroon', theme: 'gezelschap', town: 'Zwolle', initiativeId: kroon, createdBy: bram.userId, audience: 'initiative' }
				])
				.returning({ id: exchangePost.id });
			[post, secretPost] = posts.map((p) => p.id);
			[{ id: conversationId }] = await db().insert(conversation).values({ postId: post }).returning({ id: conversation.id });
			await db()
				.insert(conversationMember)
				.values([anna, bram].map((p) => ({ conversationId, userId: p.userId })));
			const written = await db()
				.insert(message)
				.values([
					{ conversationId, senderId: bram.userId, body: 'Het gewraakte bericht van Bram' },
					{ conversationId, senderId: anna.userId, body: 'Annas eigen antwoord, privé' },
					{ conversationId, senderId: bram.userId, body: 'Nog een ander bericht van Bram, privé' }
				])
				.returning({ id: message.id });
			[bramsMessage, annasMessage] = written.map((w) => w.id);
			const made = await makeReport(db(), anna, 'message', bramsMessage, { initiativeId: kroon, rule: 'respect', whatHappened: 'Hij schold me uit.' });
			expect(made).toEqual({ ok: true, again: false, to: 'coordinators' });
			[{ id: reportId }] = (await openReports(db(), cas, 'de-kroon')).reports;
			// Anna also reports Cas, a coordinator, from a conversation with him.
			const [{ id: withCas }] = await db().insert(conversation).values({}).returning({ id: conversation.id });
			await db()
				.insert(conversationMember)
				.values([anna, cas].map((p) => ({ conversationId: withCas, userId: p.userId })));
			await makeReport(db(), anna, 'person', withCas, { initiativeId: kroon, rule: 'violence', whatHappened: 'Hij dreigde.' });
			aboutCas = (await openReports(db(), jet, 'de-kroon')).reports.find((r) => r.kind === 'person')!.id;
			// Eva reports Olga, the only coordinator of Het Anker: nobody there but Olga could decide, so it goes to the admins.
			const [{ id: withOlga }] = await db().insert(conversation).values({}).returning({ id: conversation.id });
			await db()
				.insert(conversationMember)
				.values([eva, olga].map((p) => ({ conversationId: withOlga, userId: p.userId })));
			const toAdmins = await makeReport(db(), eva, 'person', withOlga, { initiativeId: anker, rule: 'respect', whatHappened: 'Ze lachte me uit.' });
			expect(toAdmins).toEqual({ ok: true, again: false, to: 'admins' });
			aboutOlga = (await openReports(db(), fenna, PLATFORM_ROOM)).reports[0].id;
		});
		afterAll(() => database?.drop());

		it('a member reports a post they can see, a message the other wrote in their conversation, and that person; each goes to De Kroon', async () => {
			for (const [kind, id] of [['post', post], ['message', bramsMessage], ['person', conversationId]] as const) {
				const target = await reportTarget(db(), anna, kind, id);
				expect(target.initiatives.map((i) => i.name)).toEqual(['De Kroon']);
				expect(target.subjectUserId).toBe(bram.userId);
			}
		});

		it('nobody reports their own post or message', async () => {
			expect(await mayReport(bram, 'post', post)).toBe(false);
			expect(await mayReport(anna, 'message', annasMessage)).toBe(false);
		});

		it('a member cannot report what they cannot see: another conversation\'s message or person, a post only for another initiative', async () => {
			for (const outsider of [dewi, cas, fenna, eva]) {
				expect(await mayReport(outsider, 'message', bramsMessage)).toBe(false);
				expect(await mayReport(outsider, 'person', conversationId)).toBe(false);
			}
			expect(await mayReport(eva, 'post', secretPost)).toBe(false);
			expect(await mayReport(null, 'post', post)).toBe(false);
			expect(await mayReport(anna, 'post', '00000000-0000-4000-8000-000000000000')).toBe(false);
		});

		it('the coordinators of De Kroon read the report with its reporter', async () => {
			const { report } = await reportDetail(db(), cas, 'de-kroon', reportId);
			expect(report).toMatchObject({ reporter: 'Anna', about: 'Bram', whatHappened: 'Hij schold me uit.' });
			expect(await readsReport(jet)).toBe(true);
		});

		it('the queue shows the reported message alone, never another message of the conversation', async () => {
			const { report } = await reportDetail(db(), cas, 'de-kroon', reportId);
			const shown = JSON.stringify([report, await openReports(db(), cas, 'de-kroon')]);
			expect(report.item?.text).toBe('Het gewraakte bericht van Bram');
			expect(shown).not.toContain('privé');
		});

		it('a coordinator of another initiative sees neither the queue nor the report, and their own queue does not hold it', async () => {
			expect(await readsQueue(olga)).toBe(false);
			expect(await readsReport(olga)).toBe(false);
			expect(await readsReport(olga, reportId, 'het-anker')).toBe(false);
			expect((await openReports(db(), olga, 'het-anker')).reports).toEqual([]);
		});

		it('the association admin, the reported person, another member and anyone signed out see no report', async () => {
			for (const viewer of [fenna, bram, dewi, eva, null]) {
				expect(await readsQueue(viewer)).toBe(false);
				expect(await readsReport(viewer)).toBe(false);
			}
		});

		it('the reported person finds nothing of it in their own pages; the reporter sees only their own report', async () => {
			expect((await myReports(db(), bram)).reports).toEqual([]);
			expect(await myNotices(db(), bram)).toEqual([]);
			expect((await myReports(db(), anna)).reports).toHaveLength(2);
			expect((await myReports(db(), dewi)).reports).toEqual([]);
		});

		it('a coordinator never sees a report about themselves; the other coordinator handles it', async () => {
			expect((await openReports(db(), cas, 'de-kroon')).reports.map((r) => r.id)).not.toContain(aboutCas);
			expect(await readsReport(cas, aboutCas)).toBe(false);
			expect(await readsReport(jet, aboutCas)).toBe(true);
		});

		it('a report about an only coordinator reaches the admins, and only them: not the coordinator, not another coordinator, no member, nobody signed out', async () => {
			expect(await readsReport(fenna, aboutOlga, PLATFORM_ROOM)).toBe(true);
			expect((await reportDetail(db(), fenna, PLATFORM_ROOM, aboutOlga)).report).toMatchObject({ reporter: 'Eva', about: 'Olga', whatHappened: 'Ze lachte me uit.' });
			expect(await readsReport(olga, aboutOlga, 'het-anker')).toBe(false);
			expect((await openReports(db(), olga, 'het-anker')).reports).toEqual([]);
			for (const viewer of [anna, bram, cas, jet, dewi, olga, eva, null]) {
				expect(await readsQueue(viewer, PLATFORM_ROOM)).toBe(false);
				expect(await readsReport(viewer, aboutOlga, PLATFORM_ROOM)).toBe(false);
			}
		});

		it('the admins read only the reports nobody else can decide: not one the coordinators of De Kroon handle', async () => {
			const theirs = (await openReports(db(), fenna, PLATFORM_ROOM)).reports.map((r) => r.id);
			expect(theirs).toEqual([aboutOlga]);
			expect(await readsReport(fenna, reportId, PLATFORM_ROOM)).toBe(false);
			expect(await readsReport(fenna, aboutCas, PLATFORM_ROOM)).toBe(false);
		});

		it('only the room that hid an item can make it visible again: not a coordinator of another initiative, the admins, the writer, a member', async () => {
			expect(await actOnReport(db(), cas, 'de-kroon', reportId, 'hide', 'Schelden past niet.')).toEqual({ ok: true, already: false });
			for (const [viewer, room] of [[olga, 'het-anker'], [olga, 'de-kroon'], [fenna, PLATFORM_ROOM], [fenna, 'de-kroon'], [bram, 'de-kroon'], [anna, 'de-kroon'], [null, 'de-kroon']] as const) {
				expect(await allowed(() => restoreItem(db(), viewer, room, reportId, 'Toch zichtbaar.'))).toBe(false);
			}
			expect(await restoreItem(db(), jet, 'de-kroon', reportId, 'Bij nader inzien viel het mee.')).toEqual({ ok: true, already: false });
		});
	});
}
