import { asc, eq } from 'drizzle-orm';
import type { PersonalDataPart } from '../../personal-data/part.ts';
import { activityReminderSent, reminderOptOut } from './schema.ts';
import { activity } from '../schema.ts';

/**
 * What activity e-mails keep about a person: whether reminders are on, and
 * which reminders were sent. Both go with the account (on delete cascade).
 */
export const notificationsPersonalData: PersonalDataPart = {
	key: 'activityEmails',
	async collect(db, viewer) {
		const [optOut] = await db.select({ since: reminderOptOut.createdAt }).from(reminderOptOut).where(eq(reminderOptOut.userId, viewer.userId));
		const remindersSent = await db
			.select({ title: activity.title, date: activityReminderSent.occurrenceStart, sentAt: activityReminderSent.sentAt })
			.from(activityReminderSent)
			.innerJoin(activity, eq(activity.id, activityReminderSent.activityId))
			.where(eq(activityReminderSent.userId, viewer.userId))
			.orderBy(asc(activityReminderSent.sentAt), asc(activityReminderSent.occurrenceStart));
		return { remindersByEmail: !optOut, remindersOffSince: optOut?.since ?? null, remindersSent };
	}
};
