import { sql } from 'drizzle-orm';
import { type AnyPgColumn, boolean, check, customType, date, doublePrecision, index, integer, pgTable, primaryKey, smallint, text, time, timestamp, uuid } from 'drizzle-orm/pg-core';
import { user } from '../accounts/schema.ts';

/**
 * What an initiative offers (aanbod), as searchable themes. Stored as keys;
 * the words people see live in messages (`theme_<key>`).
 */
export const THEMES = [
	'inloop',
	'lotgenotengroep',
	'wandelen',
	'sport-en-bewegen',
	'creatief',
	'muziek',
	'koken',
	'natuur-en-tuin',
	'herstelcursus',
	'werk-en-dagbesteding',
	'scholing',
	'jongeren',
	'ervaringsdeskundigheid'
] as const;
export type Theme = (typeof THEMES)[number];

/** How accessible the place is (toegankelijkheid); messages `access_<key>`. */
export const ACCESSIBILITY = ['rolstoeltoegankelijk', 'prikkelarm', 'invalidentoilet', 'ov-dichtbij', 'gratis'] as const;
export type Accessibility = (typeof ACCESSIBILITY)[number];
/** The features that are about access; 'gratis' is stored with them but is a cost, and forms and pages show it apart. */
export const ACCESS_FEATURES = ACCESSIBILITY.filter((f): f is Exclude<Accessibility, 'gratis'> => f !== 'gratis');

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
		/** Street and number of the place people visit; empty for initiatives without a fixed place. */
		address: text('address').notNull().default(''),
		postcode: text('postcode').notNull().default(''),
		/** WGS84 coordinates of the place (or of the town when no address is known); used for distance search and the map. */
		latitude: doublePrecision('latitude'),
		longitude: doublePrecision('longitude'),
		themes: text('themes').array().$type<Theme[]>().notNull().default(sql`'{}'::text[]`),
		accessibility: text('accessibility').array().$type<Accessibility[]>().notNull().default(sql`'{}'::text[]`),
		/** Public ways to get in touch besides the contact form; coordinators' own addresses are never shown. */
		phone: text('phone').notNull().default(''),
		website: text('website').notNull().default(''),
		/** Closed on Dutch public holidays (feestdagen) unless the coordinator says otherwise. */
		closedOnHolidays: boolean('closed_on_holidays').notNull().default(true),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
		/** `open`: anyone may join; `invite`: only with an invitation. */
		joinPolicy: text('join_policy', { enum: ['open', 'invite'] }).notNull().default('invite'),
		/**
		 * Coordinators choose whether a member's proposed activity goes live at once
		 * (false) or waits until a coordinator has looked at it (true).
		 */
		reviewActivities: boolean('review_activities').notNull().default(false),
		/**
		 * May people without an account sign up for public activities (name + e-mail, confirmed by a link)?
		 * On for new initiatives, so a newcomer is not sent away; coordinators can turn it off.
		 */
		guestSignups: boolean('guest_signups').notNull().default(true),
		/** The initiative's non-personal totals count in the public figures (/cijfers); chosen by its coordinators. */
		impactPublic: boolean('impact_public').notNull().default(false),
		/** Why the association declined it, for its coordinators (on the initiative's page); null otherwise. */
		reviewNote: text('review_note'),
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
		check('initiative_status', sql`${t.status} in ('pending', 'published', 'unpublished')`),
		check('initiative_coordinates', sql`(${t.latitude} is null) = (${t.longitude} is null)`),
		index('initiative_status_location_idx').on(t.status, t.latitude, t.longitude),
		// The directory without a place: published initiatives by name, a page at a time.
		index('initiative_status_name_idx').on(t.status, t.name, t.id)
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
		joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
		/** "Laat mijn naam zien in de ledenlijst": other members see the name only when this is on (coordinators always do). */
		showName: boolean('show_name').notNull().default(false)
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

/**
 * Walk-in hours (inloop): when people can drop in without an appointment.
 * A day may have more than one period (morning and evening). Local time in
 * Europe/Amsterdam; weekday 1 = Monday … 7 = Sunday (ISO, like `isodow`).
 */
export const openingHours = pgTable(
	'initiative_opening_hours',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		initiativeId: uuid('initiative_id')
			.notNull()
			.references(() => initiative.id, { onDelete: 'cascade' }),
		weekday: smallint('weekday').notNull(),
		opensAt: time('opens_at').notNull(),
		closesAt: time('closes_at').notNull()
	},
	(t) => [
		index('opening_hours_initiative_idx').on(t.initiativeId, t.weekday),
		check('opening_hours_weekday', sql`${t.weekday} between 1 and 7`),
		check('opening_hours_period', sql`${t.closesAt} > ${t.opensAt}`)
	]
);

/** A closure (sluiting): days the initiative is closed, e.g. summer holidays; both dates included. */
export const closure = pgTable(
	'initiative_closure',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		initiativeId: uuid('initiative_id')
			.notNull()
			.references(() => initiative.id, { onDelete: 'cascade' }),
		startsOn: date('starts_on').notNull(),
		endsOn: date('ends_on').notNull(),
		/** Shown on the public page, e.g. "Zomersluiting". */
		note: text('note').notNull().default('')
	},
	(t) => [
		index('closure_initiative_idx').on(t.initiativeId, t.endsOn),
		check('closure_dates', sql`${t.endsOn} >= ${t.startsOn}`)
	]
);

/** Binary data (`bytea`): PGlite gives a Uint8Array, node-postgres a Buffer; both become a Buffer. */
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
	dataType: () => 'bytea',
	toDriver: (value) => value,
	fromDriver: (value) => Buffer.from(value)
});

/** The columns of a stored photo (an initiative's, an activity's): re-encoded bytes and what is on it. */
export function photoColumns() {
	return {
		/** What is on the photo, for people who cannot see it; written by the uploader. */
		alt: text('alt').notNull(),
		contentType: text('content_type').notNull(),
		width: integer('width').notNull(),
		height: integer('height').notNull(),
		data: bytea('data').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	};
}

/** The checks of a stored photo's table `name`: an alt text, and only the formats we re-encode to. */
export function photoChecks(name: string, t: { alt: AnyPgColumn; contentType: AnyPgColumn }) {
	return [check(`${name}_alt`, sql`char_length(${t.alt}) between 1 and 300`), check(`${name}_content_type`, sql`${t.contentType} in ('image/webp', 'image/jpeg')`)];
}

/**
 * A photo on an initiative's public page. Kept in the database (not in a
 * folder) so that a backup of the database is a backup of everything. Only
 * re-encoded images are stored, without EXIF or other metadata.
 */
export const initiativePhoto = pgTable(
	'initiative_photo',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		initiativeId: uuid('initiative_id')
			.notNull()
			.references(() => initiative.id, { onDelete: 'cascade' }),
		...photoColumns()
	},
	(t) => [index('initiative_photo_initiative_idx').on(t.initiativeId, t.createdAt), ...photoChecks('initiative_photo', t)]
);

/**
 * A request to join an initiative that takes people by invitation only
 * ("Vraag of je mag meedoen"). One row per person and initiative: asking
 * again after a "no" opens the same row again. It holds no words of the
 * person: the coordinators see the name and the date, and decide.
 */
export const joinRequest = pgTable(
	'initiative_join_request',
	{
		initiativeId: uuid('initiative_id')
			.notNull()
			.references(() => initiative.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		status: text('status', { enum: ['open', 'accepted', 'declined'] }).notNull().default('open'),
		askedAt: timestamp('asked_at', { withTimezone: true }).notNull().defaultNow(),
		decidedAt: timestamp('decided_at', { withTimezone: true })
	},
	(t) => [
		primaryKey({ columns: [t.initiativeId, t.userId] }),
		index('join_request_open_idx').on(t.initiativeId, t.askedAt).where(sql`${t.status} = 'open'`),
		index('join_request_user_idx').on(t.userId),
		check('join_request_status', sql`${t.status} in ('open', 'accepted', 'declined')`)
	]
);
