import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { user } from '../accounts/schema.ts';
import type { SignedIn, Viewer } from '../accounts/viewer.ts';
import { activity, activityHost, activitySignup } from '../activities/schema.ts';
import { announcementsPersonalData } from '../announcements/personal-data.ts';
import { listInbox, unreadInbox } from '../announcements/inbox.ts';
import { announceToDate, announceToMembers, readAnnouncement, replyToAnnouncement } from '../announcements/service.ts';
import type { Database } from '../db/index.ts';
import { initiative, membership } from '../initiatives/schema.ts';
import { contactBlock, conversationMember, messageSetting } from '../messages/schema.ts';
import { listConversations, readConversation } from '../messages/service.ts';
import { databases } from '../../../../tests/helpers/databases.ts';
import { makePerson } from '../../../../tests/helpers/people.ts';
import { allowed } from '../../../../tests/helpers/allowed.ts';
import { announcementFor } from './announcements.ts';
import { reportTarget } from './moderation.ts';

/** Who writes and who reads a bericht aan een groep, and where a reply goes, for every persona. */

for (const target of databases) {
	describe.skipIf(target.skip)(`access to group messages on ${target.name}`, () => {
		let database: Database & { drop(): Promise<void> };
		let cas: SignedIn, anna: SignedIn, bram: SignedIn, dirk: SignedIn, later: SignedIn, elsewhere: SignedIn, otherCoordinator: SignedIn, admin: SignedIn, host: SignedIn;
		let membersId: string, dateId: string, activityId: string;
		const start = new Date('2026-12-15T18:00:00Z');
		const db = () => database.db;
		const reads = (viewer: Viewer, id: string) => allowed(() => announcementFor(db(), viewer, id));

		beforeAll(async () => {
			database = await target.open();
			const d = database.db;
			[cas, anna, bram, dirk, later, elsewhere, otherCoordinator, admin, host] = await Promise.all(
				['Cas', 'Anna', 'Bram', 'Dirk', 'Lotte', 'Eva', 'Olaf', 'Fenna', 'Hanna'].map((name) => makePerson(d, name, { isAdmin: name === 'Fenna' }))
			);
			const [kroon, haven] = await d
				.insert(initiative)
				.values([
					{ slug: 'de-kroon', name: 'De Kroon', town: 'Zwolle', status: 'published' },
					{ slug: 'de-haven', name: 'De Haven', town: 'Kampen', status: 'published' }
				])
				.returning();
			await d.insert(membership).values([
				{ initiativeId: kroon.id, userId: cas.userId, role: 'coordinator' },
				{ initiativeId: kroon.id, userId: dirk.userId, role: 'coordinator' },
				{ initiativeId: kroon.id, userId: anna.userId },
				{ initiativeId: kroon.id, userId: bram.userId },
				{ initiativeId: kroon.id, userId: host.userId },
				{ initiativeId: haven.id, userId: elsewhere.userId },
				{ initiativeId: haven.id, userId: otherCoordinator.userId, role: 'coordinator' },
				{ initiativeId: haven.id, userId: admin.userId }
			]);
			const sent = await announceToMembers(d, cas, 'de-kroon', 'Donderdag is de huiskamer dicht. Kanarie-leden-8812.');
			if (!sent.ok) throw new Error(sent.error);
			membersId = sent.id;
			expect(sent.recipients).toBe(4);
			// Lotte joins after it was written.
			await d.insert(membership).values({ initiativeId: kroon.id, userId: later.userId });
			[{ id: activityId }] = await d
				.insert(activity)
				.values({ initiativeId: kroon.id, title: 'Samen koken', kind: 'ontmoeting', startsAt: start, endsAt: new Date(start.getTime() + 7_200_000), createdBy: cas.userId })
				.returning({ id: activity.id });
			await d.insert(activityHost).values({ activityId, userId: host.userId });
			await d.insert(activitySignup).values([
				{ activityId, occurrenceStart: start, userId: anna.userId, status: 'confirmed' },
				{ activityId, occurrenceStart: start, userId: later.userId, status: 'waitlist' },
				{ activityId, occurrenceStart: start, guestName: 'Gast', guestEmail: 'gast@voorbeeld.test', status: 'confirmed' }
			]);
		});
		afterAll(() => database?.drop());

		it('all members of the initiative at the time read it, and its writer', async () => {
			for (const viewer of [cas, anna, bram, dirk, host]) expect(await reads(viewer, membersId)).toBe(true);
		});

		it('a member who joined later, a member or coordinator of another initiative, the admin and nobody signed out do not read it', async () => {
			for (const viewer of [later, elsewhere, otherCoordinator, admin, null]) expect(await reads(viewer, membersId)).toBe(false);
		});

		it('only a coordinator writes to all members: not a member, a host, the coordinator of another initiative or the admin', async () => {
			for (const viewer of [anna, host, otherCoordinator, admin]) expect(await allowed(() => announceToMembers(db(), viewer, 'de-kroon', 'Hallo allemaal'))).toBe(false);
		});

		it('a recipient sees the writer and the group in words, never who else received it; the writer sees how many', async () => {
			const forAnna = await readAnnouncement(db(), anna, membersId);
			expect(forAnna.announcement.from).toBe('Cas');
			expect(forAnna.announcement.initiative).toBe('De Kroon');
			expect(forAnna.recipients).toBeNull();
			expect(JSON.stringify(forAnna)).not.toContain('Bram');
			expect((await readAnnouncement(db(), cas, membersId)).recipients).toBe(4);
		});

		it('it is in the inbox with the conversations and counts as unread until read', async () => {
			expect(await unreadInbox(db(), bram)).toBe(1);
			const { items } = await listInbox(db(), bram);
			expect(items.map((i) => [i.kind, i.id])).toEqual([['announcement', membersId]]);
			await readAnnouncement(db(), bram, membersId);
			expect(await unreadInbox(db(), bram)).toBe(0);
			expect((await listInbox(db(), later)).items).toEqual([]);
		});

		it('a reply goes to the writer alone, in one conversation of two that a second reply reuses', async () => {
			const first = await replyToAnnouncement(db(), anna, membersId, 'Jammer, dan kom ik vrijdag.');
			const second = await replyToAnnouncement(db(), anna, membersId, 'Of zaterdag.');
			expect(first.ok && second.ok && first.conversationId === second.conversationId).toBe(true);
			const conversationId = first.ok ? first.conversationId : '';
			const members = await db().select({ userId: conversationMember.userId }).from(conversationMember).where(eq(conversationMember.conversationId, conversationId));
			expect(members.map((m) => m.userId).sort()).toEqual([anna.userId, cas.userId].sort());
			expect((await readConversation(db(), cas, conversationId)).messages.map((m) => m.from)).toEqual(['other', 'other']);
			for (const viewer of [bram, dirk, host]) expect((await listConversations(db(), viewer)).conversations).toEqual([]);
			// The writer may not "reply" to their own message.
			expect((await replyToAnnouncement(db(), cas, membersId, 'Test')).ok).toBe(false);
		});

		it('"wie mag mij berichten sturen" of the writer does not stop a reply (they wrote first); "geen contact meer" does', async () => {
			await db().insert(messageSetting).values({ userId: cas.userId, whoMayWrite: 'nobody' });
			expect((await replyToAnnouncement(db(), bram, membersId, 'Dank voor het laten weten.')).ok).toBe(true);
			await db().insert(contactBlock).values({ blockerId: cas.userId, blockedId: dirk.userId });
			expect(await replyToAnnouncement(db(), dirk, membersId, 'Ok')).toEqual({ ok: false, error: 'closed' });
			expect((await readAnnouncement(db(), dirk, membersId)).canReply).toBe(false);
			// A new group message leaves out who chose "geen contact meer" either way.
			const again = await announceToMembers(db(), cas, 'de-kroon', 'Nieuwe tijden vanaf januari.');
			expect(again.ok && again.recipients).toBe(4);
			if (again.ok) expect(await reads(dirk, again.id)).toBe(false);
			await db().delete(contactBlock);
			await db().delete(messageSetting);
		});

		it('the same text sent twice (a double click) is one message', async () => {
			const a = await announceToMembers(db(), cas, 'de-kroon', 'Zelfde tekst');
			const b = await announceToMembers(db(), cas, 'de-kroon', 'Zelfde tekst');
			expect(a.ok && b.ok && a.id === b.id).toBe(true);
		});

		it('a host writes to the members signed up for a date (also the waitlist), not to guests and not to others', async () => {
			const sent = await announceToDate(db(), host, activityId, start, 'We koken buiten! Kanarie-datum-1290.');
			if (!sent.ok) throw new Error(sent.error);
			dateId = sent.id;
			expect(sent.recipients).toBe(2);
			for (const viewer of [host, anna, later]) expect(await reads(viewer, dateId)).toBe(true);
			// Cas coordinates the initiative but did not sign up nor write it.
			for (const viewer of [cas, dirk, bram, elsewhere, otherCoordinator, admin, null]) expect(await reads(viewer, dateId)).toBe(false);
		});

		it('only a host or a coordinator writes to a date: not a member, not another initiative, not the admin', async () => {
			expect(await allowed(() => announceToDate(db(), cas, activityId, start, 'Van de coördinator'))).toBe(true);
			for (const viewer of [anna, elsewhere, otherCoordinator, admin]) expect(await allowed(() => announceToDate(db(), viewer, activityId, start, 'Hallo'))).toBe(false);
		});

		it('a recipient reports it to its initiative; its writer and non-recipients cannot', async () => {
			const targetForAnna = await reportTarget(db(), anna, 'announcement', membersId);
			expect(targetForAnna.initiatives.map((i) => i.slug)).toEqual(['de-kroon']);
			for (const viewer of [cas, later, admin, otherCoordinator]) expect(await allowed(() => reportTarget(db(), viewer, 'announcement', membersId))).toBe(false);
		});

		it("the export holds the writer's own text, and for a recipient from whom and when, without the text", async () => {
			const mine = JSON.stringify(await announcementsPersonalData.collect(db(), cas));
			expect(mine).toContain('Kanarie-leden-8812');
			const received = JSON.stringify(await announcementsPersonalData.collect(db(), anna));
			expect(received).toContain('Cas');
			expect(received).not.toContain('Kanarie');
			expect(JSON.stringify(await announcementsPersonalData.collect(db(), admin))).not.toContain('Kanarie');
		});

		it('after the writer deleted their account it stays for its recipients as "(verwijderd account)", and cannot be answered', async () => {
			await db().delete(user).where(eq(user.id, host.userId));
			const forAnna = await readAnnouncement(db(), anna, dateId);
			expect(forAnna.announcement.from).toBeNull();
			expect(forAnna.announcement.body).toContain('Kanarie-datum-1290');
			expect(forAnna.canReply).toBe(false);
		});
	});
}
