import { and, asc, eq } from 'drizzle-orm';
import type { PersonalDataPart } from '../personal-data/part.ts';
import { initiative } from '../initiatives/schema.ts';
import { activity, activityFeedToken, activitySignup } from './schema.ts';
import { fillFromWaitlist } from './signups.ts';

/**
 * What the activities capability keeps about a person: the activities they
 * host, their sign-ups (per date) and whether they have a calendar link (never the token). On deletion, hosted activities stay for the others
 * (the host becomes anonymous: `created_by` is set null), and every place the
 * person held goes to the first on that waitlist.
 */
export const activitiesPersonalData: PersonalDataPart = {
	key: 'activities',
	async collect(db, viewer) {
		const hosted = await db
			.select({ title: activity.title, initiative: initiative.name, startsAt: activity.startsAt, endsAt: activity.endsAt, place: activity.place, status: activity.status, createdAt: activity.createdAt })
			.from(activity)
			.innerJoin(initiative, eq(initiative.id, activity.initiativeId))
			.where(eq(activity.createdBy, viewer.userId))
			.orderBy(asc(activity.startsAt));
		const signups = await db
			.select({ title: activity.title, initiative: initiative.name, date: activitySignup.occurrenceStart, status: activitySignup.status, showName: activitySignup.showName, signedUpAt: activitySignup.createdAt })
			.from(activitySignup)
			.innerJoin(activity, eq(activity.id, activitySignup.activityId))
			.innerJoin(initiative, eq(initiative.id, activity.initiativeId))
			.where(eq(activitySignup.userId, viewer.userId))
			.orderBy(asc(activitySignup.occurrenceStart));
		const [feed] = await db.select({ createdAt: activityFeedToken.createdAt }).from(activityFeedToken).where(eq(activityFeedToken.userId, viewer.userId));
		return { hosted, signups, calendarLink: feed ? { madeAt: feed.createdAt } : null };
	},
	async erase(tx, viewer) {
		const held = await tx
			.delete(activitySignup)
			.where(and(eq(activitySignup.userId, viewer.userId), eq(activitySignup.status, 'confirmed')))
			.returning({ activityId: activitySignup.activityId, date: activitySignup.occurrenceStart });
		for (const { activityId, date } of held) await fillFromWaitlist(tx, activityId, date);
		await tx.delete(activityFeedToken).where(eq(activityFeedToken.userId, viewer.userId));
	}
};
