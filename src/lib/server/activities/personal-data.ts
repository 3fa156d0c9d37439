import { and, asc, eq } from 'drizzle-orm';
import type { PersonalDataPart } from '../accounts/personal-data.ts';
import { initiative } from '../initiatives/schema.ts';
import { activity, activitySignup } from './schema.ts';
import { fillFromWaitlist } from './signups.ts';
import { notifyMovedUp } from './notifications.ts';

/**
 * What the activities capability keeps about a person: the activities they
 * host and their sign-ups. On deletion, hosted activities stay for the others
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
			.select({ title: activity.title, initiative: initiative.name, startsAt: activity.startsAt, status: activitySignup.status, signedUpAt: activitySignup.createdAt })
			.from(activitySignup)
			.innerJoin(activity, eq(activity.id, activitySignup.activityId))
			.innerJoin(initiative, eq(initiative.id, activity.initiativeId))
			.where(eq(activitySignup.userId, viewer.userId))
			.orderBy(asc(activity.startsAt));
		return { hosted, signups };
	},
	async erase(tx, viewer) {
		const held = await tx
			.delete(activitySignup)
			.where(and(eq(activitySignup.userId, viewer.userId), eq(activitySignup.status, 'confirmed')))
			.returning({ activityId: activitySignup.activityId });
		for (const { activityId } of held) await notifyMovedUp(tx, activityId, await fillFromWaitlist(tx, activityId));
	}
};
