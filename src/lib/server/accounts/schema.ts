import { boolean, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/*
 * Accounts, as better-auth expects them (property names are its field names).
 * A person has one account; what they share with an initiative lives in
 * `membership`. Nothing here asks for more than a name to show and an e-mail
 * address to sign in with.
 */

const timestamps = {
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
};

export const user = pgTable('app_user', {
	id: text('id').primaryKey(),
	/** The name the person chose to show: a first name or a pseudonym. */
	name: text('name').notNull(),
	/** Only for signing in and mail; never shown to other members. */
	email: text('email').notNull().unique(),
	emailVerified: boolean('email_verified').notNull().default(false),
	image: text('image'),
	locale: text('locale', { enum: ['nl', 'en'] }).notNull().default('nl'),
	/** Association admin (verenigingsbeheer): a task across the network. */
	isAdmin: boolean('is_admin').notNull().default(false),
	...timestamps
});

export const session = pgTable(
	'auth_session',
	{
		id: text('id').primaryKey(),
		token: text('token').notNull().unique(),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		ipAddress: text('ip_address'),
		userAgent: text('user_agent'),
		...timestamps
	},
	(t) => [index('auth_session_user_idx').on(t.userId)]
);

export const account = pgTable(
	'auth_account',
	{
		id: text('id').primaryKey(),
		accountId: text('account_id').notNull(),
		providerId: text('provider_id').notNull(),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		accessToken: text('access_token'),
		refreshToken: text('refresh_token'),
		idToken: text('id_token'),
		accessTokenExpiresAt: timestamp('access_token_expires_at', { withTimezone: true }),
		refreshTokenExpiresAt: timestamp('refresh_token_expires_at', { withTimezone: true }),
		scope: text('scope'),
		/** argon2id hash. */
		password: text('password'),
		...timestamps
	},
	(t) => [index('auth_account_user_idx').on(t.userId)]
);

/** Short-lived tokens: magic links, password resets. */
export const verification = pgTable(
	'auth_verification',
	{
		id: text('id').primaryKey(),
		identifier: text('identifier').notNull(),
		value: text('value').notNull(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		...timestamps
	},
	(t) => [index('auth_verification_identifier_idx').on(t.identifier)]
);

/** Attempts per key (an IP address or an account) in the current window. */
export const rateLimit = pgTable('rate_limit', {
	key: text('key').primaryKey(),
	count: integer('count').notNull(),
	windowStart: timestamp('window_start', { withTimezone: true }).notNull()
});

/** Installation-wide settings that must be the same for every app process (e.g. the session secret). */
export const appSetting = pgTable('app_setting', {
	key: text('key').primaryKey(),
	value: text('value').notNull()
});
