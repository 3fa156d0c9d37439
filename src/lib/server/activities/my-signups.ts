import { and, asc, eq, gt } from 'drizzle-orm';
import { personSeesActivity } from '../access/activities.ts';
import { requireSignedIn } from '../access/core.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { initiative, membership } from '../initiatives/schema.ts';
import { occurrenceAt, type Occurrence } from './occurrences.ts';
import { activity, activitySignup } from './schema.ts';

/**
 * What a person signed up for (mijn aanmeldingen): each date with its
 * current times (moved, cancelled), the activity and its initiative. Only the
 * person's own sign-ups, for their account page and their private calendar feed,
 * and only of activities they may still see: a sign-up left behind (after
 * leaving an initiative) never shows what is for members only.
 */

export interface MySignup {
	activity: typeof activity.$inferSelect;
	initiative: { slug: string; name: string; address: string; postcode: string; town: string };
	status: 'confirmed' | 'waitlist';
	occurrence: Occurrence;
}

/** The person's sign-ups for dates that were planned after `since`, in time order, at most `limit`. */
export async function signupsOf(db: Db, userId: string, since: Date, limit: number): Promise<MySignup[]> {
	const rows = await db
		.select({
			activity,
			slug: initiative.slug,
			name: initiative.name,
			address: initiative.address,
			postcode: initiative.postcode,
			town: initiative.town,
			initiativeStatus: initiative.status,
			role: membership.role,
			key: activitySignup.occurrenceStart,
			status: activitySignup.status
		})
		.from(activitySignup)
		.innerJoin(activity, eq(activity.id, activitySignup.activityId))
		.innerJoin(initiative, eq(initiative.id, activity.initiativeId))
		.leftJoin(membership, and(eq(membership.initiativeId, activity.initiativeId), eq(membership.userId, userId)))
		.where(and(eq(activitySignup.userId, userId), gt(activitySignup.occurrenceStart, since)))
		.orderBy(asc(activitySignup.occurrenceStart), asc(activitySignup.activityId))
		.limit(limit);
	const out: MySignup[] = [];
	for (const r of rows) {
		if (!(await personSeesActivity(db, userId, r.activity, r.initiativeStatus, r.role))) continue;
		const occurrence = await occurrenceAt(db, r.activity, r.key);
		if (occurrence) out.push({ activity: r.activity, initiative: { slug: r.slug, name: r.name, address: r.address, postcode: r.postcode, town: r.town }, status: r.status, occurrence });
	}
	return out;
}

/** A moved date can come before one planned earlier: a day starts this long before the first planned date read. */
const LONGEST_MOVE = 60 * 24 * 3600 * 1000;

/** The signed-in person's coming dates (not ended yet), at their current times, at most `limit`. */
export async function mySignups(db: Db, viewer: Viewer, now: Date = new Date(), limit = 50): Promise<MySignup[]> {
	const person = requireSignedIn(viewer);
	const all = await signupsOf(db, person.userId, new Date(now.getTime() - LONGEST_MOVE), limit + 200);
	return all
		.filter((s) => s.occurrence.endsAt > now)
		.sort((a, b) => a.occurrence.startsAt.getTime() - b.occurrence.startsAt.getTime())
		.slice(0, limit);
}
