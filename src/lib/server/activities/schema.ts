import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { user } from '../accounts/schema.ts';
import { ACCESS_FEATURES, initiative, photoChecks, photoColumns, type Accessibility, type Theme } from '../initiatives/schema.ts';

export const ACTIVITY_KINDS = ['ontmoeting', 'ontdekking', 'ontplooiing'] as const;
export const ACTIVITY_VISIBILITIES = ['public', 'network', 'members'] as const;
export const ACTIVITY_STATUSES = ['published', 'proposed', 'cancelled'] as const;
/** The accessibility features an activity can have; whether it is free is its cost. */
export const ACTIVITY_ACCESSIBILITY = ACCESS_FEATURES;

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
		/** One of the initiative themes (`THEMES`), for the network list's filter; null: none chosen. */
		theme: text('theme').$type<Theme>(),
		/** Free text; empty means "at the initiative". */
		place: text('place').notNull().default(''),
		/**
		 * For an online activity: the meeting link. Shown only to the people who
		 * signed up and to the hosts, so a public page does not invite strangers in.
		 */
		onlineUrl: text('online_url'),
		/** Cost per person in euro cents; 0 is free (gratis). */
		costCents: integer('cost_cents').notNull().default(0),
		/** What to bring (wat neem je mee), free text. */
		bring: text('bring').notNull().default(''),
		/** How accessible this activity is (keys of `ACCESSIBILITY`); at the initiative's own place its features also count. */
		accessibility: text('accessibility').array().$type<Accessibility[]>().notNull().default(sql`'{}'::text[]`),
		/** null: no limit. */
		capacity: integer('capacity'),
		/**
		 * `public`: anyone may see it when the initiative is public; `network`: people signed in who
		 * belong to any initiative; `members`: members of this initiative only.
		 */
		visibility: text('visibility', { enum: ACTIVITY_VISIBILITIES }).notNull().default('members'),
		/**
		 * The series rule, RFC 5545 RRULE part only (`FREQ=WEEKLY;BYDAY=TU`); null for a
		 * one-off. DTSTART is `starts_at` in Europe/Amsterdam; see recurrence.ts.
		 */
		rrule: text('rrule'),
		/** For a series: the end of its last date, null when it never ends. Lets lists skip finished series. */
		seriesEndsAt: timestamp('series_ends_at', { withTimezone: true }),
		/** `proposed` waits for a coordinator when the initiative reviews proposals (`review_activities`). */
		status: text('status', { enum: ACTIVITY_STATUSES }).notNull().default('published'),
		/** The host: the member who proposed it. Null when their account was deleted. */
		createdBy: text('created_by').references(() => user.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		/**
		 * Where an activity came from, so importing the same file or feed again
		 * updates it instead of adding it twice: `ical:<UID>`, or for a
		 * spreadsheet row `csv:<hash of title, date and start>` (see import.ts).
		 * For the form, `form:<its one-time key>`, so a form sent twice makes one
		 * activity. Null for activities made before that.
		 */
		importKey: text('import_key'),
		/**
		 * The calendar revision (iCalendar SEQUENCE): one up on every change a
		 * calendar should pick up (times, place, a date moved or cancelled), so
		 * calendars that imported the activity replace their copy.
		 */
		sequence: integer('sequence').notNull().default(0)
	},
	(t) => [
		index('activity_initiative_starts_idx').on(t.initiativeId, t.startsAt),
		// The network's list (network.ts) reads one-offs in time order and series apart, across all initiatives.
		index('activity_one_off_starts_idx').on(t.startsAt).where(sql`${t.rrule} is null`),
		index('activity_series_starts_idx').on(t.startsAt).where(sql`${t.rrule} is not null`),
		// A coordinator's start page counts proposals waiting; few rows among an initiative's years of activities.
		index('activity_proposed_idx').on(t.initiativeId).where(sql`${t.status} = 'proposed'`),
		uniqueIndex('activity_import_key_idx').on(t.initiativeId, t.importKey),
		check('activity_times', sql`${t.endsAt} > ${t.startsAt}`),
		check('activity_capacity', sql`${t.capacity} is null or ${t.capacity} > 0`),
		check('activity_title_length', sql`char_length(${t.title}) between 1 and 120`),
		check('activity_kind', sql`${t.kind} in ('ontmoeting', 'ontdekking', 'ontplooiing')`),
		check('activity_visibility', sql`${t.visibility} in ('public', 'network', 'members')`),
		check('activity_rrule_length', sql`${t.rrule} is null or char_length(${t.rrule}) between 1 and 200`),
		check('activity_status', sql`${t.status} in ('published', 'proposed', 'cancelled')`),
		check('activity_cost', sql`${t.costCents} between 0 and 100000`),
		check('activity_bring_length', sql`char_length(${t.bring}) <= 500`),
		check('activity_online_url_length', sql`${t.onlineUrl} is null or char_length(${t.onlineUrl}) between 1 and 500`),
		check('activity_import_key_length', sql`${t.importKey} is null or char_length(${t.importKey}) between 1 and 400`)
	]
);

/**
 * An activity's own photo (at most one), shown on its page instead of the
 * initiative's. Stored and re-encoded as the initiative's photos are
 * (initiatives/photos.ts); a new photo gets a new id, so its address never
 * shows other bytes. Seen by exactly those who see the activity.
 */
export const activityPhoto = pgTable(
	'activity_photo',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		activityId: uuid('activity_id')
			.notNull()
			.unique()
			.references(() => activity.id, { onDelete: 'cascade' }),
		...photoColumns()
	},
	(t) => photoChecks('activity_photo', t)
);

/** For an update: the next calendar revision (see `sequence`). */
export const nextSequence = sql`${activity.sequence} + 1`;

/**
 * A change to one date of a series, keyed by that date's original start:
 * cancelled (`starts_at`/`ends_at` null) or moved to other times.
 */
export const activityException = pgTable(
	'activity_exception',
	{
		activityId: uuid('activity_id')
			.notNull()
			.references(() => activity.id, { onDelete: 'cascade' }),
		occurrenceStart: timestamp('occurrence_start', { withTimezone: true }).notNull(),
		status: text('status', { enum: ['cancelled', 'moved'] }).notNull(),
		startsAt: timestamp('starts_at', { withTimezone: true }),
		endsAt: timestamp('ends_at', { withTimezone: true })
	},
	(t) => [
		primaryKey({ columns: [t.activityId, t.occurrenceStart] }),
		check('activity_exception_status', sql`${t.status} in ('cancelled', 'moved')`),
		check(
			'activity_exception_times',
			sql`(${t.status} = 'cancelled' and ${t.startsAt} is null and ${t.endsAt} is null) or (${t.status} = 'moved' and ${t.endsAt} > ${t.startsAt})`
		)
	]
);

/**
 * A sign-up (aanmelding) for one date of an activity (a one-off has one date:
 * its start): confirmed, or on the waitlist when that date was full. The
 * waitlist moves up in order of `created_at` (the clock time of signing up,
 * not the transaction start).
 *
 * Either a member (`user_id`) or a guest without an account (`guest_name` and
 * `guest_email`, after confirming by a mail link; see guests.ts). Both count
 * for the places and share one waitlist. Guest rows are removed some days
 * after their date.
 */
export const activitySignup = pgTable(
	'activity_signup',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		activityId: uuid('activity_id')
			.notNull()
			.references(() => activity.id, { onDelete: 'cascade' }),
		/** The original start of the date signed up for (a moved date keeps its key). */
		occurrenceStart: timestamp('occurrence_start', { withTimezone: true }).notNull(),
		/** The member; null for a guest. */
		userId: text('user_id').references(() => user.id, { onDelete: 'cascade' }),
		status: text('status', { enum: ['confirmed', 'waitlist'] }).notNull(),
		/** A member chose "Laat anderen mijn naam zien": other members see their name. Off by default. */
		showName: boolean('show_name').notNull().default(false),
		/** A guest's name as they typed it; seen only by the hosts and coordinators. */
		guestName: text('guest_name'),
		/** A guest's e-mail address, for the mails about this date only; never shown on a page. */
		guestEmail: text('guest_email'),
		/** The language of a guest's mails. */
		guestLocale: text('guest_locale'),
		/** When a guest's reminder was claimed (members: `activity_reminder_sent`), so it goes out once. */
		guestRemindedAt: timestamp('guest_reminded_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true })
			.notNull()
			.default(sql`clock_timestamp()`)
	},
	(t) => [
		uniqueIndex('activity_signup_member_idx').on(t.activityId, t.occurrenceStart, t.userId).where(sql`${t.userId} is not null`),
		uniqueIndex('activity_signup_guest_idx')
			.on(t.activityId, t.occurrenceStart, sql`lower(${t.guestEmail})`)
			.where(sql`${t.guestEmail} is not null`),
		index('activity_signup_queue_idx').on(t.activityId, t.occurrenceStart, t.status, t.createdAt),
		index('activity_signup_user_idx').on(t.userId),
		// The figures (impact/) count a day's confirmed sign-ups across the network.
		index('activity_signup_confirmed_day_idx').on(t.occurrenceStart).where(sql`${t.status} = 'confirmed'`),
		check('activity_signup_status', sql`${t.status} in ('confirmed', 'waitlist')`),
		check(
			'activity_signup_member_or_guest',
			sql`(${t.userId} is not null and ${t.guestName} is null and ${t.guestEmail} is null) or (${t.userId} is null and ${t.guestName} is not null and ${t.guestEmail} is not null)`
		),
		check('activity_signup_guest_name_length', sql`${t.guestName} is null or char_length(${t.guestName}) between 1 and 80`),
		check('activity_signup_guest_email_length', sql`${t.guestEmail} is null or char_length(${t.guestEmail}) between 3 and 254`)
	]
);

/**
 * A guest's request to sign up, waiting for them to follow the link in the
 * mail. Only a SHA-256 hash of the link's token is kept. It expires after
 * 48 hours or when the date starts; it is removed some days later.
 */
export const activityGuestRequest = pgTable(
	'activity_guest_request',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		activityId: uuid('activity_id')
			.notNull()
			.references(() => activity.id, { onDelete: 'cascade' }),
		occurrenceStart: timestamp('occurrence_start', { withTimezone: true }).notNull(),
		name: text('name').notNull(),
		email: text('email').notNull(),
		locale: text('locale').notNull().default('nl'),
		tokenHash: text('token_hash').notNull().unique(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		/** When the link was used; a used link does not sign up again. */
		usedAt: timestamp('used_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('activity_guest_request_activity_idx').on(t.activityId, t.occurrenceStart),
		index('activity_guest_request_expires_idx').on(t.expiresAt),
		check('activity_guest_request_name_length', sql`char_length(${t.name}) between 1 and 80`),
		check('activity_guest_request_email_length', sql`char_length(${t.email}) between 3 and 254`)
	]
);

/**
 * The secret link to a person's own calendar feed (what they signed up for).
 * Only a SHA-256 hash of the token is kept; a new link replaces the old one,
 * and removing the row stops the link.
 */
export const activityFeedToken = pgTable('activity_feed_token', {
	userId: text('user_id')
		.primaryKey()
		.references(() => user.id, { onDelete: 'cascade' }),
	tokenHash: text('token_hash').notNull().unique(),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});

/**
 * Co-hosts (mede-begeleiders) of an activity: members of its initiative who
 * may change it and see who comes, like the member who proposed it.
 */
export const activityHost = pgTable(
	'activity_host',
	{
		activityId: uuid('activity_id')
			.notNull()
			.references(() => activity.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.activityId, t.userId] }), index('activity_host_user_idx').on(t.userId)]
);

/**
 * How many people came to one date (opkomst): a number, never names, for the
 * initiative's own figures. Recorded by a host or coordinator afterwards.
 */
export const activityTurnout = pgTable(
	'activity_turnout',
	{
		activityId: uuid('activity_id')
			.notNull()
			.references(() => activity.id, { onDelete: 'cascade' }),
		occurrenceStart: timestamp('occurrence_start', { withTimezone: true }).notNull(),
		people: integer('people').notNull(),
		recordedBy: text('recorded_by').references(() => user.id, { onDelete: 'set null' }),
		recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		primaryKey({ columns: [t.activityId, t.occurrenceStart] }),
		// The figures (impact/) count a day's turnout across the network.
		index('activity_turnout_day_idx').on(t.occurrenceStart),
		check('activity_turnout_people', sql`${t.people} between 0 and 10000`)
	]
);

/**
 * Who may see a date in the network's list without being a member of its
 * initiative (decided by `dateAudience` in access/activities.ts): `public`,
 * `network` (people in the network), `members` (members only), `proposed`
 * (its host and the coordinators).
 */
export const DATE_AUDIENCES = ['public', 'network', 'members', 'proposed'] as const;

/**
 * Every date of every activity that starts before the horizon
 * (`activity_date_horizon`): a one-off is one row, a series one row per date
 * with its exceptions applied. Kept in the same transaction as every change to
 * an activity or its dates (dates.ts), so lists of dates (the network's, an
 * initiative's) read a page from an index instead of expanding every series.
 */
export const activityDate = pgTable(
	'activity_date',
	{
		activityId: uuid('activity_id')
			.notNull()
			.references(() => activity.id, { onDelete: 'cascade' }),
		/** An activity never moves to another initiative; kept here so counting needs no join. */
		initiativeId: uuid('initiative_id').notNull(),
		/** The key of the date: its original start. */
		occurrenceStart: timestamp('occurrence_start', { withTimezone: true }).notNull(),
		startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
		endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
		/** The day it starts in Amsterdam. */
		day: text('day').notNull(),
		audience: text('audience', { enum: DATE_AUDIENCES }).notNull(),
		/** Only this date is cancelled. */
		cancelled: boolean('cancelled').notNull(),
		moved: boolean('moved').notNull(),
		/** Neither the date nor the whole activity is cancelled: it counts. */
		takesPlace: boolean('takes_place').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.activityId, t.occurrenceStart] }),
		// A visitor's month: the public dates of the window. A member's: every date of the window, then who may see it.
		index('activity_date_audience_starts_idx').on(t.audience, t.startsAt),
		index('activity_date_starts_idx').on(t.startsAt),
		// An initiative's own calendar, a page at a time.
		index('activity_date_initiative_starts_idx').on(t.initiativeId, t.startsAt),
		// An initiative's next public date (the map's preview), read from the index alone.
		index('activity_date_public_idx')
			.on(t.initiativeId, t.startsAt, t.endsAt, t.activityId)
			.where(sql`${t.audience} = 'public' and ${t.takesPlace}`),
		check('activity_date_audience', sql`${t.audience} in ('public', 'network', 'members', 'proposed')`)
	]
);

/** One row: every date that starts before `until` is in `activity_date`. No row: not built yet. */
export const activityDateHorizon = pgTable(
	'activity_date_horizon',
	{
		id: integer('id').primaryKey().default(1),
		until: timestamp('until', { withTimezone: true }).notNull()
	},
	(t) => [check('activity_date_horizon_one', sql`${t.id} = 1`)]
);
