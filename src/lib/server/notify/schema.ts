import { sql } from 'drizzle-orm';
import { check, index, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { user } from '../accounts/schema.ts';

/** How a person wants to hear of one kind of notice: at once, in a daily digest, or not by e-mail. */
export const NOTICE_MODES = ['now', 'daily', 'off'] as const;
export type NoticeMode = (typeof NOTICE_MODES)[number];

/**
 * A person's choice for one kind of notice (`kind`, see kinds.ts). No row:
 * the kind's default. Goes with the account.
 */
export const noticePreference = pgTable(
	'notice_preference',
	{
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		kind: text('kind').notNull(),
		mode: text('mode', { enum: NOTICE_MODES }).notNull(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.userId, t.kind] }), check('notice_preference_mode', sql`${t.mode} in ('now', 'daily', 'off')`)]
);

/**
 * Something waiting for a person's daily digest: the id of what it is about
 * (a conversation), never its text. Removed when the digest goes out.
 */
export const noticeDigestItem = pgTable(
	'notice_digest_item',
	{
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		kind: text('kind').notNull(),
		subjectId: text('subject_id').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.userId, t.kind, t.subjectId] }), index('notice_digest_item_created_idx').on(t.createdAt)]
);
