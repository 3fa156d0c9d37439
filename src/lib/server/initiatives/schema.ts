import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { user } from '../accounts/schema.ts';

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
		check('initiative_name_length', sql`char_length(${t.name}) between 1 and 120`),
		check('initiative_join_policy', sql`${t.joinPolicy} in ('open', 'invite')`),
		check('initiative_status', sql`${t.status} in ('pending', 'published', 'unpublished')`)
	]
);

/**
 * Membership (lidmaatschap) of a person in an initiative. Roles are tasks, not
 * ranks: a coordinator is a member who also looks after the initiative.
 */
export const membership = pgTable(
	'membership',
	{
		initiativeId: uuid('initiative_id')
			.notNull()
			.references(() => initiative.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		role: text('role', { enum: ['member', 'coordinator'] }).notNull().default('member'),
		joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		primaryKey({ columns: [t.initiativeId, t.userId] }),
		index('membership_user_idx').on(t.userId),
		check('membership_role', sql`${t.role} in ('member', 'coordinator')`)
	]
);

/**
 * An invitation (uitnodiging) to join an initiative: a link, for one person
 * (optionally sent to an e-mail address) or for many, until it expires.
 * Only a hash of the token is stored, so a copy of the database cannot be
 * used to join.
 */
export const invite = pgTable(
	'invite',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		initiativeId: uuid('initiative_id')
			.notNull()
			.references(() => initiative.id, { onDelete: 'cascade' }),
		tokenHash: text('token_hash').notNull().unique(),
		/** Set when the invite was sent by e-mail; shown to coordinators only. */
		email: text('email'),
		/** null: any number of people may use the link. */
		maxUses: integer('max_uses'),
		uses: integer('uses').notNull().default(0),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		revokedAt: timestamp('revoked_at', { withTimezone: true }),
		createdBy: text('created_by').references(() => user.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('invite_initiative_idx').on(t.initiativeId),
		check('invite_uses', sql`${t.uses} >= 0 and (${t.maxUses} is null or ${t.uses} <= ${t.maxUses})`)
	]
);
