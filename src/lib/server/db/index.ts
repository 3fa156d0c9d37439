import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { log } from '../log/index.ts';
import { serveBackups } from './backup.ts';
import { lockDataDir } from './lock.ts';
import * as schema from './schema.ts';

/** The database, whichever engine is behind it. Services take this as their first argument. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
	db: Db;
	kind: 'pglite' | 'postgres';
	/** What the job runner (pg-boss) connects through: the same embedded instance, or its own pool to this URL. */
	jobsConnection: { pglite: PGlite } | { url: string };
	/** Close connections; for PGlite this flushes and releases the data folder. */
	close(): Promise<void>;
}

export type DatabaseTarget =
	/** A real PostgreSQL server. */
	| { url: string }
	/** Embedded PostgreSQL in a folder; `memory` keeps it in memory (tests). */
	| { dataDir: string | 'memory' };

const MIGRATIONS_FOLDER = path.resolve(process.env.MIGRATIONS_DIR ?? 'drizzle');
/** Any constant works; it only has to be the same in every app process. */
const MIGRATION_LOCK_KEY = 7_254_613;

/**
 * Open the database and bring its schema up to date. Running the migrations
 * here means a first start creates the schema and later starts apply only new
 * migrations.
 */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
	return 'url' in target ? openPostgres(target.url) : openPglite(target.dataDir);
}

async function openPglite(dataDir: string): Promise<Database> {
	const dir = dataDir === 'memory' ? undefined : path.join(dataDir, 'pglite');
	const releaseLock = dir ? await lockDataDir(dataDir) : async () => {};
	try {
		if (dir) await mkdir(dir, { recursive: true });
		// 16 MB shared buffers instead of 128 MB: measured to halve resident memory
		// without slowing our queries (see DESIGN.md). The setting persists in the folder.
		const client = await PGlite.create(dir, { postgresqlconf: ['shared_buffers = 16MB'] });
		const db = drizzlePglite({ client, schema });
		await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER });
		// While this process holds the folder, `npm run backup` asks it for the copy.
		const stopBackups = dir ? await serveBackups(dataDir, client) : async () => {};
		return {
			db: db as unknown as Db,
			kind: 'pglite',
			jobsConnection: { pglite: client },
			close: async () => {
				await stopBackups();
				await client.close();
				await releaseLock();
			}
		};
	} catch (e) {
		await releaseLock();
		throw e;
	}
}

/** A statement with more parameters than this (a long `in (…)` list) is not prepared: one per list length would pile up. */
const MOST_PARAMETERS_PREPARED = 40;

/**
 * A full-text search (`@@`) is not prepared: how many rows its words match decides between walking an index in the
 * list's order and reading every match, and a prepared statement's generic plan cannot know the words (a common
 * word cost more with every story written; BENCHMARKS.md, the scale curve). Planning it each time is cheap by
 * comparison.
 */
const FULL_TEXT_SEARCH = /@@/;

/**
 * A connection that has PostgreSQL prepare each statement once (a named statement, named by its text) and then
 * only runs it: parsing and planning the same dozen queries on every request cost as much as running them
 * (issue 26: the start page went from ~100 to ~200 requests a second). Only statements with parameters: a plain
 * text may hold several commands (the migrations), which cannot be prepared.
 */
class PreparingClient extends pg.Client {
	// @ts-expect-error pg's overloads of `query` cannot be overridden one by one; this passes every call through.
	override query(config: unknown, ...rest: unknown[]) {
		const q = config as pg.QueryConfig | null;
		// drizzle passes the values beside the config, pg's own callers inside it.
		const count = (Array.isArray(rest[0]) ? rest[0].length : q?.values?.length) ?? 0;
		if (q && typeof q === 'object' && typeof q.text === 'string' && !q.name && count > 0 && count <= MOST_PARAMETERS_PREPARED && !FULL_TEXT_SEARCH.test(q.text)) {
			config = { ...q, name: `hp_${createHash('sha1').update(q.text).digest('base64url')}` };
		}
		return (super.query as (...args: unknown[]) => unknown)(config, ...rest);
	}
}

async function openPostgres(url: string): Promise<Database> {
	// DATABASE_PREPARED_STATEMENTS=0: behind a pooler that cannot keep named statements (PgBouncer in transaction mode before 1.21).
	const prepare = process.env.DATABASE_PREPARED_STATEMENTS !== '0';
	const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10), ...(prepare ? { Client: PreparingClient as unknown as new () => pg.ClientBase } : {}) });
	// An idle connection closed by the server (a restart, a failover) must not
	// crash the app: the pool drops it and opens a new one when needed.
	pool.on('error', (error) => log.warn({ err: error.message }, 'database connection lost; the pool will reconnect'));
	const db = drizzlePg({ client: pool, schema });
	// Several app processes may start at once: one migrates, the others wait.
	const lockClient = await pool.connect();
	try {
		await lockClient.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
		await migratePg(db, { migrationsFolder: MIGRATIONS_FOLDER });
	} finally {
		await lockClient.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {});
		lockClient.release();
	}
	return { db: db as unknown as Db, kind: 'postgres', jobsConnection: { url }, close: () => pool.end() };
}

/** True when the database answers a trivial query. */
export async function isHealthy(db: Db): Promise<boolean> {
	try {
		await db.execute(sql`select 1`);
		return true;
	} catch {
		return false;
	}
}

/** Rows of a raw SQL query, the same on both drivers. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
	const result = (await db.execute(query)) as unknown as { rows: T[] };
	return result.rows;
}
