import { asc, eq } from 'drizzle-orm';
import { user } from '../accounts/schema.ts';
import { activity } from '../activities/schema.ts';
import { initiative } from '../initiatives/schema.ts';
import type { PersonalDataPart } from '../personal-data/part.ts';
import { announcement, announcementRecipient } from './schema.ts';

/**
 * Berichten aan een groep: those the person wrote, with their text, and those
 * they received: from whom, to which group, when, read or not, without the
 * text (the writer's words are the writer's, as in conversations). On
 * deletion what they wrote stays for its recipients without a name
 * (`writer_id` set null: "(verwijderd account)"); what they received goes
 * with the account (cascade).
 */
export const announcementsPersonalData: PersonalDataPart = {
	key: 'groupMessages',
	async collect(db, viewer) {
		const written = await db
			.select({ initiative: initiative.name, activity: activity.title, date: announcement.occurrenceStart, text: announcement.body, sentAt: announcement.createdAt })
			.from(announcement)
			.innerJoin(initiative, eq(initiative.id, announcement.initiativeId))
			.leftJoin(activity, eq(activity.id, announcement.activityId))
			.where(eq(announcement.writerId, viewer.userId))
			.orderBy(asc(announcement.createdAt));
		const received = await db
			.select({ from: user.name, initiative: initiative.name, activity: activity.title, date: announcement.occurrenceStart, sentAt: announcement.createdAt, readAt: announcementRecipient.readAt })
			.from(announcementRecipient)
			.innerJoin(announcement, eq(announcement.id, announcementRecipient.announcementId))
			.innerJoin(initiative, eq(initiative.id, announcement.initiativeId))
			.leftJoin(activity, eq(activity.id, announcement.activityId))
			.leftJoin(user, eq(user.id, announcement.writerId))
			.where(eq(announcementRecipient.userId, viewer.userId))
			.orderBy(asc(announcement.createdAt));
		return { written, received };
	}
};
