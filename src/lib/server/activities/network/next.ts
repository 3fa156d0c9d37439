import { and, asc, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import { networkDateVisible } from '../../access/activities.ts';
import type { Db } from '../../db/index.ts';
import { activity, activityDate } from '../schema.ts';

/** How far ahead an initiative's next date is looked for. */
export const NEXT_DATE_DAYS = 60;

export interface NextDate {
	title: string;
	startsAt: Date;
	endsAt: Date;
}

/**
 * The next public date of each of these initiatives (the map's preview): what
 * a visitor may see in the network's list, taking place (neither the date nor
 * the activity cancelled), not over, starting within `NEXT_DATE_DAYS`. One
 * query on the dates table (activities/dates.ts), however many initiatives
 * are asked for; its horizon is always more than a year ahead.
 */
export async function nextPublicDates(db: Db, initiativeIds: string[], now: Date = new Date()): Promise<Map<string, NextDate>> {
	if (!initiativeIds.length) return new Map();
	const to = new Date(now.getTime() + NEXT_DATE_DAYS * 24 * 3600 * 1000);
	// The first date of each initiative from the index alone; the title only for those.
	const first = db
		.selectDistinctOn([activityDate.initiativeId], { initiativeId: activityDate.initiativeId, activityId: activityDate.activityId, startsAt: activityDate.startsAt, endsAt: activityDate.endsAt })
		.from(activityDate)
		.where(and(networkDateVisible(null), sql`${activityDate.takesPlace}`, inArray(activityDate.initiativeId, initiativeIds), gt(activityDate.endsAt, now), lt(activityDate.startsAt, to)))
		.orderBy(asc(activityDate.initiativeId), asc(activityDate.startsAt), asc(activityDate.activityId))
		.as('first');
	const rows = await db
		.select({ initiativeId: first.initiativeId, title: activity.title, startsAt: first.startsAt, endsAt: first.endsAt })
		.from(first)
		.innerJoin(activity, eq(activity.id, first.activityId));
	return new Map(rows.map(({ initiativeId, ...next }) => [initiativeId, next]));
}
