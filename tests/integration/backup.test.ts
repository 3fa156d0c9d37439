import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { like, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, queryRows, type Database, type Db } from '#lib/server/db/index.ts';
import { generateDemo } from '#lib/server/demo/generate.ts';
import { initiative, initiativePhoto } from '#lib/server/initiatives/schema.ts';
import { databases } from '../helpers/databases.ts';

/** Run `npm run backup` / `npm run restore` as an operator would, with these settings. */
function script(name: 'backup' | 'restore', args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, [`scripts/${name}.ts`, ...args], {
			env: { ...process.env, LOG_LEVEL: 'warn', DATABASE_URL: '', ...env },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let output = '';
		child.stdout.on('data', (c) => (output += c));
		child.stderr.on('data', (c) => (output += c));
		child.on('exit', (code) => resolve({ code, output }));
	});
}

/** Every table in the database (all schemas but PostgreSQL's own). */
async function tables(db: Db): Promise<string[]> {
	const rows = await queryRows<{ name: string }>(
		db,
		sql`select format('%I.%I', table_schema, table_name) as name from information_schema.tables
			where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema') order by 1`
	);
	return rows.map((r) => r.name);
}

/** Every row of a table as text, in a fixed order; the writes made during the backup are left out (checked apart). */
async function rowsOf(db: Db, table: string): Promise<string[]> {
	const during = table === 'public.initiative' ? sql` where t.slug not like 'tijdens-%'` : sql``;
	const rows = await queryRows<{ row: string }>(db, sql`select t::text as row from ${sql.raw(table)} t${during} order by 1`);
	return rows.map((r) => r.row);
}

interface Setup {
	source: Database;
	/** Settings that point the scripts at the source, and at the (empty) target. */
	sourceEnv: Record<string, string>;
	targetEnv: Record<string, string>;
	openTarget(): Promise<Database>;
	cleanUp(): Promise<void>;
}

async function embedded(): Promise<Setup> {
	const folder = await mkdtemp(path.join(tmpdir(), 'hp-backup-'));
	const [from, to] = [path.join(folder, 'running'), path.join(folder, 'restored')];
	// Opened here, the source is a running app: it holds the folder's lock.
	const source = await openDatabase({ dataDir: from });
	return {
		source,
		sourceEnv: { DATA_DIR: from },
		targetEnv: { DATA_DIR: to },
		openTarget: () => openDatabase({ dataDir: to }),
		cleanUp: async () => {
			await source.close();
			await rm(folder, { recursive: true, force: true });
		}
	};
}

async function postgres(open: () => Promise<Database & { drop(): Promise<void> }>): Promise<Setup> {
	const source = await open();
	const sourceUrl = (source.jobsConnection as { url: string }).url;
	const targetName = `hp_restore_${Date.now().toString(36)}`;
	const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
	await admin.connect();
	await admin.query(`create database ${targetName}`);
	const targetUrl = new URL(sourceUrl);
	targetUrl.pathname = `/${targetName}`;
	return {
		source,
		sourceEnv: { DATABASE_URL: sourceUrl },
		targetEnv: { DATABASE_URL: targetUrl.toString() },
		openTarget: () => openDatabase({ url: targetUrl.toString() }),
		cleanUp: async () => {
			await source.drop();
			await admin.query(`drop database if exists ${targetName} with (force)`);
			await admin.end();
		}
	};
}

for (const target of databases) {
	describe.skipIf(target.skip)(`npm run backup and npm run restore on ${target.name}`, () => {
		let setup: Setup;
		let folder: string;
		beforeAll(async () => {
			setup = target.name === 'pglite' ? await embedded() : await postgres(target.open);
			folder = await mkdtemp(path.join(tmpdir(), 'hp-backup-file-'));
			const db = setup.source.db;
			await generateDemo(db, { membersPerInitiative: 3 });
			const [home] = await db.select({ id: initiative.id }).from(initiative).limit(1);
			await db.insert(initiativePhoto).values({
				initiativeId: home.id,
				alt: 'Foto met "aanhalingstekens", een\nnieuwe regel en é',
				contentType: 'image/webp',
				width: 2,
				height: 2,
				data: Buffer.from([0, 1, 2, 255, 254, 0, 10, 13])
			});
		}, 300_000);
		afterAll(async () => {
			await setup?.cleanUp();
			await rm(folder, { recursive: true, force: true });
		});

		it('copies every table while the app runs and writes, and restores the same rows', async () => {
			const file = path.join(folder, target.name === 'pglite' ? 'kopie.tar.gz' : 'kopie.dump');
			const db = setup.source.db;
			// The app keeps writing while the backup is made, one write per turn of the event loop as requests come in.
			let writing = true;
			let written = 0;
			const writer = (async () => {
				while (writing) {
					await db.insert(initiative).values({ slug: `tijdens-${++written}`, name: 'Tijdens', town: 'Zwolle' });
					await new Promise((resolve) => setImmediate(resolve));
				}
			})();
			const backup = await script('backup', [file], setup.sourceEnv);
			writing = false;
			await writer;
			expect(backup.output).toContain(`Backup written to ${file}`);
			expect(backup.code).toBe(0);

			const restore = await script('restore', [file], setup.targetEnv);
			expect(restore.output).toContain('Restored');
			expect(restore.code).toBe(0);

			const restored = await setup.openTarget();
			try {
				const names = await tables(db);
				expect(names).toContain('public.initiative_photo');
				expect(await tables(restored.db)).toEqual(names);
				for (const table of names) {
					const rows = await rowsOf(db, table);
					expect(await rowsOf(restored.db, table), table).toEqual(rows);
				}
				// The writes during the backup: the copy has those before one moment and none after it.
				const during = await restored.db.select({ slug: initiative.slug }).from(initiative).where(like(initiative.slug, 'tijdens-%'));
				const numbers = during.map((r) => Number(r.slug.slice('tijdens-'.length))).sort((a, b) => a - b);
				expect(numbers).toEqual(numbers.map((_, i) => i + 1));
				expect(numbers.length).toBeLessThanOrEqual(written);
			} finally {
				await restored.close();
			}
		}, 300_000);

		it.runIf(target.name === 'pglite')('refuses to restore over a database that is open, and says to stop the app', async () => {
			const file = path.join(folder, 'kopie.tar.gz');
			const restore = await script('restore', [file], setup.sourceEnv);
			expect(restore.code).toBe(1);
			expect(restore.output).toMatch(/The app is running on .*\. Stop it first, then restore\./);
			const [{ n }] = await queryRows<{ n: number }>(setup.source.db, sql`select count(*)::int as n from initiative`);
			expect(n).toBeGreaterThan(0);
		}, 120_000);
	});
}

describe('npm run backup on PostgreSQL without pg_dump', () => {
	it('says what to install instead of failing with a stack trace', async () => {
		const folder = await mkdtemp(path.join(tmpdir(), 'hp-backup-file-'));
		try {
			const backup = await script('backup', [path.join(folder, 'x.dump')], { DATABASE_URL: 'postgres://iemand@127.0.0.1:1/niets', PATH: folder });
			expect(backup.code).toBe(1);
			expect(backup.output).toContain('pg_dump is not installed');
			expect(backup.output).toContain('apt install postgresql-client');
		} finally {
			await rm(folder, { recursive: true, force: true });
		}
	});
});
