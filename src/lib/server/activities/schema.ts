import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { user } from '../accounts/schema.ts';
import { initiative } from '../initiatives/schema.ts';

export const ACTIVITY_KINDS = ['ontmoeting', 'ontdekking', 'ontplooiing'] as const;
export const ACTIVITY_VISIBILITIES = ['public', 'members'] as const;
export const ACTIVITY_STATUSES = ['published', 'proposed', 'cancelled'] as const;

/**
 * An activity (activiteit) of an initiative: ontmoeting (meeting), ontdekking
 * (discovery) or ontplooiing (development). Any member may propose and lead one.
 * Times are stored in UTC and shown in Europe/Amsterdam.
 */
export const activity = pgTable(
	'activity',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		initiativeId: uuid('initiative_id')
			.notNull()
			.references(() => initiative.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		description: text('description').notNull().default(''),
		kind: text('kind', { enum: ACTIVITY_KINDS }).notNull(),
		startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
		endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
		/** Free text; empty means "at the initiative". */
		place: text('place').notNull().default(''),
		/** null: no limit. */
		capacity: integer('capacity'),
		/** `public`: anyone may see it when the initiative is public; `members`: members only. */
		visibility: text('visibility', { enum: ACTIVITY_VISIBILITIES }).notNull().default('members'),
		/** `proposed` waits for a coordinator (a later step); for now activities are published at once. */
		status: text('status', { enum: ACTIVITY_STATUSES }).notNull().default('published'),
		/** The host: the member who proposed it. Null when their account was deleted. */
		createdBy: text('created_by').references(() => user.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('activity_initiative_starts_idx').on(t.initiativeId, t.startsAt),
		check('activity_times', sql`${t.endsAt} > ${t.startsAt}`),
		check('activity_capacity', sql`${t.capacity} is null or ${t.capacity} > 0`),
		check('activity_title_length', sql`char_length(${t.title}) between 1 and 120`),
		check('activity_kind', sql`${t.kind} in ('ontmoeting', 'ontdekking', 'ontplooiing')`),
		check('activity_visibility', sql`${t.visibility} in ('public', 'members')`),
		check('activity_status', sql`${t.status} in ('published', 'proposed', 'cancelled')`)
	]
);

/**
 * A sign-up (aanmelding) of a member for an activity: confirmed, or on the
 * waitlist when the activity was full. The waitlist moves up in order of
 * `created_at` (the clock time of signing up, not the transaction start).
 */
export const activitySignup = pgTable(
	'activity_signup',
	{
		activityId: uuid('activity_id')
			.notNull()
			.references(() => activity.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		status: text('status', { enum: ['confirmed', 'waitlist'] }).notNull(),
		createdAt: timestamp('created_at', { withTimezone: true })
			.notNull()
			.default(sql`clock_timestamp()`)
	},
	(t) => [
		primaryKey({ columns: [t.activityId, t.userId] }),
		index('activity_signup_queue_idx').on(t.activityId, t.status, t.createdAt),
		index('activity_signup_user_idx').on(t.userId),
		check('activity_signup_status', sql`${t.status} in ('confirmed', 'waitlist')`)
	]
);
