// A fresh database per run (a temp folder for PGlite, a new database on the
// PostgreSQL server of DATABASE_URL), filled with the scale generator.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { openDatabase, queryRows, type DatabaseTarget, type Db } from '#lib/server/db/index.ts';
import { generateScale, type ScaleResult } from '#lib/server/demo/scale.ts';
import { refreshFigures } from '#lib/server/impact/refresh.ts';
import { loadKeyring } from '#lib/server/space/keyring.ts';
import { onCleanup, tempDir } from './processes.ts';

export interface Target {
	kind: 'pglite' | 'postgres';
	/** What the app processes get. */
	env: { DATA_DIR: string; DATABASE_URL?: string };
	version: string;
	/** Sign-ups of one activity, counted in the database. */
	signupCounts(activityId: string): Promise<{ confirmed: number; waitlist: number }>;
	drop(): Promise<void>;
}

function databaseTarget(t: Target): DatabaseTarget {
	return t.env.DATABASE_URL ? { url: t.env.DATABASE_URL } : { dataDir: t.env.DATA_DIR };
}

export async function createDatabase(kind: 'pglite' | 'postgres'): Promise<Target> {
	const dataDir = tempDir('hp-bench-data-');
	if (kind === 'pglite') {
		const version = JSON.parse(readFileSync('node_modules/@electric-sql/pglite/package.json', 'utf8')).version;
		const target: Target = {
			kind,
			env: { DATA_DIR: dataDir },
			version: `PGlite ${version}`,
			signupCounts: async (activityId) => counts(target, activityId),
			drop: async () => {}
		};
		return target;
	}
	const url = process.env.DATABASE_URL!;
	const name = `hp_bench_${randomBytes(5).toString('hex')}`;
	const admin = new pg.Client({ connectionString: url });
	await admin.connect();
	await admin.query(`create database ${name}`);
	const version = (await admin.query('show server_version')).rows[0].server_version;
	await admin.end();
	const drop = onCleanup(async () => {
		const c = new pg.Client({ connectionString: url });
		await c.connect();
		await c.query(`drop database if exists ${name} with (force)`);
		await c.end();
	});
	const own = new URL(url);
	own.pathname = `/${name}`;
	const target: Target = {
		kind,
		env: { DATA_DIR: dataDir, DATABASE_URL: own.toString() },
		version: `PostgreSQL ${version}`,
		signupCounts: (activityId) => counts(target, activityId),
		drop
	};
	return target;
}

/** Fill the database (the app must not be running on PGlite: one process per data folder). */
export async function loadData(target: Target, options: { seed: number; scale: number }): Promise<ScaleResult & { loadMs: number }> {
	const started = performance.now();
	const database = await openDatabase(databaseTarget(target));
	try {
		// The app reads the herstelruimte's key from its data folder: seal the scale data with the same key.
		const result = await generateScale(database.db, { ...options, spaceKeys: loadKeyring({ spaceKey: process.env.SPACE_KEY || undefined, dataDir: target.env.DATA_DIR }) });
		// The figures counted ahead, as the nightly job does (impact/refresh.ts), so the figures pages read what they read in use.
		await refreshFigures(database.db);
		// Measure a database in its steady state, not the aftermath of the bulk load: right after loading scale 4,
		// autovacuum and the writing-out of gigabytes of fresh pages made the first pages measured half as fast for a
		// minute or two (BENCHMARKS.md, "Flat in the size of the data"). Vacuum also gives fresh statistics and the
		// visibility map that index-only scans need (PGlite runs no autovacuum at all).
		await database.db.execute(sql`vacuum (analyze)`);
		if (target.kind === 'postgres') await checkpoint(database.db);
		// The system's own write-back of those pages (1.2 GB dirty after scale 4) would fall in the first pages too.
		spawnSync('sync');
		return { ...result, loadMs: Math.round(performance.now() - started) };
	} finally {
		await database.close();
	}
}

/** Write the loaded pages out now rather than during the measurement (needs a superuser or pg_checkpoint). */
async function checkpoint(db: Db): Promise<void> {
	try {
		await db.execute(sql`checkpoint`);
	} catch (e) {
		console.warn(`bench: no checkpoint after loading (${(e as Error).message}); the first pages may measure the load's aftermath`);
	}
}

async function counts(target: Target, activityId: string): Promise<{ confirmed: number; waitlist: number }> {
	if (target.kind === 'pglite') throw new Error('the app holds the PGlite folder; count on PostgreSQL only');
	const database = await openDatabase(databaseTarget(target));
	try {
		const rows = await queryRows<{ status: string; n: number }>(database.db, sql`select status, count(*)::int as n from activity_signup where activity_id = ${activityId} group by status`);
		const by = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
		return { confirmed: by.confirmed ?? 0, waitlist: by.waitlist ?? 0 };
	} finally {
		await database.close();
	}
}
