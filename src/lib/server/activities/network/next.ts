import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/index.ts';
import { initiative } from '../../initiatives/schema.ts';
import { log } from '../../log/index.ts';
import { mayOverlap, occurrencesOfMany } from '../occurrences.ts';
import { activity } from '../schema.ts';
import { visibleInNetwork } from './sql.ts';

/** How far ahead an initiative's next date is looked for. */
export const NEXT_DATE_DAYS = 60;
/** Activities read for one call at most: a page of the directory has 20 initiatives, each with a few activities. */
const CAP = 500;

export interface NextDate {
	title: string;
	startsAt: Date;
	endsAt: Date;
}

/**
 * The next public date of each of these initiatives (the map's preview): what
 * a visitor may see in the network's list, not cancelled, within
 * `NEXT_DATE_DAYS`. One query for the activities and one for their
 * exceptions, however many initiatives are asked for.
 */
export async function nextPublicDates(db: Db, initiativeIds: string[], now: Date = new Date()): Promise<Map<string, NextDate>> {
	if (!initiativeIds.length) return new Map();
	const to = new Date(now.getTime() + NEXT_DATE_DAYS * 24 * 3600 * 1000);
	const rows = await db
		.select({ id: activity.id, initiativeId: activity.initiativeId, title: activity.title, startsAt: activity.startsAt, endsAt: activity.endsAt, rrule: activity.rrule })
		.from(activity)
		.innerJoin(initiative, eq(initiative.id, activity.initiativeId))
		.where(and(visibleInNetwork(db, null), eq(activity.status, 'published'), inArray(activity.initiativeId, initiativeIds), mayOverlap(now, to)))
		.orderBy(asc(activity.startsAt), asc(activity.id))
		.limit(CAP);
	if (rows.length === CAP) log.warn({ cap: CAP }, 'next dates: more activities than expected; some initiatives may show no next date');
	// A few dates of each series are enough: the first one that is not cancelled is wanted.
	const dates = await occurrencesOfMany(db, rows, now, to, 10);
	const next = new Map<string, NextDate>();
	for (const { activity: a, occurrence: o } of dates) {
		if (o.cancelled || next.has(a.initiativeId)) continue;
		next.set(a.initiativeId, { title: a.title, startsAt: o.startsAt, endsAt: o.endsAt });
	}
	return next;
}
