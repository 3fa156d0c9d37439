import { sql } from 'drizzle-orm';
import { check, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { user } from '../accounts/schema.ts';

/**
 * A member's profile: what they like to do and their talents, in their own
 * short words. Never contact details. Who may see it: access/profiles.ts.
 */
export const memberProfile = pgTable(
	'member_profile',
	{
		userId: text('user_id')
			.primaryKey()
			.references(() => user.id, { onDelete: 'cascade' }),
		likes: text('likes').notNull().default(''),
		talents: text('talents').notNull().default(''),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [check('member_profile_likes_length', sql`char_length(${t.likes}) <= 500`), check('member_profile_talents_length', sql`char_length(${t.talents}) <= 500`)]
);
