import { and, eq, gte, inArray, lt, lte, sql } from 'drizzle-orm';
import { requireActivityManager } from '../access/activities.ts';
import { requireCoordinator } from '../access/initiatives.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { recountMonthLater } from '../impact/refresh.ts';
import { MAX_TURNOUT } from './forms.ts';
import { occurrenceAt } from './occurrences.ts';
import { activity, activityTurnout } from './schema.ts';
import { listOccurrences, type OccurrenceSummary } from './service.ts';

/*
 * Turnout (opkomst): afterwards, a host or coordinator writes down how many
 * people came to a date — a number, never names. It is for the initiative's
 * own figures (a subsidy report, a year review), seen only by its hosts and
 * coordinators.
 */

export type TurnoutResult = { ok: true } | { ok: false; error: 'turnout_not_yet' | 'cancelled' | 'no_date' };

/** Record (or correct) how many came to one date. Only once the date has begun, and not for a cancelled date. */
export async function recordTurnout(db: Db, viewer: Viewer, activityId: string, occurrence: Date, people: number, now: Date = new Date()): Promise<TurnoutResult> {
	const { activity: a } = await requireActivityManager(db, viewer, activityId);
	if (!Number.isInteger(people) || people < 0 || people > MAX_TURNOUT) throw new RangeError('turnout out of range');
	const date = await occurrenceAt(db, a, occurrence);
	if (!date) return { ok: false, error: 'no_date' };
	if (a.status === 'cancelled' || date.cancelled) return { ok: false, error: 'cancelled' };
	if (date.startsAt > now) return { ok: false, error: 'turnout_not_yet' };
	await db
		.insert(activityTurnout)
		.values({ activityId, occurrenceStart: date.key, people, recordedBy: viewer!.userId })
		.onConflictDoUpdate({
			target: [activityTurnout.activityId, activityTurnout.occurrenceStart],
			set: { people, recordedBy: viewer!.userId, recordedAt: sql`now()` }
		});
	// Written down for a date the figures already counted: count its month again.
	await recountMonthLater(db, a.initiativeId, date.key);
	return { ok: true };
}

/** How many came to one date, for its hosts and coordinators; null when not recorded (or not theirs to see). */
export async function turnoutOf(db: Db, viewer: Viewer, activityId: string, occurrence: Date): Promise<number | null> {
	const { activity: a } = await requireActivityManager(db, viewer, activityId);
	const [row] = await db
		.select({ people: activityTurnout.people })
		.from(activityTurnout)
		.where(and(eq(activityTurnout.activityId, a.id), eq(activityTurnout.occurrenceStart, occurrence)));
	return row?.people ?? null;
}

export interface TurnoutOverview {
	/** The dates that took place in the window, oldest first, with the number that came (null: not written down yet). */
	dates: Array<OccurrenceSummary & { people: number | null }>;
	/** Per month (`2026-11`) over the twelve months before `to`: dates with a number, and the people counted. */
	months: Array<{ month: string; dates: number; people: number }>;
}

/**
 * A coordinator's view of turnout: the dates of a window that have begun,
 * and totals per month of the year before.
 */
export async function turnoutOverview(db: Db, viewer: Viewer, initiativeId: string, window: { from: Date; to: Date }, now: Date = new Date()): Promise<TurnoutOverview> {
	await requireCoordinator(db, viewer, { id: initiativeId });
	const to = window.to < now ? window.to : now;
	const { occurrences } = await listOccurrences(db, viewer, initiativeId, { from: window.from, to, limit: 500 });
	const held = occurrences.filter((o) => o.status === 'published' && !o.cancelled && o.startsAt <= now);
	const recorded = held.length
		? await db
				.select({ activityId: activityTurnout.activityId, at: activityTurnout.occurrenceStart, people: activityTurnout.people })
				.from(activityTurnout)
				.where(
					and(
						inArray(activityTurnout.activityId, [...new Set(held.map((o) => o.id))]),
						gte(activityTurnout.occurrenceStart, new Date(Math.min(...held.map((o) => o.key.getTime())))),
						lte(activityTurnout.occurrenceStart, new Date(Math.max(...held.map((o) => o.key.getTime()))))
					)
				)
		: [];
	const people = new Map(recorded.map((r) => [`${r.activityId}/${r.at.getTime()}`, r.people]));
	const month = sql<string>`to_char(${activityTurnout.occurrenceStart} at time zone 'Europe/Amsterdam', 'YYYY-MM')`;
	const months = await db
		.select({ month, dates: sql<number>`count(*)::int`, people: sql<number>`sum(${activityTurnout.people})::int` })
		.from(activityTurnout)
		.innerJoin(activity, eq(activity.id, activityTurnout.activityId))
		.where(and(eq(activity.initiativeId, initiativeId), gte(activityTurnout.occurrenceStart, new Date(to.getTime() - 366 * 86_400_000)), lt(activityTurnout.occurrenceStart, to)))
		.groupBy(month)
		.orderBy(sql`1 desc`);
	return {
		dates: held.map((o) => ({ ...o, people: people.get(`${o.id}/${o.key.getTime()}`) ?? null })),
		months: months.map((r) => ({ month: r.month, dates: Number(r.dates), people: Number(r.people) }))
	};
}
