import { pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { user } from '../../accounts/schema.ts';
import { activity } from '../schema.ts';

/**
 * Which reminders were sent, one row per date (`occurrence_start`, the date's
 * key) and person, so each date of a series gets its own reminder and a reminder
 * is never sent twice (not after a restart, not by a second app process).
 */
export const activityReminderSent = pgTable(
	'activity_reminder_sent',
	{
		activityId: uuid('activity_id')
			.notNull()
			.references(() => activity.id, { onDelete: 'cascade' }),
		/** The key of the date (its original start), as in `activity_signup`. */
		occurrenceStart: timestamp('occurrence_start', { withTimezone: true }).notNull(),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.activityId, t.occurrenceStart, t.userId] })]
);

/**
 * People who do not want reminders by e-mail ("Herinneringen per e-mail" off).
 * No row: reminders are on. Confirmations and cancellations are always sent.
 */
export const reminderOptOut = pgTable('reminder_opt_out', {
	userId: text('user_id')
		.primaryKey()
		.references(() => user.id, { onDelete: 'cascade' }),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});
