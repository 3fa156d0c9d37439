import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { signUp as makeAccount } from '#lib/server/accounts/service.ts';
import { openDatabase } from '#lib/server/db/index.ts';
import { membership } from '#lib/server/initiatives/schema.ts';
import { createInitiative } from '#lib/server/initiatives/service.ts';
import { accountsOn, from } from '../helpers/accounts.ts';
import { makePerson } from '../helpers/people.ts';
import { newPerson, type Person } from './helpers.ts';
import { startApp, type RunningApp } from './server.ts';
import { freshPostgres } from '../helpers/databases.ts';

/*
 * No loss: the real server is killed with SIGKILL (kill -9) while people
 * write through the real forms — a coordinator creating activities, members
 * signing up for them — several rounds, on PGlite (a data folder) and on
 * PostgreSQL (DATABASE_URL). After each restart, every write the server had
 * acknowledged (303 or 200) must be there. Writes cut off by the kill were
 * never acknowledged; they may or may not be there. (The embedded database
 * alone, without the app, is tested the same way in tests/integration/durability.test.ts.)
 */

const ROUNDS = 3;
/** Acknowledged writes per round before the kill: a random number in this range, so it lands at different points. */
const WRITES_PER_ROUND = [20, 40];
const MEMBERS = ['Aafke', 'Bertus', 'Cornelis'];

interface Backend {
	name: 'pglite' | 'postgres';
	/** Environment for the app: where its data lives. */
	env: Record<string, string>;
	open: () => ReturnType<typeof openDatabase>;
	remove(): Promise<void>;
}

function pgliteBackend(): Backend {
	const dataDir = mkdtempSync(path.join(tmpdir(), 'hp-e2e-durable-'));
	return {
		name: 'pglite',
		env: { DATA_DIR: dataDir },
		open: () => openDatabase({ dataDir }),
		remove: async () => rmSync(dataDir, { recursive: true, force: true })
	};
}

async function postgresBackend(serverUrl: string): Promise<Backend> {
	const fresh = await freshPostgres(serverUrl, 'hp_e2e');
	return { name: 'postgres', env: { DATABASE_URL: fresh.url }, open: () => openDatabase({ url: fresh.url }), remove: fresh.drop };
}

/** Accounts (made as the sign-up form makes them), one initiative, its coordinator and members. */
async function prepare(backend: Backend): Promise<{ slug: string; coordinator: Person; members: Person[] }> {
	const database = await backend.open();
	try {
		const db = database.db;
		const admin = await makePerson(db, 'Beheer', { isAdmin: true });
		const { ctx } = accountsOn(database);
		const account = async (person: Person) => {
			const made = await makeAccount(ctx, from('10.30.0.1'), { ...person, locale: 'nl' });
			if (!made.ok || !made.userId) throw new Error(`could not make ${person.name}`);
			return made.userId;
		};
		const coordinator = newPerson('Gerda');
		const members = MEMBERS.map((name) => newPerson(name));
		const made = await createInitiative(db, admin, { name: `Duurzaam ${backend.name}`, town: 'Zwolle', slug: '', description: '', joinPolicy: 'invite' });
		if (!made.ok) throw new Error(made.error);
		await db.delete(membership);
		await db.insert(membership).values({ initiativeId: made.initiative.id, userId: await account(coordinator), role: 'coordinator' });
		for (const m of members) await db.insert(membership).values({ initiativeId: made.initiative.id, userId: await account(m), role: 'member' });
		return { slug: made.initiative.slug, coordinator, members };
	} finally {
		await database.close();
	}
}

/** A person's session: their cookies, sent like a browser sends them. Sessions live in the database, so they outlive a crash. */
class Session {
	private cookies = new Map<string, string>();
	/** The path of their private calendar feed. */
	feed?: string;
	readonly person: Person;
	constructor(person: Person) {
		this.person = person;
	}

	async request(app: RunningApp, pathname: string, form?: Record<string, string>): Promise<Response> {
		const headers: Record<string, string> = { accept: 'text/html', cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
		if (form) Object.assign(headers, { origin: app.baseURL, 'content-type': 'application/x-www-form-urlencoded' });
		const response = await fetch(app.baseURL + pathname, {
			method: form ? 'POST' : 'GET',
			headers,
			body: form ? new URLSearchParams(form) : undefined,
			redirect: 'manual',
			signal: AbortSignal.timeout(20_000)
		});
		for (const line of response.headers.getSetCookie()) {
			const [pair] = line.split(';');
			const at = pair.indexOf('=');
			this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
		}
		return response;
	}

	async signIn(app: RunningApp) {
		const response = await this.request(app, '/inloggen?/wachtwoord', { email: this.person.email, password: this.person.password, next: '/' });
		expect(response.status, `sign-in of ${this.person.name}`).toBe(303);
	}

	async makeFeed(app: RunningApp) {
		const response = await this.request(app, '/account/agenda?/maken', {});
		expect(response.status).toBe(200);
		this.feed = /\/agenda\/[A-Za-z0-9_-]{43}\.ics/.exec(await response.text())?.[0];
		expect(this.feed, `feed link of ${this.person.name}`).toBeDefined();
	}
}

interface Ledger {
	/** Acknowledged activities: their page and title. */
	activities: Array<{ href: string; title: string }>;
	/** Acknowledged sign-ups: activity page → the names of those signed up. */
	signups: Map<string, Set<string>>;
}

const acknowledged = (ledger: Ledger) => ledger.activities.length + [...ledger.signups.values()].reduce((n, s) => n + s.size, 0);

const dateIn = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Write until `stop` is set: the coordinator creates activities, each member
 * signs up for those not yet theirs. Only answers that acknowledge the write
 * go into the ledger; a request cut off by the kill just ends that writer.
 */
async function write(app: RunningApp, slug: string, coordinator: Session, members: Session[], ledger: Ledger, round: number, stop: { now: boolean }) {
	const creating = (async () => {
		for (let n = 1; !stop.now; n++) {
			const title = `Ronde ${round} activiteit ${n} ${randomBytes(3).toString('hex')}`;
			const response = await coordinator.request(app, `/initiatieven/${slug}/activiteiten/nieuw`, {
				title,
				description: 'Samen koffie drinken.',
				kind: 'ontmoeting',
				date: dateIn(30),
				startTime: '14:00',
				endTime: '16:00',
				place: '',
				capacity: '',
				visibility: 'public',
				formKey: randomUUID()
			});
			expect(response.status, title).toBe(303);
			ledger.activities.push({ href: new URL(response.headers.get('location')!, app.baseURL).pathname, title });
		}
	})();
	const signingUp = members.map(async (member) => {
		const done = new Set<string>();
		while (!stop.now) {
			const next = ledger.activities.find((a) => !done.has(a.href));
			if (!next) {
				await new Promise((r) => setTimeout(r, 20));
				continue;
			}
			const response = await member.request(app, `${next.href}?/aanmelden`, { showName: 'nee' });
			// Acknowledged: back to the date's page (post/redirect/get), with "Je doet mee" as the message there.
			expect(response.status, `${member.person.name} → ${next.title}`).toBe(303);
			expect(response.headers.get('set-cookie')).toContain('signed_up');
			done.add(next.href);
			let names = ledger.signups.get(next.href);
			if (!names) ledger.signups.set(next.href, (names = new Set()));
			names.add(member.person.name);
		}
	});
	// The kill ends the writers with network errors: those writes were not acknowledged.
	const results = await Promise.allSettled([creating, ...signingUp]);
	for (const r of results) if (r.status === 'rejected' && !isCutOff(r.reason)) throw r.reason;
}

/** A request that died with the server (connection refused or reset, an answer cut off), not a wrong answer. */
function isCutOff(error: unknown): boolean {
	return error instanceof TypeError && /^(fetch failed|terminated)$/.test(error.message);
}

/**
 * Every acknowledged activity is in the initiative's calendar feed, and every
 * acknowledged sign-up in that member's private feed: a few requests however
 * many writes there were.
 */
async function verify(app: RunningApp, slug: string, members: Session[], ledger: Ledger) {
	const calendar = await (await fetch(`${app.baseURL}/initiatieven/${slug}/activiteiten.ics`)).text();
	const missing = ledger.activities.filter((a) => !calendar.includes(`SUMMARY:${a.title}\r\n`)).map((a) => a.title);
	for (const member of members) {
		const feed = await (await member.request(app, member.feed!)).text();
		const theirs = ledger.activities.filter((a) => ledger.signups.get(a.href)?.has(member.person.name));
		missing.push(...theirs.filter((a) => !feed.includes(`SUMMARY:${a.title}\r\n`)).map((a) => `${member.person.name} → ${a.title}`));
	}
	expect(missing).toEqual([]);
}

const backends: Array<{ name: string; make: () => Promise<Backend> }> = [
	{ name: 'PGlite', make: async () => pgliteBackend() },
	{ name: 'PostgreSQL', make: () => postgresBackend(process.env.DATABASE_URL!) }
];

for (const { name, make } of backends) {
	test(`${name}: every acknowledged write survives kill -9 of the server during writes`, async () => {
		test.skip(name === 'PostgreSQL' && !process.env.DATABASE_URL, 'DATABASE_URL is not set');
		// Well under a minute on a quiet machine; starting the app four times takes longer on a busy one.
		test.setTimeout(240_000);
		const backend = await make();
		let app: RunningApp | undefined;
		try {
			const { slug, coordinator: c, members: m } = await prepare(backend);
			const coordinator = new Session(c);
			const members = m.map((p) => new Session(p));
			const ledger: Ledger = { activities: [], signups: new Map() };
			const start = () => startApp({ ...backend.env, ORIGIN: '{baseURL}' }, { healthyWithinMs: 60_000 });
			app = await start();
			for (const s of [coordinator, ...members]) await s.signIn(app);
			for (const s of members) await s.makeFeed(app);
			const began = Date.now();
			let counted = 0;
			for (let round = 1; round <= ROUNDS; round++) {
				const stop = { now: false };
				const running = write(app, slug, coordinator, members, ledger, round, stop);
				const target = counted + WRITES_PER_ROUND[0] + Math.floor(Math.random() * (WRITES_PER_ROUND[1] - WRITES_PER_ROUND[0]));
				const reached = (async () => {
					while (acknowledged(ledger) < target) await new Promise((r) => setTimeout(r, 5));
				})();
				await Promise.race([reached, running.then(() => Promise.reject(new Error('the writers stopped before the kill')))]);
				// Kill while the writers have requests in flight, then let them notice.
				await app.crash();
				stop.now = true;
				await running;
				app = await start();
				await verify(app, slug, members, ledger);
				counted = acknowledged(ledger);
			}
			console.log(`${name}: ${counted} acknowledged writes over ${ROUNDS} kill -9 rounds in ${Math.round((Date.now() - began) / 1000)} s, none lost`);
		} finally {
			await app?.stop();
			await backend.remove();
		}
	});
}
