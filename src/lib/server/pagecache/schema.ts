import { sql } from 'drizzle-orm';
import { bigint, check, pgTable, smallint } from 'drizzle-orm/pg-core';

/**
 * The content version of the public pages: one row, raised after every write that can change what a visitor
 * sees. Every app process keeps cached pages only for the version it knows (pagecache/version.ts).
 */
export const contentVersion = pgTable(
	'content_version',
	{
		id: smallint('id').primaryKey(),
		version: bigint('version', { mode: 'number' }).notNull()
	},
	(t) => [check('content_version_one_row', sql`${t.id} = 1`)]
);
