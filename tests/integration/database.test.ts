import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { readdir } from 'node:fs/promises';
import { databases } from '../helpers/databases.ts';
import { isHealthy, openDatabase, queryRows, type Database } from '#lib/server/db/index.ts';

for (const target of databases) {
	describe.skipIf(target.skip)(`database on ${target.name}`, () => {
		let database: Database & { drop(): Promise<void> };
		beforeAll(async () => {
			database = await target.open();
		});
		afterAll(() => database?.drop());

		it('creates the schema from the migrations on first open', async () => {
			const rows = await queryRows<{ table_name: string }>(database.db, 
				sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`
			);
			expect(rows.map((r) => r.table_name)).toContain('initiative');
		});

		it('records every migration once', async () => {
			const files = (await readdir('drizzle')).filter((f) => f.endsWith('.sql'));
			const rows = await queryRows<{ n: number }>(database.db, 
				sql`select count(*)::int as n from drizzle.__drizzle_migrations`
			);
			expect(rows[0].n).toBe(files.length);
		});

		it('answers the health check', async () => {
			expect(await isHealthy(database.db)).toBe(true);
		});

		it.skipIf(target.name !== 'postgres')('on PostgreSQL, prepares a statement with parameters once per connection and then only runs it', async () => {
			const prepared = await database.db.transaction(async (tx) => {
				// One connection for the whole transaction: what it prepared is what pg_prepared_statements shows.
				for (const slug of ['een', 'twee', 'drie']) await tx.execute(sql`select count(*) from initiative where slug = ${slug}`);
				return queryRows<{ statement: string }>(tx, sql`select statement from pg_prepared_statements where statement like ${'%from initiative where slug%'}`);
			});
			expect(prepared.map((p) => p.statement)).toEqual(['select count(*) from initiative where slug = $1']);
		});

		it.skipIf(target.name !== 'postgres')('on PostgreSQL, plans a full-text search for its words every time: never prepared', async () => {
			const prepared = await database.db.transaction(async (tx) => {
				for (const word of ['wandelen', 'dag', 'wandelen']) await tx.execute(sql`select count(*) from story where search @@ to_tsquery('simple', ${word})`);
				return queryRows<{ statement: string }>(tx, sql`select statement from pg_prepared_statements where statement like ${'%from story where search%'}`);
			});
			expect(prepared).toEqual([]);
		});

		it('enforces the slug format in the database itself', async () => {
			await expect(
				database.db.execute(sql`insert into initiative (slug, name, town) values ('Not A Slug', 'X', 'Zwolle')`)
			).rejects.toThrow();
		});
	});
}

describe('embedded database in a folder', () => {
	it('keeps data and applies no migration twice when opened again', async () => {
		const { mkdtemp, rm } = await import('node:fs/promises');
		const { tmpdir } = await import('node:os');
		const path = await import('node:path');
		const dir = await mkdtemp(path.join(tmpdir(), 'hp-db-'));
		try {
			const first = await openDatabase({ dataDir: dir });
			await first.db.execute(sql`insert into initiative (slug, name, town) values ('de-kroon', 'De Kroon', 'Zwolle')`);
			await first.close();

			const second = await openDatabase({ dataDir: dir });
			const rows = await queryRows<{ name: string }>(second.db, sql`select name from initiative`);
			const migrations = await queryRows<{ n: number }>(second.db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
			await second.close();
			expect(rows.map((r) => r.name)).toEqual(['De Kroon']);
			expect(migrations[0].n).toBe((await readdir('drizzle')).filter((f) => f.endsWith('.sql')).length);
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	});
});
