import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFound, SignInRequired } from '#lib/server/access/core.ts';
import { unreadInbox } from '#lib/server/announcements/inbox.ts';
import { user } from '#lib/server/accounts/schema.ts';
import type { SignedIn } from '#lib/server/accounts/viewer.ts';
import type { Database } from '#lib/server/db/index.ts';
import type { PostInput } from '#lib/server/exchange/forms.ts';
import { createPost, getPost, listPosts } from '#lib/server/exchange/service.ts';
import { createInitiative, type Initiative } from '#lib/server/initiatives/service.ts';
import { membership } from '#lib/server/initiatives/schema.ts';
import { startJobRunner, useJobRunner, type JobRunner } from '#lib/server/jobs/index.ts';
import { messageQueues } from '#lib/server/messages/notices.ts';
import { messagesPersonalData } from '#lib/server/messages/personal-data.ts';
import { conversationMember } from '#lib/server/messages/schema.ts';
import {
	listConversations,
	MESSAGE_LIMITS,
	MESSAGE_MAX,
	readConversation,
	respondToPost,
	sendMessage,
	setBlocked
} from '#lib/server/messages/service.ts';
import { recordingMailer } from '../helpers/accounts.ts';
import { databases } from '../helpers/databases.ts';
import { makePerson } from '../helpers/people.ts';

const ORIGIN = 'http://herstelplein.test';
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const target of databases) {
	describe.skipIf(target.skip)(`conversations on ${target.name}`, () => {
		let database: Database & { drop(): Promise<void> };
		let runner: JobRunner;
		const mailer = recordingMailer();
		let admin: SignedIn, anna: SignedIn, bram: SignedIn, coordinator: SignedIn, dewi: SignedIn, eva: SignedIn;
		let kroon: Initiative;
		let formsPost: string, conversationId: string;
		const input = (overrides: Partial<PostInput> = {}): PostInput => ({
			kind: 'offer',
			title: 'Ik help met formulieren',
			body: '',
			theme: 'formulieren-en-geld',
			town: 'Zwolle',
			online: false,
			audience: 'initiative',
			endsOn: null,
			initiativeId: kroon.id,
			...overrides
		});
		const mailsTo = (p: SignedIn) => mailer.sent.filter((m) => m.to === p.email);

		beforeAll(async () => {
			database = await target.open();
			runner = await startJobRunner(database, messageQueues({ db: database.db, mailer, origin: ORIGIN, secret: 'x'.repeat(32) }), { pollingIntervalSeconds: 0.5 });
			useJobRunner(runner);
			admin = await makePerson(database.db, 'Beheer', { isAdmin: true });
			anna = await makePerson(database.db, 'Anna');
			bram = await makePerson(database.db, 'Bram');
			coordinator = await makePerson(database.db, 'Cas');
			dewi = await makePerson(database.db, 'Dewi');
			eva = await makePerson(database.db, 'Eva');
			const result = await createInitiative(database.db, admin, { name: 'De Kroon', town: 'Zwolle', slug: '', description: '', joinPolicy: 'invite' });
			if (!result.ok) throw new Error(result.error);
			kroon = result.initiative;
			await database.db.delete(membership);
			await database.db.insert(membership).values([
				{ initiativeId: kroon.id, userId: anna.userId },
				{ initiativeId: kroon.id, userId: bram.userId },
				{ initiativeId: kroon.id, userId: coordinator.userId, role: 'coordinator' },
				{ initiativeId: kroon.id, userId: dewi.userId },
				{ initiativeId: kroon.id, userId: eva.userId },
				{ initiativeId: kroon.id, userId: admin.userId }
			]);
			formsPost = (await createPost(database.db, anna, input())).id;
		});
		afterAll(async () => {
			useJobRunner(undefined);
			await runner?.stop();
			await database?.drop();
		});

		it('"Ik wil helpen" opens a conversation with the writer of the post; both see it, unread marked for the writer', async () => {
			const result = await respondToPost(database.db, bram, formsPost, 'Hoi Anna, kun je me helpen met mijn toeslag? https://www.toeslagen.nl');
			expect(result.ok).toBe(true);
			if (!result.ok) return;
			conversationId = result.conversationId;
			expect(await unreadInbox(database.db, anna)).toBe(1);
			expect(await unreadInbox(database.db, bram)).toBe(0);
			// Not on the conversation's own page: showing it reads it.
			expect(await unreadInbox(database.db, anna, conversationId)).toBe(0);
			const [inbox] = (await listConversations(database.db, anna)).conversations;
			expect(inbox).toMatchObject({ id: conversationId, with: 'Bram', about: 'Ik help met formulieren', unread: true });
			const read = await readConversation(database.db, anna, conversationId);
			expect(read.messages.map((m) => [m.from, m.body])).toEqual([['other', 'Hoi Anna, kun je me helpen met mijn toeslag? https://www.toeslagen.nl']]);
			expect(await unreadInbox(database.db, anna)).toBe(0);
			// Responding again about the same post goes to the same conversation.
			const again = await respondToPost(database.db, bram, formsPost, 'Nog een vraag.');
			expect(again.ok && again.conversationId).toBe(conversationId);
		});

		it('nobody but its two members reads it: not a coordinator, not the admin, not another member, not signed out', async () => {
			for (const outsider of [coordinator, admin, dewi]) {
				await expect(readConversation(database.db, outsider, conversationId)).rejects.toThrow(NotFound);
				await expect(sendMessage(database.db, outsider, conversationId, 'Ik lees mee')).rejects.toThrow(NotFound);
				expect((await listConversations(database.db, outsider)).conversations).toEqual([]);
				expect(await messagesPersonalData.collect(database.db, outsider)).toEqual({ conversations: [], noContactWith: [] });
			}
			await expect(readConversation(database.db, null, conversationId)).rejects.toThrow(SignInRequired);
		});

		it('the writer of a post cannot respond to it themselves', async () => {
			await expect(respondToPost(database.db, anna, formsPost, 'Aan mezelf')).rejects.toThrow(NotFound);
		});

		it('an empty message or one over the limit is refused, and nothing is saved', async () => {
			expect(await sendMessage(database.db, anna, conversationId, '   ')).toEqual({ ok: false, error: 'empty' });
			expect(await sendMessage(database.db, anna, conversationId, 'x'.repeat(MESSAGE_MAX + 1))).toEqual({ ok: false, error: 'too_long' });
			expect((await readConversation(database.db, anna, conversationId)).messages).toHaveLength(2);
		});

		it('a mail tells of a new message without its text or who wrote it, at most once an hour per conversation', async () => {
			await sendMessage(database.db, anna, conversationId, 'Ja hoor, kom dinsdag langs.');
			await sendMessage(database.db, anna, conversationId, 'Om tien uur?');
			const deadline = Date.now() + 20_000;
			while (mailsTo(bram).length === 0 && Date.now() < deadline) await wait(100);
			await wait(2000);
			const mails = mailsTo(bram);
			expect(mails).toHaveLength(1);
			expect(mails[0].text).toContain(`${ORIGIN}/berichten/${conversationId}`);
			expect(mails[0].text + mails[0].subject).not.toMatch(/dinsdag|tien uur|Anna|formulieren/);
		});

		it('pages through a long conversation, newest page first', async () => {
			for (let i = 0; i < 5; i++) await sendMessage(database.db, bram, conversationId, `Bericht ${i}`);
			const newest = await readConversation(database.db, bram, conversationId, undefined, 3);
			expect(newest.messages.map((m) => m.body)).toEqual(['Bericht 2', 'Bericht 3', 'Bericht 4']);
			const earlier = await readConversation(database.db, bram, conversationId, newest.earlier!, 3);
			expect(earlier.messages.map((m) => m.body)).toEqual(['Om tien uur?', 'Bericht 0', 'Bericht 1']);
		});

		it('"geen contact meer": the blocked person cannot reply or start a conversation and no longer sees the posts; they are not told', async () => {
			const evaPost = (await createPost(database.db, anna, input({ title: 'Samen koken', theme: 'koken-en-eten' }))).id;
			const { name } = await setBlocked(database.db, anna, conversationId, true);
			expect(name).toBe('Bram');
			expect(await sendMessage(database.db, bram, conversationId, 'Hallo?')).toEqual({ ok: false, error: 'closed' });
			const seen = await readConversation(database.db, bram, conversationId);
			expect(seen.canWrite).toBe(false);
			expect(seen.block).toBe('byThem');
			await expect(getPost(database.db, bram, evaPost)).rejects.toThrow(NotFound);
			expect((await listPosts(database.db, bram)).posts.map((p) => p.title)).not.toContain('Samen koken');
			await expect(respondToPost(database.db, bram, evaPost, 'Mag ik mee?')).rejects.toThrow(NotFound);
			// Others still see it and can respond.
			expect((await respondToPost(database.db, eva, evaPost, 'Mag ik mee?')).ok).toBe(true);
			// The blocker cannot write either while it lasts; lifting it opens the conversation again.
			expect(await sendMessage(database.db, anna, conversationId, 'Toch nog even')).toEqual({ ok: false, error: 'closed' });
			await setBlocked(database.db, anna, conversationId, false);
			expect((await sendMessage(database.db, bram, conversationId, 'Dank je!')).ok).toBe(true);
		});

		it('too many messages in a short time are refused for that account only', async () => {
			const [evaConversation] = (await listConversations(database.db, eva)).conversations;
			const results = [];
			for (let i = 0; i < MESSAGE_LIMITS.messages.max + 2; i++) results.push(await sendMessage(database.db, eva, evaConversation.id, `Vraagje ${i}`));
			expect(results.filter((r) => r.ok).length).toBeLessThan(MESSAGE_LIMITS.messages.max);
			expect(results.at(-1)).toEqual({ ok: false, error: 'rate_limited' });
			expect((await readConversation(database.db, eva, evaConversation.id, undefined, 100)).messages.some((m) => m.body === `Vraagje ${MESSAGE_LIMITS.messages.max + 1}`)).toBe(false);
			expect((await sendMessage(database.db, bram, conversationId, 'Ik mag nog wel')).ok).toBe(true);
		});

		it('the export holds my conversations with my own messages only', async () => {
			const exported = (await messagesPersonalData.collect(database.db, bram)) as { conversations: Array<{ with: string; myMessages: Array<{ text: string }> }> };
			const [c] = exported.conversations;
			expect(c.with).toBe('Anna');
			expect(c.myMessages.map((m) => m.text)).toContain('Dank je!');
			expect(c.myMessages.map((m) => m.text)).not.toContain('Ja hoor, kom dinsdag langs.');
		});

		it('after an account is deleted its messages stay for the other as "(verwijderd account)", its posts go', async () => {
			await database.db.delete(user).where(eq(user.id, anna.userId));
			const seen = await readConversation(database.db, bram, conversationId);
			expect(seen.other).toBeNull();
			expect(seen.canWrite).toBe(false);
			expect(seen.messages.find((m) => m.body === 'Ja hoor, kom dinsdag langs.')?.from).toBe('gone');
			expect(seen.about).toBeNull();
			expect((await listConversations(database.db, bram)).conversations[0].with).toBeNull();
			expect(await database.db.select().from(conversationMember).where(eq(conversationMember.userId, anna.userId))).toEqual([]);
			expect((await listPosts(database.db, bram)).posts).toEqual([]);
		});
	});
}
