import { sql } from 'drizzle-orm';
import { check, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * An initiative (herstelinitiatief): one tenant of the platform, with its own
 * public page and its own members.
 */
export const initiative = pgTable(
	'initiative',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		/** URL name, e.g. `de-kroon-zwolle`. */
		slug: text('slug').notNull().unique(),
		name: text('name').notNull(),
		town: text('town').notNull(),
		/** In the initiative's own words; shown on its public page. */
		description: text('description').notNull().default(''),
		/** `open`: anyone may join; `invite`: only with an invitation. */
		joinPolicy: text('join_policy', { enum: ['open', 'invite'] }).notNull().default('invite'),
		/** New initiatives wait for the association's approval before they are public. */
		status: text('status', { enum: ['pending', 'published', 'unpublished'] })
			.notNull()
			.default('pending'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		check('initiative_slug_format', sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
		check('initiative_name_length', sql`char_length(${t.name}) between 1 and 120`)
	]
);
