import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq, inArray, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { createAuth } from '#lib/server/accounts/auth.ts';
import { user } from '#lib/server/accounts/schema.ts';
import { signIn as signInService, signUp as makeAccount } from '#lib/server/accounts/service.ts';
import type { SignedIn } from '#lib/server/accounts/viewer.ts';
import { refreshActivityDates } from '#lib/server/activities/dates.ts';
import { makeFeedToken } from '#lib/server/activities/feed-token.ts';
import { newConfirmToken } from '#lib/server/activities/guests/links.ts';
import { setActivityPhoto } from '#lib/server/activities/photo.ts';
import { activity, activityGuestRequest, activitySignup, activityTurnout } from '#lib/server/activities/schema.ts';
import { signUp as signUpForActivity } from '#lib/server/activities/signups.ts';
import { openDatabase, queryRows, type Database, type Db } from '#lib/server/db/index.ts';
import { acceptInvite, createInviteLink } from '#lib/server/initiatives/invites.ts';
import { contactForm, sendContactMessage } from '#lib/server/initiatives/contact.ts';
import { removeMember } from '#lib/server/initiatives/memberships.ts';
import { postForm } from '#lib/server/exchange/forms.ts';
import { EXCHANGE_THEMES } from '#lib/server/exchange/schema.ts';
import { createPost } from '#lib/server/exchange/service.ts';
import { respondToPost, startGroup } from '#lib/server/messages/service.ts';
import { announceToMembers } from '#lib/server/announcements/service.ts';
import { makeReport } from '#lib/server/moderation/reports.ts';
import { acceptDeal, confirmDone, markDone, proposeDeal, thank } from '#lib/server/deals/service.ts';
import { updateProfile } from '#lib/server/profiles/service.ts';
import { storyForm } from '#lib/server/stories/forms.ts';
import { decideNote, giveNote, waitingNotes } from '#lib/server/stories/notes.ts';
import { approveStory } from '#lib/server/stories/redactie.ts';
import { createStory } from '#lib/server/stories/service.ts';
import { initiative, membership } from '#lib/server/initiatives/schema.ts';
import { createInitiative } from '#lib/server/initiatives/service.ts';
import { referralForm } from '#lib/server/handover/forms.ts';
import { confirmHandover, submitHandover } from '#lib/server/handover/service.ts';
import { expertProfileForm } from '#lib/server/expertise/forms.ts';
import { grantPoolCoordinator } from '#lib/server/expertise/pool.ts';
import { saveExpertProfile } from '#lib/server/expertise/profile.ts';
import { addNote } from '#lib/server/impact/service.ts';
import { addBlock, updateBlock } from '#lib/server/space/blocks.ts';
import { addEntry } from '#lib/server/space/journal.ts';
import { loadKeyring } from '#lib/server/space/keyring.ts';
import { addReflection, setWeb } from '#lib/server/space/reflections.ts';
import { shareWithMember } from '#lib/server/space/shares.ts';
import { requestForm } from '#lib/server/expertise/request-forms.ts';
import { coordinatorMessage, proposeExperts } from '#lib/server/expertise/request-queue.ts';
import { confirmPoolRequest, submitPoolRequest } from '#lib/server/expertise/request-service.ts';
import { cookieHeader, from, recordingMailer } from '../helpers/accounts.ts';
import { startApp, type RunningApp } from './server.ts';
import { freshPostgres } from '../helpers/databases.ts';

/*
 * The world of the standing safety harness (issue 20): a few initiatives and
 * people, with a unique canary string planted in every kind of private data
 * that exists, and the people as personas with a signed-in session each.
 * Made with the services (as the app makes it) before the app starts, on
 * PGlite or on PostgreSQL, so both safety specs test the same world.
 */

/** Signs sessions in the seed and in the app alike, so the seed's sessions are valid in the app. */
export const SECRET = randomBytes(32).toString('base64url');

export type PersonaKey = 'anonymous' | 'otherMember' | 'member' | 'otherCoordinator' | 'coordinator' | 'admin' | 'removedMember';

/** Each persona in plain words, as the start of a sentence. */
export const PERSONAS: Array<{ key: PersonaKey; label: string }> = [
	{ key: 'anonymous', label: 'someone who is not signed in' },
	{ key: 'otherMember', label: 'a member of another initiative' },
	{ key: 'member', label: 'a member' },
	{ key: 'otherCoordinator', label: 'a coordinator of another initiative' },
	{ key: 'coordinator', label: 'a coordinator' },
	{ key: 'admin', label: 'the association admin' },
	{ key: 'removedMember', label: 'a member who was removed' }
];

export interface Persona {
	key: PersonaKey;
	/** The Cookie header of their session; empty when not signed in. */
	cookie: string;
	/** How they sign in (not for someone who is not signed in). */
	email?: string;
	password?: string;
	/** Their own calendar feed token, when they made one. */
	feedToken?: string;
	userId?: string;
}

export interface World {
	/** Every canary string, by the key of its row in the canary table. */
	canary: Record<string, string>;
	personas: Persona[];
	initiatives: { a: string; b: string; pending: string };
	/** Activity ids of the coordinator's initiative (a) and of the other (b). */
	activities: { a: string[]; b: string[] };
	/** Ids of people, for guessed URLs and hostile form fields. */
	userIds: string[];
	/** The confirmed handover to initiative a (its detail page is guessed by every persona). */
	handover: string;
	/** The confirmed request to the expertise pool (its pages are guessed by every persona). */
	poolRequest: string;
	/** Tokens that were used already or have expired: replaying them must change nothing. */
	spentTokens: { invite: string; guestConfirm: string; guestExpired: string };
	/** Expert profile ids: a published one (under a pseudonym) and an unpublished one. */
	experts: string[];
	/** The offers (one for initiative A's members, one for the network), so the hunt reaches their pages whatever else there is to crawl. */
	posts: string[];
	/** The coordinator's message to all members of A (the writer has no list of it: guessed by every persona). */
	announcements: string[];
	/** The member's herstelruimte: two block ids and the share of one of them with Otto, guessed by everyone. */
	space: { blocks: string[]; share: string };
}

export interface SafetyApp {
	app: RunningApp;
	world: World;
	/** A hash of every table's contents (rate-limit counters left out); only while the app runs on PostgreSQL, else null. */
	fingerprint(): Promise<string | null>;
	/** A hash of every table: on PGlite the app is stopped for it and started again. */
	fingerprintWithRestart(): Promise<string>;
	stop(): Promise<void>;
}

const hex = () => randomBytes(3).toString('hex');

/** A canary: letters and digits only, so no page, feed or JSON escapes or folds it differently. */
const canaryOf = (kind: string, id: string) => `kanarie${kind}${id}`;

/** Tables whose rows a refused request may change on purpose: the counters of rate limits. */
// Counters, not content: attempts per address, and the page cache's version (every write request raises it, refused or not).
const NOT_FINGERPRINTED = new Set(['rate_limit', 'content_version']);

/**
 * Run once per test run and keep the result in a file: Playwright starts a
 * new worker after a failed test, and its `beforeAll` must not run the whole
 * harness again. The data folder global-setup.ts made names the run (a
 * process id alone could be reused by the next run).
 */
export async function cachedRun<T>(name: string, run: () => Promise<T>): Promise<T> {
	const runId = process.env.E2E_DATA_DIR ? path.basename(process.env.E2E_DATA_DIR) : `${process.ppid}`;
	const file = path.join(tmpdir(), `hp-safety-${name}-${runId}.json`);
	if (existsSync(file) && Date.now() - statSync(file).mtimeMs < 30 * 60_000) return JSON.parse(readFileSync(file, 'utf8')) as T;
	const result = await run();
	writeFileSync(file, JSON.stringify(result));
	return result;
}

/** A hash of every table in the public schema, row by row in a stable order. */
export async function fingerprintOf(db: Db): Promise<string> {
	const tables = await queryRows<{ name: string }>(
		db,
		sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`
	);
	const parts = tables
		.filter((t) => !NOT_FINGERPRINTED.has(t.name))
		.map((t) => `select '${t.name}' as name, md5(coalesce(string_agg(r::text, '|' order by r::text), '')) as hash from "${t.name}" r`);
	const rows = await queryRows<{ name: string; hash: string }>(db, sql.raw(parts.join(' union all ')));
	return rows
		.sort((x, y) => x.name.localeCompare(y.name))
		.map((r) => `${r.name}:${r.hash}`)
		.join('\n');
}

/** The database a safety spec runs on: PGlite always, PostgreSQL when DATABASE_URL is set. */
export const safetyDatabases = [
	{ name: 'pglite' as const, skip: false },
	{ name: 'postgres' as const, skip: !process.env.DATABASE_URL }
];

interface Storage {
	open(): Promise<Database>;
	appEnv: Record<string, string>;
	dataDir: string;
	drop(): Promise<void>;
}

async function storage(kind: 'pglite' | 'postgres'): Promise<Storage> {
	const dataDir = mkdtempSync(path.join(tmpdir(), 'hp-safety-'));
	if (kind === 'pglite') {
		return {
			dataDir,
			open: () => openDatabase({ dataDir }),
			appEnv: { DATA_DIR: dataDir },
			drop: async () => rmSync(dataDir, { recursive: true, force: true })
		};
	}
	const fresh = await freshPostgres(process.env.DATABASE_URL, 'hp_safety');
	return {
		dataDir,
		open: () => openDatabase({ url: fresh.url }),
		appEnv: { DATA_DIR: dataDir, DATABASE_URL: fresh.url },
		async drop() {
			await fresh.drop();
			rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

/** Seed the world on a fresh database, start the app on it, and hand back both. */
export async function startSafetyApp(kind: 'pglite' | 'postgres', env: Record<string, string> = {}): Promise<SafetyApp> {
	const store = await storage(kind);
	const database = await store.open();
	let world: World;
	try {
		world = await seed(database, store.dataDir);
	} finally {
		if (kind === 'pglite') await database.close();
	}
	const appEnv = { ORIGIN: '{baseURL}', AUTH_SECRET: SECRET, LOG_LEVEL: 'fatal', ...store.appEnv, ...env };
	let app = await startApp(appEnv);
	return {
		get app() {
			return app;
		},
		world,
		fingerprint: async () => (kind === 'postgres' ? fingerprintOf(database.db) : null),
		async fingerprintWithRestart() {
			if (kind === 'postgres') return fingerprintOf(database.db);
			await app.stop();
			const copy = await store.open();
			try {
				return await fingerprintOf(copy.db);
			} finally {
				await copy.close();
				app = await startApp(appEnv);
			}
		},
		async stop() {
			await app.stop();
			if (kind === 'postgres') await database.close();
			await store.drop();
		}
	};
}

async function seed(database: Database, dataDir: string): Promise<World> {
	const { db } = database;
	// The seed's sessions are signed like the app's, so they are valid in the app.
	const accounts = { db, auth: createAuth({ db, mailer: recordingMailer(), origin: 'http://localhost', secret: SECRET }) };
	const id = hex();
	const canary: Record<string, string> = {};
	const plant = (key: string) => (canary[key] = canaryOf(key.replace(/[^a-z]/gi, ''), id));

	let ip = 0;
	const person = async (name: string, email: string, options: { admin?: boolean } = {}) => {
		const password = `wachtwoord-${randomBytes(6).toString('hex')}`;
		const made = await makeAccount(accounts, from(`10.66.0.${++ip}`), { name, email, password, locale: 'nl' });
		if (!made.ok || !made.userId) throw new Error(`could not make ${name}: ${made.ok ? 'no id' : made.error}`);
		// Confirmed addresses: the safety fixes (issue 20) may ask for one before joining or starting.
		await db.update(user).set({ emailVerified: true, isAdmin: options.admin ?? false }).where(eq(user.id, made.userId));
		const viewer: SignedIn = { userId: made.userId, name, email, locale: 'nl', isAdmin: options.admin ?? false };
		const signedIn = await signInService(accounts, from(`10.66.1.${ip}`), { email, password });
		if (!signedIn.ok) throw new Error(`could not sign in ${name}`);
		return { viewer, cookie: cookieHeader(signedIn.setCookies), email, password };
	};
	const mail = (who: string) => `${who}-${id}@voorbeeld.test`;

	const admin = await person('Beheer', mail('beheer'), { admin: true });
	const coordinator = await person('Carla', plant('coordinatoremail') + '@voorbeeld.test');
	const member = await person('Mats', mail('mats'));
	const hidden = await person(plant('membername'), plant('memberemail') + '@voorbeeld.test');
	const otherCoordinator = await person('Olga', mail('olga'));
	const otherMember = await person('Otto', mail('otto'));
	const removed = await person('Ruud', mail('ruud'));
	const starter = await person('Stijn', mail('stijn'));
	const invitee = await person('Iris', mail('iris'));

	const start = async (name: string, people: Array<[SignedIn, 'member' | 'coordinator']>) => {
		const made = await createInitiative(db, admin.viewer, { name, town: 'Zwolle', slug: '', description: '', joinPolicy: 'invite' });
		if (!made.ok) throw new Error(made.error);
		await db.delete(membership).where(eq(membership.initiativeId, made.initiative.id));
		await db.insert(membership).values(people.map(([p, role]) => ({ initiativeId: made.initiative.id, userId: p.userId, role })));
		return made.initiative;
	};
	const a = await start(`Veilige Haven ${id}`, [
		[coordinator.viewer, 'coordinator'],
		[member.viewer, 'member'],
		[hidden.viewer, 'member'],
		[removed.viewer, 'member']
	]);
	const b = await start(`Andere Plek ${id}`, [
		[otherCoordinator.viewer, 'coordinator'],
		[otherMember.viewer, 'member']
	]);
	await db.update(initiative).set({ guestSignups: true, reviewActivities: true }).where(eq(initiative.id, a.id));
	// An initiative that asked to join the network and was never approved.
	const pendingMade = await createInitiative(db, starter.viewer, {
		name: plant('pendingname'),
		town: 'Zwolle',
		// Not the name: the harness guesses this address, and a page may repeat the address it was asked for.
		slug: `wachtend-${id}`,
		description: `Wij zijn ${plant('pendingdescription')}.`,
		joinPolicy: 'invite'
	});
	if (!pendingMade.ok) throw new Error(pendingMade.error);

	const hour = 3_600_000;
	const startsAt = new Date(Math.ceil(Date.now() / hour) * hour + 6 * 24 * hour);
	const base = { kind: 'ontmoeting' as const, startsAt, endsAt: new Date(startsAt.getTime() + 2 * hour), capacity: 20, description: 'Samen.', place: '' };
	const insert = async (initiativeId: string, createdBy: string, values: Partial<typeof activity.$inferInsert> & { title: string }) => {
		const [row] = await db
			.insert(activity)
			.values({ ...base, visibility: 'public', ...values, initiativeId, createdBy })
			.returning();
		// Written around the services: its dates for the network's week and month too.
		await refreshActivityDates(db, [row.id]);
		return row;
	};
	const open = await insert(a.id, coordinator.viewer.userId, { title: `Open inloop ${id}` });
	const membersOnly = await insert(a.id, coordinator.viewer.userId, {
		title: plant('memberstitle'),
		description: `Alleen voor ons: ${plant('membersdescription')}.`,
		place: `Achterkamer ${plant('membersplace')}`,
		visibility: 'members'
	});
	// Its photo's description, written by the host: only for who may see the activity.
	const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#6f8f55' } }).png().toBuffer();
	const photoSet = await setActivityPhoto(db, coordinator.viewer, membersOnly.id, { bytes: photo, alt: `Onze kring ${plant('membersphotoalt')}` });
	if (!photoSet.ok) throw new Error(photoSet.error);
	const network = await insert(a.id, coordinator.viewer.userId, {
		title: plant('networktitle'),
		description: `Voor het netwerk: ${plant('networkdescription')}.`,
		place: `Zaal ${plant('networkplace')}`,
		visibility: 'network'
	});
	const onlineSignedUp = await insert(a.id, coordinator.viewer.userId, {
		title: `Online kring ${id}`,
		onlineUrl: `https://meet.voorbeeld.test/${plant('meetinglink')}`
	});
	const onlineNobody = await insert(a.id, coordinator.viewer.userId, {
		title: `Online gesprek ${id}`,
		onlineUrl: `https://meet.voorbeeld.test/${plant('meetinglinknobody')}`
	});
	const proposed = await insert(a.id, hidden.viewer.userId, { title: plant('proposedtitle'), status: 'proposed' });
	const past = await insert(a.id, coordinator.viewer.userId, {
		title: `Wandeling ${id}`,
		startsAt: new Date(startsAt.getTime() - 10 * 24 * hour),
		endsAt: new Date(startsAt.getTime() - 10 * 24 * hour + hour)
	});
	// A number rather than a word: how many came. Four digits no page shows for anything else.
	canary.turnout = '7919';
	await db.insert(activityTurnout).values({ activityId: past.id, occurrenceStart: past.startsAt, people: 7919, recordedBy: coordinator.viewer.userId });
	const bPublic = await insert(b.id, otherCoordinator.viewer.userId, { title: `Andere inloop ${id}` });
	const bMembers = await insert(b.id, otherCoordinator.viewer.userId, { title: `Andere leden ${id}`, visibility: 'members' });

	for (const who of [member, hidden, removed]) {
		const result = await signUpForActivity(db, who.viewer, membersOnly.id, undefined, new Date(), { showName: false });
		if (!result.ok) throw new Error(`sign-up failed: ${result.error}`);
	}
	await signUpForActivity(db, member.viewer, onlineSignedUp.id);
	// A guest who confirmed, and one whose request waits for the link in their mail.
	await db.insert(activitySignup).values({
		activityId: open.id,
		occurrenceStart: open.startsAt,
		status: 'confirmed',
		guestName: plant('guestname'),
		guestEmail: `${plant('guestemail')}@voorbeeld.test`,
		guestLocale: 'nl'
	});
	const waiting = newConfirmToken();
	const used = newConfirmToken();
	const expired = newConfirmToken();
	const request = { activityId: open.id, occurrenceStart: open.startsAt, locale: 'nl' };
	await db.insert(activityGuestRequest).values([
		{ ...request, name: plant('guestrequestname'), email: `${plant('guestrequestemail')}@voorbeeld.test`, tokenHash: waiting.hash, expiresAt: new Date(Date.now() + 24 * hour) },
		{ ...request, name: 'Gebruikt', email: mail('gebruikt'), tokenHash: used.hash, expiresAt: new Date(Date.now() + 24 * hour), usedAt: new Date() },
		{ ...request, name: 'Verlopen', email: mail('verlopen'), tokenHash: expired.hash, expiresAt: new Date(Date.now() - hour) }
	]);
	canary.guestconfirmtoken = waiting.token;

	// Invitations: one by e-mail that waits, one already used.
	const waitingInvite = await createInviteLink(db, coordinator.viewer, a.id, { maxUses: 1, days: 14, email: `${plant('inviteemail')}@voorbeeld.test` });
	canary.invitetoken = waitingInvite.token;
	const usedInvite = await createInviteLink(db, coordinator.viewer, a.id, { maxUses: 1, days: 14 });
	const accepted = await acceptInvite(db, invitee.viewer, usedInvite.token);
	if (!accepted.ok) throw new Error('could not accept the invite');

	// A message through the contact form: it goes by mail only and must never show on a page.
	const contact = await sendContactMessage(
		db,
		recordingMailer(),
		null,
		{ slug: a.slug, ip: '10.66.2.1', origin: 'http://localhost', locale: 'nl' },
		contactForm.parse({ name: plant('contactname'), email: `${plant('contactemail')}@voorbeeld.test`, message: `Hallo, ${plant('contactmessage')}.` })
	);
	if (!contact.ok) throw new Error('could not send the contact message');

	// Vraag & aanbod: a post for the initiative only, one for the whole network, and a conversation
	// about the network post between a member of each initiative.
	const post = async (who: SignedIn, initiativeId: string, audience: 'initiative' | 'network', key: string) =>
		createPost(
			db,
			who,
			postForm.parse({ kind: 'offer', title: `Hulp bij ${plant(`${key}title`)}`, body: `Ik ${plant(`${key}body`)}.`, theme: EXCHANGE_THEMES[0], where: 'online', town: '', audience, endsOn: '', initiativeId })
		);
	const initiativePost = await post(member.viewer, a.id, 'initiative', 'postinitiative');
	const networkPost = await post(otherMember.viewer, b.id, 'network', 'postnetwork');
	const responded = await respondToPost(db, member.viewer, networkPost.id, `Graag! ${plant('messagetext')}`);
	if (!responded.ok) throw new Error('could not respond to the post');
	// A small group in A: the member with the coordinator and Ruud (who show their names); only the three of them read it.
	await db
		.update(membership)
		.set({ showName: true })
		.where(and(eq(membership.initiativeId, a.id), inArray(membership.userId, [coordinator.viewer.userId, removed.viewer.userId])));
	const grouped = await startGroup(db, member.viewer, a.id, [coordinator.viewer.userId, removed.viewer.userId], `Samen wandelen? ${plant('groupmessagetext')}`);
	if (!grouped.ok) throw new Error('could not start a group conversation');
	// The member reports that post to its initiative's coordinators, in their own words.
	const reported = await makeReport(db, member.viewer, 'post', networkPost.id, { initiativeId: b.id, rule: 'other', whatHappened: `Dit klopt niet: ${plant('reportwords')}.` });
	if (!reported.ok) throw new Error('could not report the post');
	// In that conversation an afspraak, done and thanked (the bedankje not shown on a profile); the member's profile.
	const talk = responded.conversationId;
	const steps = [
		await proposeDeal(db, member.viewer, talk, { startsAt: new Date(Date.now() + 7 * 86_400_000), place: `Bij ${plant('dealplace')}` }, 0),
		await acceptDeal(db, otherMember.viewer, talk, 1),
		await markDone(db, otherMember.viewer, talk, 1),
		await confirmDone(db, member.viewer, talk, 1, true),
		await thank(db, member.viewer, talk, `Dank je, ${plant('thankstext')}.`)
	];
	if (steps.some((step) => !step.ok)) throw new Error('could not make the afspraak');
	await updateProfile(db, member.viewer, { likes: '', talents: `Ik ${plant('profiletalents')}.` });

	// Ervaringsverhalen by the member whose name is hidden, each under a pseudonym: one for the
	// initiative, one public (checked by the redactie), one only for who has the secret link.
	const story = (visibility: string, key: string) =>
		createStory(db, hidden.viewer, storyForm.parse({ title: `Mijn weg ${key}`, story: `Ik schreef ${plant(`${key}text`)}.`, signAs: 'pseudonym', pseudonym: `Merel ${key}`, visibility, initiativeId: a.id }), true);
	const membersStory = await story('initiative', 'storymembers');
	const publicStory = await story('public', 'storypublic');
	await approveStory(db, admin.viewer, publicStory.id);
	await story('link', 'storylink');
	// The member writes the writer a note of recognition on each: one the coordinator passed on, one still waiting.
	const note = async (storyId: string, key: string) => {
		if (!(await giveNote(db, member.viewer, storyId, `Herkenbaar: ${plant(key)}.`)).ok) throw new Error('could not give the note');
	};
	await note(membersStory.id, 'notedelivered');
	const [passed] = (await waitingNotes(db, coordinator.viewer, a.slug)).notes;
	await decideNote(db, coordinator.viewer, a.slug, passed.id, true, '');
	await note(publicStory.id, 'notewaiting');

	// Handovers (warme overdracht) to the coordinator's initiative: one confirmed, one never confirmed.
	const handoverMails = recordingMailer();
	const handOver = async (key: string, n: number) => {
		const data = referralForm.parse({
			referrerName: `Dokter ${plant(`${key}referrer`)}`,
			sector: 'huisarts',
			email: `praktijk${n}-${id}@voorbeeld.test`,
			personName: plant(`${key}person`),
			reach: 'self',
			message: `Zoekt ${plant(`${key}words`)}.`,
			consent: 'ja',
			shareStep: 'ja'
		});
		const made = await submitHandover(db, handoverMails, { slug: a.slug, ip: `10.66.3.${n}`, origin: 'http://localhost', locale: 'nl' }, { source: 'professional', data });
		if (!made.ok || !made.requestId) throw new Error('could not make the handover');
		return { id: made.requestId, token: /\/doorverwijzing\/([A-Za-z0-9_-]{43})/.exec(handoverMails.sent.at(-1)!.text)![1] };
	};
	const handedOver = await handOver('handover', 1);
	canary.handovertoken = handedOver.token;
	if (!(await confirmHandover(db, canary.handovertoken))) throw new Error('could not confirm the handover');
	await handOver('handoverwaiting', 2);
	// Expertisepool: the member whose name is hidden publishes a profile under a professional name, with
	// "hier praat ik niet over"; Mats keeps his unpublished. The coordinator is the association's pool coordinator.
	const expertProfile = (who: SignedIn, key: string, publish: boolean, extra: Record<string, string> = {}) =>
		saveExpertProfile(db, who, expertProfileForm(publish).parse({ signAs: 'name', themes: ['herstel'], forms: ['gastles'], regions: ['overijssel'], introduction: `Ik ${plant(`${key}intro`)}.`, ...extra }), publish);
	const publishedExpert = await expertProfile(hidden.viewer, 'expertpublished', true, { signAs: 'pseudonym', pseudonym: 'Wadvogel', notAbout: `Niet over ${plant('expertnotabout')}.` });
	const draftExpert = await expertProfile(member.viewer, 'expertdraft', false);
	if (!(await grantPoolCoordinator(db, admin.viewer, coordinator.email)).ok) throw new Error('could not make the pool coordinator');
	// A member's note for the figures report (wat is er voor mij veranderd): theirs, and the coordinators' voices.
	await addNote(db, member.viewer, a.slug, `Ik ${plant('impactnote')} weer.`);

	// Mats's herstelruimte: a block of his own, a crisis plan he shares with Otto (they have a conversation),
	// a journal entry, a reflection on a web of his own words. Sealed with the key the app will load.
	const space = { db, keys: loadKeyring({ spaceKey: process.env.SPACE_KEY || undefined, dataDir }) };
	const ownBlock = await addBlock(space, member.viewer, { name: plant('spaceblockname') });
	const crisisBlock = await addBlock(space, member.viewer, { name: 'Mijn crisisplan', starter: 'crisis' });
	if (!ownBlock.ok || !crisisBlock.ok) throw new Error('could not add space blocks');
	await updateBlock(space, member.viewer, ownBlock.id, { name: canary.spaceblockname, text: `Mij helpt ${plant('spaceblocktext')}.` });
	await updateBlock(space, member.viewer, crisisBlock.id, { name: 'Mijn crisisplan', text: `Ik word stil: ${plant('spacesharedtext')}.`, crisis: { call: `Bel ${plant('spacecrisiscall')}` } });
	const spaceShare = await shareWithMember(space, member.viewer, { blockId: crisisBlock.id, readerId: otherMember.viewer.userId });
	await addEntry(space, member.viewer, { day: '2026-11-30', text: `Vandaag ${plant('spacejournal')}.` });
	await setWeb(space, member.viewer, { set: 'own', dimensions: [plant('spacedimension'), 'Muziek', 'Slapen'] });
	await addReflection(space, member.viewer, { day: '2026-11-30', text: `Het gaat ${plant('spacereflection')}.`, points: [{ name: canary.spacedimension, value: 6 }] });

	// A request to the pool from an organisation, confirmed, with the published expert proposed and a question back; one never confirmed.
	const poolMails = recordingMailer();
	const askPool = async (key: string, n: number) => {
		const data = requestForm().parse({
			organisation: `Organisatie ${plant(`${key}org`)}`,
			sector: 'onderwijs',
			contactName: plant(`${key}contact`),
			email: `docent${n}-${id}@voorbeeld.test`,
			goal: `Doel ${plant(`${key}goal`)}.`,
			audience: 'Studenten',
			form: 'gastles',
			day: '2099-06-01',
			duration: '2 uur',
			online: 'ja',
			feeKind: 'honorarium',
			feeAmount: '150',
			recording: 'nee',
			storyUse: 'Blijft in de zaal',
			aftercare: 'Nagesprek'
		});
		const made = await submitPoolRequest(db, poolMails, { ip: `10.66.4.${n}`, origin: 'http://localhost', locale: 'nl' }, data);
		if (!made.ok || !made.requestId) throw new Error('could not make the pool request');
		return { id: made.requestId, token: /\/expertisepool\/aanvraag\/([A-Za-z0-9_-]{43})/.exec(poolMails.sent.at(-1)!.text)![1] };
	};
	const poolAsked = await askPool('poolrequest', 1);
	canary.poolrequesttoken = poolAsked.token;
	if (!(await confirmPoolRequest(db, poolAsked.token))) throw new Error('could not confirm the pool request');
	if (!(await proposeExperts(db, coordinator.viewer, poolAsked.id, [publishedExpert.id], 0)).ok) throw new Error('could not propose the expert');
	await coordinatorMessage(db, coordinator.viewer, poolAsked.id, `Vraag ${plant('poolrequestthread')}?`);
	await askPool('poolwaiting', 2);

	// Private calendar feeds; then the coordinator removes Ruud, who keeps his feed link.
	const memberFeed = await makeFeedToken(db, member.viewer);
	canary.feedtoken = memberFeed;
	const removedFeed = await makeFeedToken(db, removed.viewer);
	const removal = await removeMember(db, coordinator.viewer, a.id, removed.viewer.userId);
	if (!removal.ok) throw new Error('could not remove the member');
	// A bericht aan alle leden of A, after Ruud was removed: its members read it, nobody else.
	const announced = await announceToMembers(db, coordinator.viewer, a.slug, `Donderdag dicht, ${plant('announcementtext')}.`);
	if (!announced.ok) throw new Error('could not write to all members');

	const login = (p: { cookie: string; email: string; password: string }) => ({ cookie: p.cookie, email: p.email, password: p.password });
	const personas: Persona[] = [
		{ key: 'anonymous', cookie: '' },
		{ key: 'otherMember', ...login(otherMember), userId: otherMember.viewer.userId },
		{ key: 'member', ...login(member), userId: member.viewer.userId, feedToken: memberFeed },
		{ key: 'otherCoordinator', ...login(otherCoordinator), userId: otherCoordinator.viewer.userId },
		{ key: 'coordinator', ...login(coordinator), userId: coordinator.viewer.userId },
		{ key: 'admin', ...login(admin), userId: admin.viewer.userId },
		{ key: 'removedMember', ...login(removed), userId: removed.viewer.userId, feedToken: removedFeed }
	];
	return {
		canary,
		personas,
		initiatives: { a: a.slug, b: b.slug, pending: pendingMade.initiative.slug },
		activities: {
			a: [open, membersOnly, network, onlineSignedUp, onlineNobody, proposed, past].map((r) => r.id),
			b: [bPublic, bMembers].map((r) => r.id)
		},
		userIds: [admin, coordinator, member, hidden, otherCoordinator, otherMember, removed, starter].map((p) => p.viewer.userId),
		handover: handedOver.id,
		poolRequest: poolAsked.id,
		spentTokens: { invite: usedInvite.token, guestConfirm: used.token, guestExpired: expired.token },
		experts: [publishedExpert.id, draftExpert.id],
		posts: [initiativePost.id, networkPost.id],
		announcements: [announced.id],
		space: { blocks: [ownBlock.id, crisisBlock.id], share: spaceShare }
	};
}
