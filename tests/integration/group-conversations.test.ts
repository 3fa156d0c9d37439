import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedIn } from '#lib/server/accounts/viewer.ts';
import type { Database } from '#lib/server/db/index.ts';
import { leaveInitiative } from '#lib/server/initiatives/memberships.ts';
import { initiative, membership } from '#lib/server/initiatives/schema.ts';
import { startJobRunner, useJobRunner, type JobRunner } from '#lib/server/jobs/index.ts';
import { messageQueues } from '#lib/server/messages/notices.ts';
import { messagesPersonalData } from '#lib/server/messages/personal-data.ts';
import { leaveConversation, listConversations, MESSAGE_MAX, readConversation, sendMessage, setBlocked, startGroup } from '#lib/server/messages/service.ts';
import { unreadInbox } from '#lib/server/announcements/inbox.ts';
import { reportTarget } from '#lib/server/access/moderation.ts';
import { setNoticeMode } from '#lib/server/notify/preferences.ts';
import { recordingMailer } from '../helpers/accounts.ts';
import { databases } from '../helpers/databases.ts';
import { jobsDone } from '../helpers/jobs.ts';
import { makePerson } from '../helpers/people.ts';

const ORIGIN = 'http://herstelplein.test';

/** Small group conversations: the rules of two people's conversations, for a few. */
for (const target of databases) {
	describe.skipIf(target.skip)(`group conversations on ${target.name}`, () => {
		let database: Database & { drop(): Promise<void> };
		let runner: JobRunner;
		const mailer = recordingMailer();
		let anna: SignedIn, bram: SignedIn, cor: SignedIn, dewi: SignedIn;
		let kroon: string, groupId: string;
		const db = () => database.db;
		const mailsTo = (p: SignedIn) => mailer.sent.filter((m) => m.to === p.email);

		beforeAll(async () => {
			database = await target.open();
			runner = await startJobRunner(database, messageQueues({ db: db(), mailer, origin: ORIGIN, secret: 'x'.repeat(32) }), { pollingIntervalSeconds: 0.5 });
			useJobRunner(runner);
			[anna, bram, cor, dewi] = await Promise.all(['Anna', 'Bram', 'Cor', 'Dewi'].map((name) => makePerson(db(), name)));
			[{ id: kroon }] = await db().insert(initiative).values({ slug: 'de-kroon', name: 'De Kroon', town: 'Zwolle', status: 'published' }).returning({ id: initiative.id });
			await db()
				.insert(membership)
				.values([anna, bram, cor, dewi].map((p) => ({ initiativeId: kroon, userId: p.userId, showName: true })));
			await setNoticeMode(db(), dewi.userId, 'messages', 'off');
		}, 180_000);
		afterAll(async () => {
			useJobRunner(undefined);
			await runner?.stop();
			await database?.drop();
		});

		it('an empty or too long first message is refused; the group starts with its first message, unread for the others', async () => {
			const members = [bram.userId, cor.userId, dewi.userId];
			expect(await startGroup(db(), anna, kroon, members, '  ')).toEqual({ ok: false, error: 'empty' });
			expect(await startGroup(db(), anna, kroon, members, 'x'.repeat(MESSAGE_MAX + 1))).toEqual({ ok: false, error: 'too_long' });
			const started = await startGroup(db(), anna, kroon, [...members, bram.userId], 'Wie gaat zaterdag mee naar de markt? <b>Gezellig</b>');
			if (!started.ok) throw new Error(started.error);
			groupId = started.conversationId;
			const [inBram] = (await listConversations(db(), bram)).conversations;
			expect(inBram).toMatchObject({ id: groupId, group: true, with: 'Anna, Cor, Dewi', unread: true });
			expect(await unreadInbox(db(), bram)).toBe(1);
			const seen = await readConversation(db(), bram, groupId);
			expect(seen.messages.map((m) => [m.name, m.from, m.body])).toEqual([['Anna', 'other', 'Wie gaat zaterdag mee naar de markt? <b>Gezellig</b>']]);
			expect(seen.others.map((o) => o.name)).toEqual(['Anna', 'Cor', 'Dewi']);
		});

		it('each member hears of a new message as they chose (not Dewi, who turned it off; not Bram, who read it already), never its text or who wrote it', async () => {
			await jobsDone(db(), ['message-notice']);
			expect(mailsTo(cor)).toHaveLength(1);
			expect(mailsTo(dewi)).toHaveLength(0);
			expect(mailsTo(anna)).toHaveLength(0);
			for (const mail of mailer.sent) expect(mail.subject + mail.text).not.toMatch(/markt|Gezellig|Anna/);
		});

		it('everyone writes in it; a message is reported to the group\'s initiative', async () => {
			expect((await sendMessage(db(), cor, groupId, 'Ik ga mee! Om tien uur bij de kerk?')).ok).toBe(true);
			const corMessage = (await readConversation(db(), anna, groupId)).messages.at(-1)!;
			expect(corMessage).toMatchObject({ name: 'Cor', from: 'other' });
			const target = await reportTarget(db(), anna, 'message', corMessage.id);
			expect(target.initiatives.map((i) => i.name)).toEqual(['De Kroon']);
		});

		it('"geen contact meer" with one member is chosen in the group: the two of them no longer write there, the others go on', async () => {
			expect((await setBlocked(db(), bram, groupId, true, cor.userId)).name).toBe('Cor');
			expect(await sendMessage(db(), cor, groupId, 'Hallo?')).toEqual({ ok: false, error: 'closed' });
			expect(await sendMessage(db(), bram, groupId, 'Hallo?')).toEqual({ ok: false, error: 'closed' });
			expect((await sendMessage(db(), dewi, groupId, 'Ik neem koffie mee.')).ok).toBe(true);
			await setBlocked(db(), bram, groupId, false, cor.userId);
			expect((await sendMessage(db(), cor, groupId, 'Fijn, tot zaterdag.')).ok).toBe(true);
		});

		it('who leaves reads it no more and hears no more; what they wrote stays with their name; a pair cannot be left', async () => {
			await leaveConversation(db(), cor, groupId);
			await expect(readConversation(db(), cor, groupId)).rejects.toThrow();
			const seen = await readConversation(db(), anna, groupId);
			expect(seen.messages.filter((m) => m.name === 'Cor').length).toBe(2);
			expect(seen.others.map((o) => o.name)).toEqual(['Bram', 'Dewi']);
			const before = mailsTo(cor).length;
			await sendMessage(db(), bram, groupId, 'Jammer dat Cor weg is.');
			await jobsDone(db(), ['message-notice']);
			expect(mailsTo(cor)).toHaveLength(before);
		});

		it('the export holds the group with my own messages only', async () => {
			const exported = JSON.stringify(await messagesPersonalData.collect(db(), dewi));
			expect(exported).toContain('Ik neem koffie mee.');
			expect(exported).not.toMatch(/markt|Jammer/);
		});

		it('who leaves the initiative (or is removed) leaves its groups too; what they wrote stays', async () => {
			expect(await leaveInitiative(db(), dewi, kroon)).toMatchObject({ ok: true });
			await expect(readConversation(db(), dewi, groupId)).rejects.toThrow();
			expect((await listConversations(db(), dewi)).conversations).toEqual([]);
			const seen = await readConversation(db(), anna, groupId);
			expect(seen.others.map((o) => o.name)).toEqual(['Bram']);
			expect(seen.messages.some((m) => m.name === 'Dewi' && m.body === 'Ik neem koffie mee.')).toBe(true);
		});
	});
}
