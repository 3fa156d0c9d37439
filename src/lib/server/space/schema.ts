import { date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { session, user } from '../accounts/schema.ts';

/*
 * Mijn herstelruimte: what a person writes for themselves. Every text (block
 * names, block text, journal entries) is stored sealed (space/crypto.ts) with
 * the person's data key; only ids, order and dates are plain. Rows go with
 * the account (`on delete cascade`).
 */

/** A person's data key, wrapped by the server key named by `key_id` (never stored here). */
export const spaceKey = pgTable('space_key', {
	userId: text('user_id')
		.primaryKey()
		.references(() => user.id, { onDelete: 'cascade' }),
	keyId: text('key_id').notNull(),
	wrapped: text('wrapped').notNull(),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});

/** A block the person chose: its name, kind and text are all inside `sealed`. */
export const spaceBlock = pgTable(
	'space_block',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		ownerId: text('owner_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		position: integer('position').notNull(),
		sealed: text('sealed').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('space_block_owner_idx').on(t.ownerId, t.position)]
);

/** A journal entry (dagboek): the day is plain, the text sealed. */
export const spaceEntry = pgTable(
	'space_entry',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		ownerId: text('owner_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		day: date('day').notNull(),
		sealed: text('sealed').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('space_entry_owner_day_idx').on(t.ownerId, t.day.desc(), t.createdAt.desc())]
);

/**
 * One block shared read-only: with one member (`reader_id`), or through a
 * link that expires (`token_hash`: only the hash of the secret is kept).
 * Revoking sets `revoked_at`; the row stays so the owner keeps the read log.
 */
export const spaceShare = pgTable(
	'space_share',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		ownerId: text('owner_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		blockId: uuid('block_id')
			.notNull()
			.references(() => spaceBlock.id, { onDelete: 'cascade' }),
		readerId: text('reader_id').references(() => user.id, { onDelete: 'cascade' }),
		tokenHash: text('token_hash'),
		expiresAt: timestamp('expires_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		revokedAt: timestamp('revoked_at', { withTimezone: true })
	},
	(t) => [index('space_share_owner_idx').on(t.ownerId), index('space_share_reader_idx').on(t.readerId), uniqueIndex('space_share_token_idx').on(t.tokenHash)]
);

/** When a shared block was read, for its owner ("Kim las je crisisplan op 3 mei"). */
export const spaceRead = pgTable(
	'space_read',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		shareId: uuid('share_id')
			.notNull()
			.references(() => spaceShare.id, { onDelete: 'cascade' }),
		readAt: timestamp('read_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('space_read_share_idx').on(t.shareId, t.readAt)]
);

/** This session confirmed the password just now: export, delete-all and share links ask for it (recent.ts). */
export const spaceConfirmation = pgTable('space_confirmation', {
	sessionId: text('session_id')
		.primaryKey()
		.references(() => session.id, { onDelete: 'cascade' }),
	userId: text('user_id')
		.notNull()
		.references(() => user.id, { onDelete: 'cascade' }),
	confirmedAt: timestamp('confirmed_at', { withTimezone: true }).notNull().defaultNow()
});

/** A reflection now and then: the day is plain; the words and the web's points (with their dimension names) are sealed. */
export const spaceReflection = pgTable(
	'space_reflection',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		ownerId: text('owner_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		day: date('day').notNull(),
		sealed: text('sealed').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('space_reflection_owner_day_idx').on(t.ownerId, t.day.desc(), t.createdAt.desc())]
);

/** The dimensions a person chose for their web; their names are sealed too. */
export const spaceWeb = pgTable('space_web', {
	userId: text('user_id')
		.primaryKey()
		.references(() => user.id, { onDelete: 'cascade' }),
	sealed: text('sealed').notNull(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

/**
 * When the person last changed or confirmed their crisis plan, for the yearly
 * "Klopt dit nog?" mail (checks.ts). Only dates: the mail holds no content.
 */
export const spaceCheck = pgTable(
	'space_check',
	{
		userId: text('user_id')
			.primaryKey()
			.references(() => user.id, { onDelete: 'cascade' }),
		checkedAt: timestamp('checked_at', { withTimezone: true }).notNull().defaultNow(),
		/** The mail for this `checked_at` went out; a new check clears it. */
		noticedAt: timestamp('noticed_at', { withTimezone: true })
	},
	(t) => [index('space_check_due_idx').on(t.checkedAt)]
);
