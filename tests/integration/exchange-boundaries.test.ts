import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFound } from '#lib/server/access/core.ts';
import type { SignedIn } from '#lib/server/accounts/viewer.ts';
import type { Database } from '#lib/server/db/index.ts';
import type { PostInput } from '#lib/server/exchange/forms.ts';
import { exchangeQueues, POST_ENDING_QUEUE, scanEndingPosts } from '#lib/server/exchange/notices.ts';
import { endPause, extendPost, startPause } from '#lib/server/exchange/pause.ts';
import { createPost, getPost, listPosts, setPostClosed, today } from '#lib/server/exchange/service.ts';
import { membership } from '#lib/server/initiatives/schema.ts';
import { createInitiative, type Initiative } from '#lib/server/initiatives/service.ts';
import { startJobRunner, useJobRunner, type JobRunner } from '#lib/server/jobs/index.ts';
import { messageDigest, messageQueues } from '#lib/server/messages/notices.ts';
import { readConversation, respondToPost, sendMessage, MESSAGE_NOTICE_QUEUE } from '#lib/server/messages/service.ts';
import { mayRespondTo, setWhoMayWrite } from '#lib/server/messages/settings.ts';
import { DIGEST_MAIL_QUEUE, digestQueues, scheduleDigests } from '#lib/server/notify/digest.ts';
import { modeWithLink, noticeMode, setModeWithLink, setNoticeMode } from '#lib/server/notify/preferences.ts';
import { exportPersonalData } from '#lib/server/personal-data/index.ts';
import { recordingMailer } from '../helpers/accounts.ts';
import { databases } from '../helpers/databases.ts';
import { jobsDone } from '../helpers/jobs.ts';
import { makePerson } from '../helpers/people.ts';

const ORIGIN = 'http://herstelplein.test';
const SECRET = 'x'.repeat(32);
const DAY = 24 * 3_600_000;
const QUEUES = [MESSAGE_NOTICE_QUEUE, DIGEST_MAIL_QUEUE, POST_ENDING_QUEUE];

const withoutLinks = (text: string) => text.replace(/https?:\/\/\S+/g, '');

/** The day `days` from now in Amsterdam, as an end day is written. */
const inDays = (days: number) => today(new Date(Date.now() + days * DAY));

for (const target of databases) {
	describe.skipIf(target.skip)(`boundaries and notice settings on ${target.name}`, () => {
		let database: Database & { drop(): Promise<void> };
		let runner: JobRunner;
		const mailer = recordingMailer();
		let anna: SignedIn, bram: SignedIn, cas: SignedIn, dewi: SignedIn;
		let kroon: Initiative;
		let formsPost: string, cookingPost: string, conversationId: string;
		const input = (overrides: Partial<PostInput> = {}): PostInput => ({
			kind: 'offer',
			title: 'Ik help met formulieren',
			body: 'Belastingaangifte en toeslagen',
			theme: 'formulieren-en-geld',
			town: 'Zwolle',
			online: false,
			audience: 'initiative',
			endsOn: null,
			initiativeId: kroon.id,
			...overrides
		});
		const mailsTo = (p: SignedIn) => mailer.sent.filter((m) => m.to === p.email);
		const settle = () => jobsDone(database.db, QUEUES);
		/** A moment after the next digest moment: everything waiting so far goes out. */
		const afterNextDigest = () => new Date(Date.now() + DAY + 60_000);

		beforeAll(async () => {
			database = await target.open();
			const ctx = { db: database.db, mailer, origin: ORIGIN, secret: SECRET };
			runner = await startJobRunner(database, { ...messageQueues(ctx), ...exchangeQueues(ctx), ...digestQueues(ctx, { messages: messageDigest }) }, { pollingIntervalSeconds: 0.5 });
			useJobRunner(runner);
			const admin = await makePerson(database.db, 'Beheer', { isAdmin: true });
			[anna, bram, cas, dewi] = await Promise.all(['Anna', 'Bram', 'Cas', 'Dewi'].map((name) => makePerson(database.db, name)));
			const result = await createInitiative(database.db, admin, { name: 'De Kroon', town: 'Zwolle', slug: '', description: '', joinPolicy: 'invite' });
			if (!result.ok) throw new Error(result.error);
			kroon = result.initiative;
			await database.db.insert(membership).values([anna, bram, cas, dewi].map((p) => ({ initiativeId: kroon.id, userId: p.userId })));
			formsPost = (await createPost(database.db, anna, input())).id;
			cookingPost = (await createPost(database.db, anna, input({ title: 'Samen koken', theme: 'koken-en-eten', body: 'Op donderdag' }))).id;
		});
		afterAll(async () => {
			useJobRunner(undefined);
			await runner?.stop();
			await database?.drop();
		});

		it('"meteen" (the default): a mail at once, without the text or the writer, with a link that changes these mails without signing in', async () => {
			const result = await respondToPost(database.db, bram, formsPost, 'Hoi Anna, wil je helpen met mijn toeslag?');
			if (!result.ok) throw new Error(result.error);
			conversationId = result.conversationId;
			await settle();
			const [mail] = mailsTo(anna);
			expect(mail.text).toContain(`${ORIGIN}/berichten/${conversationId}`);
			expect(withoutLinks(mail.text) + mail.subject).not.toMatch(/toeslag|Bram|formulieren/);
			const link = new URL(mail.text.match(/http:\/\/herstelplein\.test\/e-mail-instellen\?\S+/)![0]);
			const [kind, token] = [link.searchParams.get('soort'), link.searchParams.get('token')!];
			expect(await modeWithLink(database.db, SECRET, kind, token)).toEqual({ kind: 'messages', mode: 'now' });
			// The link cannot change another kind, or set a choice the kind does not offer.
			expect(await setModeWithLink(database.db, SECRET, 'post-ending', token, 'off')).toBe(false);
			expect(await setModeWithLink(database.db, SECRET, kind, token, 'sometimes')).toBe(false);
			expect(await setModeWithLink(database.db, SECRET, kind, token, 'daily')).toBe(true);
			expect(await noticeMode(database.db, 'messages', anna.userId)).toBe('daily');
		});

		it('"één keer per dag": no mail at once; one digest at 18:00 counting the conversations with new messages, never their text or writers; nothing twice', async () => {
			const before = mailsTo(anna).length;
			await sendMessage(database.db, bram, conversationId, 'Kan het dinsdag?');
			const cooking = await respondToPost(database.db, cas, cookingPost, 'Ik kook graag mee, zondag?');
			expect(cooking.ok).toBe(true);
			await settle();
			expect(mailsTo(anna)).toHaveLength(before);
			// Waiting items go out only after the next digest moment.
			expect(await scheduleDigests(database.db)).toBe(0);
			expect(await scheduleDigests(database.db, afterNextDigest())).toBe(1);
			await settle();
			const digests = mailsTo(anna).slice(before);
			expect(digests).toHaveLength(1);
			expect(digests[0].text).toContain('in 2 gesprekken');
			expect(digests[0].text).toContain(`${ORIGIN}/berichten`);
			expect(digests[0].text).toContain(`${ORIGIN}/e-mail-instellen?soort=messages&token=`);
			// (Links left out: a signed token is random letters.)
			expect(withoutLinks(digests[0].text) + digests[0].subject).not.toMatch(/dinsdag|zondag|Bram|Cas|koken|formulieren/i);
			expect(await scheduleDigests(database.db, afterNextDigest())).toBe(0);
		});

		it('a digest counts only what is still unread when it goes out', async () => {
			const before = mailsTo(anna).length;
			await sendMessage(database.db, bram, conversationId, 'Of woensdag?');
			await sendMessage(database.db, cas, (await respondToPost(database.db, cas, cookingPost, 'Nog iets') as { conversationId: string }).conversationId, 'En nog iets');
			await readConversation(database.db, anna, conversationId);
			expect(await scheduleDigests(database.db, afterNextDigest())).toBe(1);
			await settle();
			const [digest] = mailsTo(anna).slice(before);
			expect(digest.text).toContain('in 1 gesprek');
		});

		it('"uit": no mail and no digest', async () => {
			await setNoticeMode(database.db, anna.userId, 'messages', 'off');
			const before = mailsTo(anna).length;
			await sendMessage(database.db, bram, conversationId, 'Hallo?');
			await settle();
			expect(await scheduleDigests(database.db, afterNextDigest())).toBe(0);
			await settle();
			expect(mailsTo(anna)).toHaveLength(before);
			await setNoticeMode(database.db, anna.userId, 'messages', 'now');
		});

		it('"alleen mensen aan wie ik eerst schreef": someone Anna never wrote to cannot start a conversation and is told only that she receives no new messages', async () => {
			expect(await setWhoMayWrite(database.db, anna, 'wrote_first')).toBe(true);
			expect(await setWhoMayWrite(database.db, anna, 'everyone')).toBe(false);
			expect(await mayRespondTo(database.db, dewi, formsPost)).toBe(false);
			expect(await respondToPost(database.db, dewi, formsPost, 'Mag ik ook?')).toEqual({ ok: false, error: 'not_receiving' });
			// Bram wrote first, but Anna never answered: he cannot write more either.
			expect(await sendMessage(database.db, bram, conversationId, 'Nog één vraag')).toEqual({ ok: false, error: 'not_receiving' });
			// Once Anna answers, Bram may write again, also about another post.
			expect((await sendMessage(database.db, anna, conversationId, 'Dinsdag is goed.')).ok).toBe(true);
			expect((await sendMessage(database.db, bram, conversationId, 'Fijn!')).ok).toBe(true);
			expect(await mayRespondTo(database.db, bram, cookingPost)).toBe(true);
			// "Niemand": no new conversations, but the one Anna answered stays open.
			await setWhoMayWrite(database.db, anna, 'nobody');
			expect(await mayRespondTo(database.db, bram, cookingPost)).toBe(false);
			expect((await sendMessage(database.db, bram, conversationId, 'Tot dinsdag')).ok).toBe(true);
			await setWhoMayWrite(database.db, anna, 'members');
			expect(await mayRespondTo(database.db, dewi, formsPost)).toBe(true);
		});

		it('"even pauze": others no longer find, open or answer Anna\'s posts; she still sees hers, marked as paused; ending it brings them back', async () => {
			const visibleTo = async (p: SignedIn) => (await listPosts(database.db, p)).posts.map((x) => x.id);
			expect(await visibleTo(dewi)).toContain(formsPost);
			await startPause(database.db, anna, null);
			for (const other of [bram, dewi]) {
				expect(await visibleTo(other)).toEqual([]);
				expect((await listPosts(database.db, other, { words: 'formulier' })).posts).toEqual([]);
				await expect(getPost(database.db, other, formsPost)).rejects.toThrow(NotFound);
			}
			await expect(respondToPost(database.db, dewi, formsPost, 'Hallo')).rejects.toThrow(NotFound);
			const mine = (await listPosts(database.db, anna, { mine: true })).posts;
			expect(mine.map((p) => p.paused)).toEqual([true, true]);
			expect((await getPost(database.db, anna, formsPost)).onBreak).toBe(true);
			// A pause with a last day in the past is over by itself.
			await startPause(database.db, anna, inDays(-1));
			expect(await visibleTo(dewi)).toContain(formsPost);
			await startPause(database.db, anna, inDays(7));
			expect(await visibleTo(dewi)).toEqual([]);
			await endPause(database.db, anna);
			expect(await visibleTo(dewi)).toContain(formsPost);
			expect((await getPost(database.db, anna, formsPost)).onBreak).toBe(false);
		});

		it('a few days before its end day, the writer gets one mail with a link to the post (no title, no text); a new end day gets a new one', async () => {
			const soon = (await createPost(database.db, anna, input({ kind: 'request', title: 'Wie loopt mee naar de huisarts', endsOn: inDays(2) }))).id;
			const later = (await createPost(database.db, anna, input({ title: 'Fietsles', endsOn: inDays(20) }))).id;
			const before = mailsTo(anna).length;
			expect(await scanEndingPosts(database.db)).toBe(1);
			expect(await scanEndingPosts(database.db)).toBe(0);
			await settle();
			const [mail] = mailsTo(anna).slice(before);
			expect(mail.subject).toBe('Je vraag loopt bijna af');
			expect(mail.text).toContain(`${ORIGIN}/vraag-en-aanbod/${soon}`);
			expect(mail.text).toContain(`${ORIGIN}/e-mail-instellen?soort=post-ending&token=`);
			expect(withoutLinks(mail.text)).not.toMatch(/huisarts|Fietsles/);
			// Verlengen to another day soon: a new mail for that day; far ahead: none yet.
			await extendPost(database.db, anna, soon, inDays(3));
			expect(await scanEndingPosts(database.db)).toBe(1);
			await extendPost(database.db, anna, soon, inDays(30));
			expect(await scanEndingPosts(database.db)).toBe(0);
			// Only the writer may extend.
			await expect(extendPost(database.db, bram, later, inDays(40))).rejects.toThrow(NotFound);
			// Closed posts and people who turned these mails off get none.
			await extendPost(database.db, anna, later, inDays(1));
			await setPostClosed(database.db, anna, later, true);
			expect(await scanEndingPosts(database.db)).toBe(0);
			await setPostClosed(database.db, anna, later, false);
			await setNoticeMode(database.db, anna.userId, 'post-ending', 'off');
			await extendPost(database.db, anna, later, inDays(2));
			expect(await scanEndingPosts(database.db)).toBe(0);
			await settle();
		});

		it('the export holds my choices: notices per kind, who may write to me, my pause', async () => {
			await setWhoMayWrite(database.db, anna, 'wrote_first');
			await startPause(database.db, anna, inDays(5));
			const { parts } = await exportPersonalData(database.db, anna);
			expect(parts.noticeSettings).toMatchObject({ choices: expect.arrayContaining([expect.objectContaining({ kind: 'post-ending', mode: 'off' })]) });
			expect(parts.conversations).toMatchObject({ whoMayWriteToMe: 'wrote_first' });
			expect(parts.exchangePause).toMatchObject({ until: inDays(5) });
			const other = await exportPersonalData(database.db, dewi);
			expect(other.parts.noticeSettings).toEqual({ choices: [], waitingForDigest: [] });
			expect(other.parts.exchangePause).toBeNull();
		});
	});
}
