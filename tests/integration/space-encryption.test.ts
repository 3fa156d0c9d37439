import { execFileSync, spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedIn } from '#lib/server/accounts/viewer.ts';
import { openDatabase, queryRows, type Database, type Db } from '#lib/server/db/index.ts';
import { addBlock, listBlocks, updateBlock } from '#lib/server/space/blocks.ts';
import { newKey } from '#lib/server/space/crypto.ts';
import { addEntry, listEntries } from '#lib/server/space/journal.ts';
import { addReflection, getWeb, listReflections, setWeb } from '#lib/server/space/reflections.ts';
import { KeyMissing, Keyring, loadKeyring, parseServerKey } from '#lib/server/space/keyring.ts';
import type { SpaceStore } from '#lib/server/space/keys.ts';
import { databases } from '../helpers/databases.ts';
import { makePerson } from '../helpers/people.ts';

/*
 * Encryption at rest of the herstelruimte: a database dump shows none of the
 * text; a backup restored with its key reads back; `npm run keys -- rotate`
 * re-wraps every data key and everything still reads back, while the old key
 * alone no longer opens anything.
 */

const CANARY = {
	blockName: 'Kanarie-bloknaam-7f3a',
	blockText: 'Kanarie-bloktekst-19c2 als ik stil word, wil ik een wandeling',
	crisisCall: 'Kanarie-bellen-5e81 mijn zus Anouk',
	entry: 'Kanarie-dagboek-a4d0 vandaag ging het beter',
	reflection: 'Kanarie-reflectie-6b1e ik merk dat ik weer zin heb',
	dimension: 'Kanarie-web-d93c slapen'
};

function script(name: 'backup' | 'restore' | 'keys', args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, [`scripts/${name}.ts`, ...args], {
			env: { ...process.env, LOG_LEVEL: 'warn', DATABASE_URL: '', SPACE_KEY: '', ...env },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let output = '';
		child.stdout.on('data', (c) => (output += c));
		child.stderr.on('data', (c) => (output += c));
		child.on('exit', (code) => resolve({ code, output }));
	});
}

/** Every row of every table of the database, as text. */
async function everything(db: Db): Promise<string> {
	const names = await queryRows<{ name: string }>(
		db,
		sql`select format('%I.%I', table_schema, table_name) as name from information_schema.tables
			where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`
	);
	const rows: string[] = [];
	for (const { name } of names) rows.push(...(await queryRows<{ row: string }>(db, sql`select t::text as row from ${sql.raw(name)} t`)).map((r) => r.row));
	return rows.join('\n');
}

async function fill(store: SpaceStore, me: SignedIn): Promise<void> {
	const own = await addBlock(store, me, { name: CANARY.blockName });
	const crisis = await addBlock(store, me, { name: 'Als ik het zelf niet meer kan zeggen', starter: 'crisis' });
	if (!own.ok || !crisis.ok) throw new Error('blocks not added');
	await updateBlock(store, me, own.id, { name: CANARY.blockName, text: CANARY.blockText });
	await updateBlock(store, me, crisis.id, { name: 'Mijn crisisplan', text: '', crisis: { call: CANARY.crisisCall } });
	await addEntry(store, me, { day: '2026-11-30', text: CANARY.entry });
	await setWeb(store, me, { set: 'own', dimensions: [CANARY.dimension, 'Muziek', 'Mijn kinderen'] });
	await addReflection(store, me, { day: '2026-11-30', text: CANARY.reflection, points: [{ name: CANARY.dimension, value: 7 }] });
}

async function readBack(store: SpaceStore, me: SignedIn): Promise<void> {
	const blocks = await listBlocks(store, me);
	expect(blocks.map((b) => b.name)).toEqual([CANARY.blockName, 'Mijn crisisplan']);
	expect(blocks[0].text).toBe(CANARY.blockText);
	expect(blocks[1].crisis?.call).toBe(CANARY.crisisCall);
	expect((await listEntries(store, me)).entries.map((e) => e.text)).toEqual([CANARY.entry]);
	expect((await getWeb(store, me))?.dimensions[0]).toBe(CANARY.dimension);
	expect((await listReflections(store, me)).reflections.map((r) => [r.text, r.points])).toEqual([[CANARY.reflection, [{ name: CANARY.dimension, value: 7 }]]]);
}

interface Setup {
	source: Database;
	sourceEnv: Record<string, string>;
	targetEnv: Record<string, string>;
	/** Where the scripts look for space.key. */
	sourceKeys: string;
	targetKeys: string;
	openTarget(): Promise<Database>;
	cleanUp(): Promise<void>;
}

async function embedded(folder: string): Promise<Setup> {
	const [from, to] = [path.join(folder, 'running'), path.join(folder, 'restored')];
	const source = await openDatabase({ dataDir: from });
	return {
		source,
		sourceEnv: { DATA_DIR: from },
		targetEnv: { DATA_DIR: to },
		sourceKeys: from,
		targetKeys: to,
		openTarget: () => openDatabase({ dataDir: to }),
		cleanUp: () => source.close()
	};
}

async function postgres(folder: string, open: () => Promise<Database & { drop(): Promise<void> }>): Promise<Setup> {
	const source = await open();
	const sourceUrl = (source.jobsConnection as { url: string }).url;
	const targetName = `hp_space_${Date.now().toString(36)}`;
	const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
	await admin.connect();
	await admin.query(`create database ${targetName}`);
	const targetUrl = new URL(sourceUrl);
	targetUrl.pathname = `/${targetName}`;
	const [from, to] = [path.join(folder, 'running'), path.join(folder, 'restored')];
	return {
		source,
		sourceEnv: { DATABASE_URL: sourceUrl, DATA_DIR: from },
		targetEnv: { DATABASE_URL: targetUrl.toString(), DATA_DIR: to },
		sourceKeys: from,
		targetKeys: to,
		openTarget: () => openDatabase({ url: targetUrl.toString() }),
		cleanUp: async () => {
			await source.drop();
			await admin.query(`drop database if exists ${targetName} with (force)`);
			await admin.end();
		}
	};
}

for (const target of databases) {
	describe.skipIf(target.skip)(`the herstelruimte encrypted at rest on ${target.name}`, () => {
		let folder: string;
		let setup: Setup;
		let me: SignedIn;
		let store: SpaceStore;

		beforeAll(async () => {
			folder = await mkdtemp(path.join(tmpdir(), 'hp-space-'));
			setup = target.name === 'pglite' ? await embedded(folder) : await postgres(folder, target.open);
			store = { db: setup.source.db, keys: loadKeyring({ dataDir: setup.sourceKeys }) };
			me = await makePerson(setup.source.db, 'Sanne');
			await fill(store, me);
		}, 120_000);
		afterAll(async () => {
			await setup?.cleanUp();
			await rm(folder, { recursive: true, force: true });
		});

		it('makes the key file on first use, readable by its owner only', async () => {
			const file = path.join(setup.sourceKeys, 'space.key');
			expect((await stat(file)).mode & 0o777).toBe(0o600);
			expect(parseServerKey(await readFile(file, 'utf8'), file)).toHaveLength(32);
		});

		it('keeps no block name, block text, crisis plan part, journal text, reflection or dimension name in any row of the database', async () => {
			const dump = await everything(setup.source.db);
			expect(dump).toContain(me.userId);
			for (const canary of Object.values(CANARY)) expect(dump).not.toContain(canary.slice(0, 20));
			await readBack(store, me);
		});

		it('restores a backup that reads back with its key, and with no other key', async () => {
			const file = path.join(folder, target.name === 'pglite' ? 'kopie.tar.gz' : 'kopie.dump');
			const backup = await script('backup', [file], setup.sourceEnv);
			expect(backup.code, backup.output).toBe(0);
			expect(backup.output).toContain('The key of the herstelruimte is not in the backup');
			const plain = target.name === 'pglite' ? gunzipSync(await readFile(file)) : execFileSync('pg_restore', ['--file=-', file]);
			expect(plain.includes(Buffer.from(me.userId))).toBe(true);
			for (const canary of Object.values(CANARY)) expect(plain.includes(Buffer.from(canary.slice(0, 20)))).toBe(false);

			const restore = await script('restore', [file], setup.targetEnv);
			expect(restore.code, restore.output).toBe(0);
			expect(restore.output).toContain('npm run keys -- check');

			await mkdir(setup.targetKeys, { recursive: true });
			await copyFile(path.join(setup.sourceKeys, 'space.key'), path.join(setup.targetKeys, 'space.key'));
			const check = await script('keys', ['check'], setup.targetEnv);
			expect(check.code, check.output).toBe(0);
			expect(check.output).toContain('The server key opens 1 of 1 spaces.');

			const restored = await setup.openTarget();
			try {
				await readBack({ db: restored.db, keys: loadKeyring({ dataDir: setup.targetKeys }) }, me);
				await expect(listBlocks({ db: restored.db, keys: new Keyring(newKey()) }, me)).rejects.toBeInstanceOf(KeyMissing);
			} finally {
				await restored.close();
			}
		}, 300_000);

		it('rotates the server key: everything reads back with the new key, nothing with the old one alone', async () => {
			const oldKey = await readFile(path.join(setup.targetKeys, 'space.key'), 'utf8');
			const rotate = await script('keys', ['rotate'], setup.targetEnv);
			expect(rotate.code, rotate.output).toBe(0);
			expect(rotate.output).toContain('Re-wrapped 1 data keys');
			const files = await readdir(setup.targetKeys);
			expect(files.filter((f) => f.startsWith('space.key.retired-'))).toHaveLength(1);
			expect(files).not.toContain('space.key.new');
			expect(await readFile(path.join(setup.targetKeys, 'space.key'), 'utf8')).not.toBe(oldKey);

			const restored = await setup.openTarget();
			try {
				await readBack({ db: restored.db, keys: loadKeyring({ dataDir: setup.targetKeys }) }, me);
				const old = new Keyring(parseServerKey(oldKey, 'old key'));
				await expect(listBlocks({ db: restored.db, keys: old }, me)).rejects.toBeInstanceOf(KeyMissing);
			} finally {
				await restored.close();
			}
		}, 120_000);
	});
}
