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

/** Each test file gets its own database on the server, so files can run in parallel. */
const postgres: TestDatabase = {
	name: 'postgres',
	async open() {
		if (!url) throw new Error('DATABASE_URL is not set');
		const dbName = `hp_test_${randomBytes(6).toString('hex')}`;
		const admin = new pg.Client({ connectionString: url });
		await admin.connect();
		await admin.query(`create database ${dbName}`);
		await admin.end();
		const testUrl = new URL(url);
		testUrl.pathname = `/${dbName}`;
		const database = await openDatabase({ url: testUrl.toString() });
		return {
			...database,
			async drop() {
				await database.close();
				const c = new pg.Client({ connectionString: url });
				await c.connect();
				await c.query(`drop database if exists ${dbName} with (force)`);
				await c.end();
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
