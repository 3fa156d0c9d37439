import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '#lib/server/db/index.ts';

export interface TestDatabase {
	name: 'pglite' | 'postgres';
	/** Open a fresh, migrated, empty database; `drop()` removes it again. */
	open(): Promise<Database & { drop(): Promise<void> }>;
}

const url = process.env.DATABASE_URL;

if (!url && !process.env.HERSTELPLEIN_PG_NOTICE_SHOWN) {
	process.env.HERSTELPLEIN_PG_NOTICE_SHOWN = '1';
	console.warn('\n⚠ DATABASE_URL is not set: integration tests run on PGlite only; the PostgreSQL runs are skipped.\n');
}

const pglite: TestDatabase = {
	name: 'pglite',
	async open() {
		const database = await openDatabase({ dataDir: 'memory' });
		return { ...database, drop: () => database.close() };
	}
};

/**
 * A new, empty database on the server of DATABASE_URL (or `serverUrl`), for
 * one test file or one app under test; `drop()` removes it again.
 */
export async function freshPostgres(serverUrl = url, prefix = 'hp_test'): Promise<{ url: string; drop(): Promise<void> }> {
	if (!serverUrl) throw new Error('DATABASE_URL is not set');
	const name = `${prefix}_${randomBytes(6).toString('hex')}`;
	const admin = new pg.Client({ connectionString: serverUrl });
	await admin.connect();
	await admin.query(`create database ${name}`);
	await admin.end();
	const own = new URL(serverUrl);
	own.pathname = `/${name}`;
	return {
		url: own.toString(),
		async drop() {
			const c = new pg.Client({ connectionString: serverUrl });
			await c.connect();
			await c.query(`drop database if exists ${name} with (force)`);
			await c.end();
		}
	};
}

/** Each test file gets its own database on the server, so files can run in parallel. */
const postgres: TestDatabase = {
	name: 'postgres',
	async open() {
		const fresh = await freshPostgres();
		const database = await openDatabase({ url: fresh.url });
		return {
			...database,
			async drop() {
				await database.close();
				await fresh.drop();
			}
		};
	}
};

/**
 * The databases every integration test runs on: PGlite always, PostgreSQL
 * when DATABASE_URL is set. Use with `describe.each(databases)`; the
 * PostgreSQL run is reported as skipped when there is no server.
 */
export const databases: Array<TestDatabase & { skip: boolean }> = [
	{ ...pglite, skip: false },
	{ ...postgres, skip: !url }
];
