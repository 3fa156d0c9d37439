import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { NotFound, SignInRequired } from '#lib/server/access/core.ts';
import { initiativeFor } from '#lib/server/access/initiatives.ts';
import type { SignedIn, Viewer } from '#lib/server/accounts/viewer.ts';
import { queryRows, type Database, type Db } from '#lib/server/db/index.ts';
import { acceptInvite, createInviteLink, inspectInvite, invitedAlready, listActiveInvites, revokeInvite, sendInvites } from '#lib/server/initiatives/invites.ts';
import { LIMITS } from '#lib/server/accounts/rate-limit.ts';
import { joinOpenInitiative, leaveInitiative, membersPage, removeMember, setMemberRole, setShowName } from '#lib/server/initiatives/memberships.ts';
import { createInitiative, listPublished, setInitiativeStatus, type Initiative } from '#lib/server/initiatives/service.ts';
import { invite } from '#lib/server/initiatives/schema.ts';
import type { Mail } from '#lib/server/mail/index.ts';
import { databases } from '../helpers/databases.ts';
import { makePerson } from '../helpers/people.ts';

/** The members page's list and hidden count, as the page reads them (access decided in `membersPage`). */
const listMembers = async (db: Db, viewer: Viewer, id: string, page?: { limit: number; offset: number }) => (await membersPage(db, viewer, { id }, page)).members;
const hiddenMemberCount = async (db: Db, viewer: Viewer, id: string) => (await membersPage(db, viewer, { id })).hidden;

for (const target of databases) {
	describe.skipIf(target.skip)(`initiatives and membership on ${target.name}`, () => {
		let database: Database & { drop(): Promise<void> };
		let admin: SignedIn, anna: SignedIn, bram: SignedIn, cor: SignedIn, dewi: SignedIn;
		let kroon: Initiative, anker: Initiative;

		async function start(viewer: SignedIn, name: string, joinPolicy: 'open' | 'invite' = 'invite') {
			const result = await createInitiative(database.db, viewer, { name, town: 'Zwolle', slug: '', description: '', joinPolicy });
			if (!result.ok) throw new Error(result.error);
			return result.initiative;
		}
		async function join(viewer: SignedIn, initiative: Initiative) {
			const { token } = await createInviteLink(database.db, admin.userId === viewer.userId ? admin : coordinatorOf(initiative), initiative.id, { maxUses: 1, days: 7 });
			const result = await acceptInvite(database.db, viewer, token);
			expect(result.ok).toBe(true);
		}
		const coordinatorOf = (i: Initiative) => (i.id === kroon.id ? anna : cor);

		beforeAll(async () => {
			database = await target.open();
			admin = await makePerson(database.db, 'Beheer', { isAdmin: true });
			anna = await makePerson(database.db, 'Anna');
			bram = await makePerson(database.db, 'Bram');
			cor = await makePerson(database.db, 'Cor');
			dewi = await makePerson(database.db, 'Dewi');
			kroon = await start(anna, 'De Kroon');
			anker = await start(cor, 'Het Anker');
			await join(bram, kroon);
		});
		afterAll(() => database?.drop());

		it('a new initiative waits for approval and its starter becomes coordinator', async () => {
			expect(kroon.status).toBe('pending');
			expect((await initiativeFor(database.db, anna, { id: kroon.id })).role).toBe('coordinator');
			const byAdmin = await start(admin, 'Het Baken');
			expect(byAdmin.status).toBe('published');
		});

		it('an initiative cannot take the address of a page of its own, such as the map', async () => {
			for (const name of ['Kaart', 'Nieuw']) {
				expect(await createInitiative(database.db, dewi, { name, town: 'Zwolle', slug: '', description: '', joinPolicy: 'invite' })).toEqual({ ok: false, field: 'slug', error: 'initiative_error_slug_taken' });
			}
			expect(await createInitiative(database.db, dewi, { name: 'De Kaart', town: 'Zwolle', slug: 'kaart', description: '', joinPolicy: 'invite' })).toMatchObject({ ok: false, field: 'slug' });
		});

		it('a pending initiative is hidden from everyone but its members and the admin', async () => {
			await expect(initiativeFor(database.db, null, { id: kroon.id })).rejects.toThrow(NotFound);
			await expect(initiativeFor(database.db, dewi, { id: kroon.id })).rejects.toThrow(NotFound);
			await expect(initiativeFor(database.db, cor, { slug: kroon.slug })).rejects.toThrow(NotFound);
			expect((await initiativeFor(database.db, bram, { id: kroon.id })).role).toBe('member');
			expect((await initiativeFor(database.db, admin, { id: kroon.id })).role).toBeNull();
			expect((await listPublished(database.db, { limit: 50, offset: 0 })).map((i) => i.slug)).not.toContain(kroon.slug);
		});

		it('only the admin approves, and then the initiative is public', async () => {
			await expect(setInitiativeStatus(database.db, anna, kroon.id, 'published')).rejects.toThrow(NotFound);
			await setInitiativeStatus(database.db, admin, kroon.id, 'published');
			expect((await initiativeFor(database.db, null, { slug: kroon.slug })).role).toBeNull();
			expect((await listPublished(database.db, { limit: 50, offset: 0 })).map((i) => i.slug)).toContain(kroon.slug);
		});

		it('members see each other by name, never by e-mail address', async () => {
			// Both chose "laat mijn naam zien in de ledenlijst" (see 'the member list' below for who does not).
			await setShowName(database.db, anna, kroon.id, true);
			await setShowName(database.db, bram, kroon.id, true);
			const members = await listMembers(database.db, bram, kroon.id);
			expect(members.map((m) => [m.name, m.role])).toEqual([
				['Anna', 'coordinator'],
				['Bram', 'member']
			]);
			expect(JSON.stringify(members)).not.toContain('@');
			// A big initiative is shown one page at a time, in the same order.
			const second = await listMembers(database.db, bram, kroon.id, { limit: 1, offset: 1 });
			expect(second.map((m) => m.name)).toEqual(['Bram']);
		});

		it('a member of one initiative cannot see the members of another', async () => {
			await expect(listMembers(database.db, cor, kroon.id)).rejects.toThrow(NotFound);
			await expect(listMembers(database.db, null, kroon.id)).rejects.toThrow(SignInRequired);
			await expect(listMembers(database.db, admin, anker.id)).rejects.toThrow(NotFound);
		});

		it('only coordinators invite, change roles and remove members', async () => {
			await expect(createInviteLink(database.db, bram, kroon.id, { maxUses: null, days: 7 })).rejects.toThrow(NotFound);
			await expect(listActiveInvites(database.db, bram, kroon.id)).rejects.toThrow(NotFound);
			await expect(setMemberRole(database.db, bram, kroon.id, bram.userId, 'coordinator')).rejects.toThrow(NotFound);
			await expect(removeMember(database.db, bram, kroon.id, anna.userId)).rejects.toThrow(NotFound);
			await expect(createInviteLink(database.db, anna, anker.id, { maxUses: null, days: 7 })).rejects.toThrow(NotFound);
		});

		it('the last coordinator cannot leave or step down while others rely on the initiative', async () => {
			expect(await leaveInitiative(database.db, anna, kroon.id)).toEqual({ ok: false, error: 'last_coordinator' });
			expect(await setMemberRole(database.db, anna, kroon.id, anna.userId, 'member')).toEqual({ ok: false, error: 'last_coordinator' });
			expect(await setMemberRole(database.db, anna, kroon.id, bram.userId, 'coordinator')).toEqual({ ok: true });
			expect(await setMemberRole(database.db, bram, kroon.id, anna.userId, 'member')).toEqual({ ok: true });
			expect(await leaveInitiative(database.db, bram, kroon.id)).toEqual({ ok: false, error: 'last_coordinator' });
			expect(await setMemberRole(database.db, bram, kroon.id, anna.userId, 'coordinator')).toEqual({ ok: true });
		});

		it('a coordinator removes a member, who then no longer sees the members', async () => {
			await join(dewi, kroon);
			expect(await removeMember(database.db, anna, kroon.id, dewi.userId)).toEqual({ ok: true });
			await expect(listMembers(database.db, dewi, kroon.id)).rejects.toThrow(NotFound);
		});

		it('a single-use invite admits exactly one person, even with simultaneous clicks', async () => {
			const { token } = await createInviteLink(database.db, cor, anker.id, { maxUses: 1, days: 7 });
			const eva = await makePerson(database.db, 'Eva');
			const fenna = await makePerson(database.db, 'Fenna');
			const results = await Promise.all([acceptInvite(database.db, eva, token), acceptInvite(database.db, fenna, token)]);
			expect(results.filter((r) => r.ok)).toHaveLength(1);
			expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, state: 'used' }]);
			expect(await listMembers(database.db, cor, anker.id)).toHaveLength(2);
		});

		it('a member who opens an invite again does not use it up', async () => {
			const { token } = await createInviteLink(database.db, anna, kroon.id, { maxUses: 1, days: 7 });
			expect(await acceptInvite(database.db, bram, token)).toMatchObject({ ok: true, alreadyMember: true });
			expect((await inspectInvite(database.db, token)).state).toBe('valid');
		});

		it('expired, revoked and unknown invites are refused with their reason', async () => {
			const expired = await createInviteLink(database.db, anna, kroon.id, { maxUses: null, days: 1 });
			await database.db.update(invite).set({ expiresAt: sql`now() - interval '1 minute'` }).where(sql`${invite.id} = ${expired.invite.id}`);
			const revoked = await createInviteLink(database.db, anna, kroon.id, { maxUses: null, days: 7 });
			await revokeInvite(database.db, anna, kroon.id, revoked.invite.id);
			const gina = await makePerson(database.db, 'Gina');
			expect(await acceptInvite(database.db, gina, expired.token)).toEqual({ ok: false, state: 'expired' });
			expect(await acceptInvite(database.db, gina, revoked.token)).toEqual({ ok: false, state: 'revoked' });
			expect(await acceptInvite(database.db, gina, 'verzonnen')).toEqual({ ok: false, state: 'unknown' });
			expect(await acceptInvite(database.db, gina, 'x'.repeat(5000))).toEqual({ ok: false, state: 'unknown' });
			expect((await inspectInvite(database.db, revoked.token)).state).toBe('revoked');
			const active = await listActiveInvites(database.db, anna, kroon.id);
			expect(active.map((i) => i.id)).not.toContain(expired.invite.id);
			expect(active.map((i) => i.id)).not.toContain(revoked.invite.id);
		});

		it('only the hash of an invite token is stored', async () => {
			const { token, invite: made } = await createInviteLink(database.db, anna, kroon.id, { maxUses: null, days: 7 });
			const rows = await database.db.select().from(invite).where(sql`${invite.id} = ${made.id}`);
			expect(JSON.stringify(rows)).not.toContain(token);
		});

		it('invites by e-mail: one single-use link per address, nobody gets an account', async () => {
			const sent: Mail[] = [];
			const mailer = { send: async (mail: Mail) => void sent.push(mail) };
			const result = await sendInvites(database.db, mailer, anna, kroon.id, ['hanna@voorbeeld.test', 'ilse@voorbeeld.test'], 'https://herstelplein.test', { days: 14, message: 'Kom je ook?' });
			expect(result).toEqual({ ok: true, sent: 2 });
			expect(sent.map((m) => m.to)).toEqual(['hanna@voorbeeld.test', 'ilse@voorbeeld.test']);
			const link = sent[0].text.match(/https:\/\/herstelplein\.test\/uitnodiging\/(\S+)/);
			expect(link).not.toBeNull();
			expect(sent[0].text).toContain('Kom je ook?');
			expect(sent[0].text).toContain('De Kroon');
			const accounts = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from app_user where email like 'hanna%'`);
			expect(accounts[0].n).toBe(0);
			expect((await inspectInvite(database.db, decodeURIComponent(link![1]))).state).toBe('valid');
			await expect(sendInvites(database.db, mailer, dewi, kroon.id, ['x@voorbeeld.test'], 'https://h.test', { days: 1 })).rejects.toThrow(NotFound);

			// A second preview notes who already has a working invite; only coordinators may ask.
			const invited = await invitedAlready(database.db, anna, kroon.id, ['hanna@voorbeeld.test', 'nieuw@voorbeeld.test']);
			expect([...invited.keys()]).toEqual(['hanna@voorbeeld.test']);
			await expect(invitedAlready(database.db, dewi, kroon.id, ['hanna@voorbeeld.test'])).rejects.toThrow(NotFound);
		});

		it('anyone signed in may join an open initiative, but not an invite-only one', async () => {
			const open = await start(admin, 'De Open Deur', 'open');
			expect(await joinOpenInitiative(database.db, dewi, open.id)).toEqual({ ok: true });
			expect(await joinOpenInitiative(database.db, dewi, open.id)).toEqual({ ok: true });
			expect((await listMembers(database.db, dewi, open.id)).filter((m) => m.name === 'Dewi')).toHaveLength(1);
			expect(await joinOpenInitiative(database.db, dewi, kroon.id)).toEqual({ ok: false, error: 'not_open' });
			await expect(joinOpenInitiative(database.db, null, open.id)).rejects.toThrow(SignInRequired);
		});

		describe('the member list (membership is sensitive)', () => {
			let open: Initiative, coordinator: SignedIn, shown: SignedIn, hidden: SignedIn, member: SignedIn;
			beforeAll(async () => {
				coordinator = await makePerson(database.db, 'Gerrit');
				open = await start(coordinator, 'De Ledenlijst');
				await setInitiativeStatus(database.db, admin, open.id, 'published');
				[shown, hidden, member] = [await makePerson(database.db, 'Zichtbaar'), await makePerson(database.db, 'Verborgen'), await makePerson(database.db, 'Lid')];
				for (const p of [shown, hidden, member]) {
					const { token } = await createInviteLink(database.db, coordinator, open.id, { maxUses: 1, days: 7 });
					expect((await acceptInvite(database.db, p, token)).ok).toBe(true);
				}
				await setShowName(database.db, shown, open.id, true);
			});
			const names = async (viewer: SignedIn) => (await listMembers(database.db, viewer, open.id)).map((m) => m.name).sort();

			it('a member does not see the name of a member who did not choose to show it', async () => {
				expect(await names(member)).toEqual(['Lid', 'Zichtbaar']);
				expect(await hiddenMemberCount(database.db, member, open.id)).toBe(2);
				// Only coordinators see who asks to take part; the page knows the member's own choice.
				expect(await membersPage(database.db, member, { id: open.id })).toMatchObject({ role: 'member', requests: null, showMyName: false });
				expect(await membersPage(database.db, shown, { id: open.id })).toMatchObject({ showMyName: true });
				// Off by default, also for a coordinator's own name; a member may turn it off again.
				await setShowName(database.db, shown, open.id, false);
				expect(await names(member)).toEqual(['Lid']);
				await setShowName(database.db, shown, open.id, true);
			});

			it('a coordinator sees all names', async () => {
				expect(await names(coordinator)).toEqual(['Gerrit', 'Lid', 'Verborgen', 'Zichtbaar']);
				expect(await hiddenMemberCount(database.db, coordinator, open.id)).toBe(0);
				expect(await membersPage(database.db, coordinator, { id: open.id })).toMatchObject({ role: 'coordinator', requests: [] });
			});

			it('a non-member sees no list, and cannot change anyone’s choice', async () => {
				await expect(listMembers(database.db, dewi, open.id)).rejects.toThrow(NotFound);
				await expect(listMembers(database.db, null, open.id)).rejects.toThrow(SignInRequired);
				await expect(hiddenMemberCount(database.db, dewi, open.id)).rejects.toThrow(NotFound);
				await expect(setShowName(database.db, dewi, open.id, true)).rejects.toThrow(NotFound);
				// The admin is no member either.
				await expect(listMembers(database.db, admin, open.id)).rejects.toThrow(NotFound);
			});
		});

		describe('limits against misuse', () => {
			it('starting an initiative takes a confirmed e-mail address', async () => {
				const fresh = await makePerson(database.db, 'Nieuw', { confirmed: false });
				expect(await createInitiative(database.db, fresh, { name: 'Onbevestigd', town: 'Zwolle', slug: '', description: '', joinPolicy: 'open' })).toEqual({
					ok: false,
					field: 'form',
					error: 'confirm_needed_initiative'
				});
				expect((await listPublished(database.db, { limit: 500, offset: 0 })).map((i) => i.name)).not.toContain('Onbevestigd');
			});

			it('one person starts a few initiatives a day at most; a taken web address does not count', async () => {
				const starter = await makePerson(database.db, 'Starter');
				expect(await createInitiative(database.db, starter, { name: 'De Kroon', town: 'Zwolle', slug: '', description: '', joinPolicy: 'invite' })).toMatchObject({ ok: false, field: 'slug' });
				for (let i = 0; i < LIMITS.initiativesPerAccount.max; i++) await start(starter, `Starter ${i}`);
				expect(await createInitiative(database.db, starter, { name: 'Nog een', town: 'Zwolle', slug: '', description: '', joinPolicy: 'invite' })).toEqual({
					ok: false,
					field: 'form',
					error: 'limit_error_initiatives'
				});
				const [{ n }] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from initiative where name = 'Nog een'`);
				expect(n).toBe(0);
				// The admin has no such limit.
				for (let i = 0; i <= LIMITS.initiativesPerAccount.max; i++) await start(admin, `Beheer ${i}`);
			});

			it('an initiative that waits for approval sends no invitation mail', async () => {
				const starter = await makePerson(database.db, 'Wachter');
				const pending = await start(starter, 'Nog niet goedgekeurd');
				const sent: Mail[] = [];
				const result = await sendInvites(database.db, { send: async (mail) => void sent.push(mail) }, starter, pending.id, ['a@voorbeeld.test', 'b@voorbeeld.test'], 'https://h.test', { days: 7 });
				expect(result).toEqual({ ok: false, error: 'not_published' });
				expect(sent).toHaveLength(0);
				const [{ n }] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from invite where initiative_id = ${pending.id}`);
				expect(n).toBe(0);
				// An invite link (no mail from us) can already be made.
				expect((await createInviteLink(database.db, starter, pending.id, { maxUses: 1, days: 7 })).token).toBeTruthy();
			});

			it('invitation mails have a daily limit per initiative and per person; a list that does not fit sends nothing', async () => {
				const sender = await makePerson(database.db, 'Zender');
				const first = await start(sender, 'Zender Een');
				const second = await start(sender, 'Zender Twee');
				for (const i of [first, second]) await setInitiativeStatus(database.db, admin, i.id, 'published');
				const sent: Mail[] = [];
				const mailer = { send: async (mail: Mail) => void sent.push(mail) };
				const addresses = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}${i}@voorbeeld.test`);
				// Counted without sending 500 mails in a test: the day's count so far is what a real run leaves behind.
				const perInitiative = LIMITS.inviteMailsPerInitiative.max;
				await queryRows(database.db, sql`insert into rate_limit (key, count, window_start) values (${`invites:initiative:${first.id}`}, ${perInitiative - 2}, now())`);
				expect(await sendInvites(database.db, mailer, sender, first.id, addresses(3, 'een'), 'https://h.test', { days: 7 })).toEqual({ ok: false, error: 'rate_limited', left: 2 });
				expect(sent).toHaveLength(0);
				expect(await sendInvites(database.db, mailer, sender, first.id, addresses(2, 'een'), 'https://h.test', { days: 7 })).toEqual({ ok: true, sent: 2 });
				expect(await sendInvites(database.db, mailer, sender, first.id, addresses(1, 'nog'), 'https://h.test', { days: 7 })).toEqual({ ok: false, error: 'rate_limited', left: 0 });
				// The person's own limit counts over all their initiatives.
				const perAccount = LIMITS.inviteMailsPerAccount.max;
				await queryRows(database.db, sql`update rate_limit set count = ${perAccount - 1} where key = ${`invites:account:${sender.userId}`}`);
				expect(await sendInvites(database.db, mailer, sender, second.id, addresses(2, 'twee'), 'https://h.test', { days: 7 })).toEqual({ ok: false, error: 'rate_limited', left: 1 });
				expect(sent).toHaveLength(2);
			});

			it('joining an open initiative takes a confirmed address, and a few joins a day at most', async () => {
				const opens: Initiative[] = [];
				for (let i = 0; i <= LIMITS.joinsPerAccount.max; i++) {
					const made = await start(admin, `Open ${i}`, 'open');
					opens.push(made);
				}
				const fresh = await makePerson(database.db, 'Onbevestigd', { confirmed: false });
				expect(await joinOpenInitiative(database.db, fresh, opens[0].id)).toEqual({ ok: false, error: 'unconfirmed' });
				await expect(listMembers(database.db, fresh, opens[0].id)).rejects.toThrow(NotFound);

				const joiner = await makePerson(database.db, 'Joiner');
				for (let i = 0; i < LIMITS.joinsPerAccount.max; i++) expect(await joinOpenInitiative(database.db, joiner, opens[i].id)).toEqual({ ok: true });
				// Joining again where one is a member already does not count.
				expect(await joinOpenInitiative(database.db, joiner, opens[0].id)).toEqual({ ok: true });
				expect(await joinOpenInitiative(database.db, joiner, opens[LIMITS.joinsPerAccount.max].id)).toEqual({ ok: false, error: 'rate_limited' });
				await expect(listMembers(database.db, joiner, opens[LIMITS.joinsPerAccount.max].id)).rejects.toThrow(NotFound);
			});
		});

		it('two initiatives cannot share a web address', async () => {
			const again = await createInitiative(database.db, dewi, { name: 'De Kroon', town: 'Kampen', slug: '', description: '', joinPolicy: 'open' });
			expect(again).toEqual({ ok: false, field: 'slug', error: 'initiative_error_slug_taken' });
		});
	});
}
