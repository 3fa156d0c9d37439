import { sql } from 'drizzle-orm';
import { check, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { user } from '../accounts/schema.ts';
import { activity } from '../activities/schema.ts';
import { initiative } from '../initiatives/schema.ts';

/**
 * A bericht aan een groep (announcement): a coordinator writes to all members
 * of their initiative, or a host or coordinator to everyone signed up for one
 * date (`activity_id` + `occurrence_start`). Nobody answers the group: a
 * reply goes to the writer alone, in a one-to-one conversation (messages/).
 */
export const announcement = pgTable(
	'announcement',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		initiativeId: uuid('initiative_id')
			.notNull()
			.references(() => initiative.id, { onDelete: 'cascade' }),
		/** The date it is about (with `occurrenceStart`); null: all members of the initiative. */
		activityId: uuid('activity_id').references(() => activity.id, { onDelete: 'cascade' }),
		/** The original start of the date (as `activity_signup.occurrence_start`). */
		occurrenceStart: timestamp('occurrence_start', { withTimezone: true }),
		/** Null once the writer deleted their account: shown as "(verwijderd account)". */
		writerId: text('writer_id').references(() => user.id, { onDelete: 'set null' }),
		body: text('body').notNull(),
		/** Hidden by the coordinators (moderation/): recipients see that it was hidden, not its text. */
		hiddenAt: timestamp('hidden_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('announcement_initiative_idx').on(t.initiativeId, t.createdAt),
		index('announcement_writer_idx').on(t.writerId),
		check('announcement_body_length', sql`char_length(${t.body}) between 1 and 4000`),
		check('announcement_date_whole', sql`(${t.activityId} is null) = (${t.occurrenceStart} is null)`)
	]
);

/**
 * Who received it: fixed when it is written, so a person who joins later
 * does not read earlier announcements. `created_at` is the announcement's,
 * copied so the inbox reads conversations and announcements in order from
 * one index each (like `conversation_member.last_message_at`).
 */
export const announcementRecipient = pgTable(
	'announcement_recipient',
	{
		announcementId: uuid('announcement_id')
			.notNull()
			.references(() => announcement.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
		readAt: timestamp('read_at', { withTimezone: true })
	},
	(t) => [primaryKey({ columns: [t.announcementId, t.userId] }), index('announcement_recipient_inbox_idx').on(t.userId, t.createdAt, t.announcementId)]
);
