import { and, asc, eq, gt, gte, inArray, isNotNull, isNull, lt, lte, ne, or, sql } from 'drizzle-orm';
import { activityFor, requireActivityManager, type ActivityAccess } from '../access/activities.ts';
import { inNetwork } from '../access/initiatives.ts';
import { NotFound } from '../access/core.ts';
import { initiativeFor, requireMember } from '../access/initiatives.ts';
import { user } from '../accounts/schema.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import type { ActivityInput } from './forms.ts';
import { datesHorizon, refreshActivityDates } from './dates.ts';
import { occurrencesByDay, type Occurrence } from './occurrences.ts';
import { isOccurrence, seriesExtent } from './recurrence.ts';
import { activity, activityDate, activityException, activitySignup, nextSequence } from './schema.ts';
import { fillFromWaitlist } from './signups.ts';
import { nextDatesOfPeople, notifyActivityCancelled, notifyIfMoved } from './notifications/service.ts';
import { notifyProposal } from './proposals.ts';

export type Activity = typeof activity.$inferSelect;

/** An activity in a list, with the number of people who are coming. */
export interface ActivitySummary {
	id: string;
	title: string;
	kind: Activity['kind'];
	startsAt: Date;
	endsAt: Date;
	place: string;
	/** Online (a meeting link exists); the link itself is never in a list. */
	online: boolean;
	costCents: number;
	capacity: number | null;
	visibility: Activity['visibility'];
	status: Activity['status'];
	confirmed: number;
}

/**
 * Any member proposes an activity. It is published at once, unless the
 * initiative reviews proposals: then a member's activity waits as `proposed`
 * and the coordinators get a mail. A coordinator's own activity never waits.
 */
export async function createActivity(
	db: Db,
	viewer: Viewer,
	initiativeId: string,
	input: ActivityInput,
	options: { formKey?: string } = {}
): Promise<Activity> {
	const { initiative, role } = await requireMember(db, viewer, { id: initiativeId });
	const status = initiative.reviewActivities && role !== 'coordinator' ? 'proposed' : 'published';
	// The form's one-time key: the same form sent twice (a double click, a reload) makes one activity.
	const importKey = options.formKey ? `form:${options.formKey}` : null;
	return db.transaction(async (tx) => {
		const [created] = await tx
			.insert(activity)
			.values({ ...withSeries(input), initiativeId, createdBy: viewer!.userId, status, importKey })
			.onConflictDoNothing({ target: [activity.initiativeId, activity.importKey] })
			.returning();
		if (!created) {
			const [earlier] = await tx.select().from(activity).where(and(eq(activity.initiativeId, initiativeId), eq(activity.importKey, importKey!)));
			return earlier;
		}
		if (status === 'proposed') await notifyProposal(tx, created);
		await refreshActivityDates(tx, [created.id]);
		return created;
	});
}

/** The columns a series needs besides its rule: the end of its last date (null: no end). */
function withSeries(input: ActivityInput) {
	const rrule = input.rrule ?? null;
	return { ...input, rrule, seriesEndsAt: rrule ? seriesExtent({ startsAt: input.startsAt, endsAt: input.endsAt, rrule }).lastEndsAt : null };
}

/**
 * The host or a coordinator changes an activity. When it gets more places,
 * people on the waitlists move up in the same transaction. When the dates of
 * a series change, sign-ups and exceptions for dates the series no longer has
 * are removed. When the time or place changes, everyone signed up for a coming
 * date gets one mail (see `notifyIfMoved`).
 */
export async function updateActivity(db: Db, viewer: Viewer, activityId: string, input: ActivityInput, now: Date = new Date()): Promise<Activity> {
	await requireActivityManager(db, viewer, activityId);
	return db.transaction(async (tx) => {
		const [before] = await tx.select().from(activity).where(eq(activity.id, activityId)).for('update');
		const nextBefore = await nextDatesOfPeople(tx, activityId, now);
		const [updated] = await tx.update(activity).set({ ...withSeries(input), sequence: nextSequence }).where(eq(activity.id, activityId)).returning();
		// A one-off has one date, keyed by its start: its sign-ups move with it.
		if (!before.rrule && !updated.rrule && before.startsAt.getTime() !== updated.startsAt.getTime()) {
			await tx.update(activitySignup).set({ occurrenceStart: updated.startsAt }).where(eq(activitySignup.activityId, activityId));
		}
		const keys = [
			...(await tx.selectDistinct({ at: activitySignup.occurrenceStart }).from(activitySignup).where(eq(activitySignup.activityId, activityId))).map((r) => r.at),
			...(await tx.select({ at: activityException.occurrenceStart }).from(activityException).where(eq(activityException.activityId, activityId))).map((r) => r.at)
		];
		const gone = [...new Set(keys.map((k) => k.getTime()))].filter((k) => !isOccurrence(updated, new Date(k))).map((k) => new Date(k));
		if (gone.length) {
			await tx.delete(activitySignup).where(and(eq(activitySignup.activityId, activityId), inArray(activitySignup.occurrenceStart, gone)));
			await tx.delete(activityException).where(and(eq(activityException.activityId, activityId), inArray(activityException.occurrenceStart, gone)));
		}
		await notifyIfMoved(tx, before, updated, nextBefore, now);
		await fillFromWaitlist(tx, activityId);
		await refreshActivityDates(tx, [activityId]);
		return updated;
	});
}

/**
 * The host or a coordinator cancels an activity. It stays visible, marked as
 * cancelled. Everyone signed up for a coming date gets one mail about it.
 */
export async function cancelActivity(db: Db, viewer: Viewer, activityId: string, now: Date = new Date()): Promise<void> {
	await requireActivityManager(db, viewer, activityId);
	await db.transaction(async (tx) => {
		const [was] = await tx.update(activity).set({ status: 'cancelled', sequence: nextSequence }).where(and(eq(activity.id, activityId), ne(activity.status, 'cancelled'))).returning({ id: activity.id });
		if (!was) return;
		await notifyActivityCancelled(tx, activityId, now);
		await refreshActivityDates(tx, [activityId]);
	});
}

/** An activity with what this viewer may do with it; NotFound when hidden. */
export function getActivity(db: Db, viewer: Viewer, activityId: string): Promise<ActivityAccess> {
	return activityFor(db, viewer, activityId);
}

/** Which activities of an initiative this viewer may see in lists (SQL condition). */
async function visibleIn(db: Db, initiativeStatus: string, role: 'member' | 'coordinator' | null, viewer: Viewer) {
	if (role) return role === 'coordinator' ? undefined : or(ne(activity.status, 'proposed'), eq(activity.createdBy, viewer!.userId));
	if (initiativeStatus !== 'published') return sql`false`;
	const open = (await inNetwork(db, viewer)) ? inArray(activity.visibility, ['public', 'network']) : eq(activity.visibility, 'public');
	return and(open, inArray(activity.status, ['published', 'cancelled']));
}

/** `visibleIn` on the dates table: the same rule, read from who may see each date (`activity_date.audience`). */
async function datesVisibleIn(db: Db, initiativeStatus: string, role: 'member' | 'coordinator' | null, viewer: Viewer) {
	if (role) {
		const ownProposal = sql`exists (select 1 from ${activity} where ${activity.id} = ${activityDate.activityId} and ${activity.createdBy} = ${viewer!.userId})`;
		return role === 'coordinator' ? undefined : or(ne(activityDate.audience, 'proposed'), ownProposal);
	}
	if (initiativeStatus !== 'published') return sql`false`;
	return (await inNetwork(db, viewer)) ? inArray(activityDate.audience, ['public', 'network']) : eq(activityDate.audience, 'public');
}

/** One date of an activity in a list, with the number of people coming to that date. */
export interface OccurrenceSummary extends Omit<ActivitySummary, 'startsAt' | 'endsAt'>, Occurrence {
	series: boolean;
}

/** A series list never reads more series than this of one initiative. */
const SERIES_CAP = 1000;
/**
 * A date is planned on one day (the form has one date; an import refuses
 * longer events), so it ends the next day at the latest: a date that started
 * longer ago than this has ended. Index scans start here instead of at the
 * initiative's first date years ago. Two days leave room for a change of clock.
 */
const LONGEST_DATE = 2 * 86_400_000;

/** What a list shows of an activity. */
const listColumns = {
	id: activity.id,
	title: activity.title,
	kind: activity.kind,
	startsAt: activity.startsAt,
	endsAt: activity.endsAt,
	rrule: activity.rrule,
	place: activity.place,
	online: sql<boolean>`${activity.onlineUrl} is not null`,
	costCents: activity.costCents,
	capacity: activity.capacity,
	visibility: activity.visibility,
	status: activity.status
};

/**
 * The activities of an initiative that may have a date in [from, to), as this
 * viewer may see them. A one-off has one date, so only the first `oneOffs` of
 * them (by start) can be on the page: the rest are not read. Series are read
 * all, to be expanded.
 */
async function candidatesIn(db: Db, viewer: Viewer, initiativeId: string, window: { from: Date; to: Date }, oneOffs: number) {
	const { initiative, role } = await initiativeFor(db, viewer, { id: initiativeId });
	const where = and(eq(activity.initiativeId, initiativeId), lt(activity.startsAt, window.to), await visibleIn(db, initiative.status, role, viewer));
	const [single, series] = await Promise.all([
		db
			.select(listColumns)
			.from(activity)
			.where(and(where, isNull(activity.rrule), gt(activity.endsAt, window.from), gt(activity.startsAt, new Date(window.from.getTime() - LONGEST_DATE))))
			.orderBy(asc(activity.startsAt), asc(activity.id))
			.limit(oneOffs),
		db
			.select(listColumns)
			.from(activity)
			.where(and(where, isNotNull(activity.rrule), or(isNull(activity.seriesEndsAt), gt(activity.seriesEndsAt, window.from))))
			.orderBy(asc(activity.startsAt), asc(activity.id))
			.limit(SERIES_CAP)
	]);
	return [...single, ...series];
}

/**
 * The dates of an initiative's activities that overlap [from, to), in time
 * order, as this viewer may see them: at least the first `limit`. Read from
 * the dates table (activities/dates.ts), a page at a time however many
 * activities the initiative has; a window past its horizon is expanded.
 */
async function datesIn(db: Db, viewer: Viewer, initiativeId: string, window: { from: Date; to: Date }, limit: number) {
	const horizon = await datesHorizon(db);
	if (!horizon || window.to > horizon) return expandedDatesIn(db, viewer, initiativeId, window, limit);
	const { initiative, role } = await initiativeFor(db, viewer, { id: initiativeId });
	const rows = await db
		.select({ activity: listColumns, key: activityDate.occurrenceStart, startsAt: activityDate.startsAt, endsAt: activityDate.endsAt, cancelled: activityDate.cancelled, moved: activityDate.moved })
		.from(activityDate)
		.innerJoin(activity, eq(activity.id, activityDate.activityId))
		.where(
			and(
				eq(activityDate.initiativeId, initiativeId),
				gt(activityDate.startsAt, new Date(window.from.getTime() - LONGEST_DATE)),
				lt(activityDate.startsAt, window.to),
				gt(activityDate.endsAt, window.from),
				await datesVisibleIn(db, initiative.status, role, viewer)
			)
		)
		.orderBy(asc(activityDate.startsAt), asc(activityDate.activityId))
		.limit(limit);
	return rows.map(({ activity: a, ...occurrence }) => ({ activity: a, occurrence }));
}

/** `datesIn` by expanding the initiative's series: past the dates table's horizon, and what the table is tested against. */
export async function expandedDatesIn(db: Db, viewer: Viewer, initiativeId: string, window: { from: Date; to: Date }, limit: number) {
	const rows = await candidatesIn(db, viewer, initiativeId, window, limit);
	return occurrencesByDay(db, rows, window.from, window.to, limit);
}

/**
 * Does this viewer see any date of the initiative's activities in [from, to)?
 * ("Later" on the calendar shows only when something follows.)
 */
export async function hasOccurrences(db: Db, viewer: Viewer, initiativeId: string, window: { from: Date; to: Date }): Promise<boolean> {
	return (await datesIn(db, viewer, initiativeId, window, 1)).length > 0;
}

/**
 * The dates of an initiative's activities in [from, to), in time order, as
 * this viewer may see them. At most `limit` dates; `more` tells whether some
 * were left out.
 */
export async function listOccurrences(
	db: Db,
	viewer: Viewer,
	initiativeId: string,
	window: { from: Date; to: Date; limit: number }
): Promise<{ occurrences: OccurrenceSummary[]; more: boolean }> {
	const all = await datesIn(db, viewer, initiativeId, window, window.limit + 1);
	const shown = all.slice(0, window.limit);
	const counts = new Map<string, number>();
	if (shown.length) {
		const keys = shown.map((o) => o.occurrence.key.getTime());
		const found = await db
			.select({ activityId: activitySignup.activityId, at: activitySignup.occurrenceStart, n: sql<number>`count(*)::int` })
			.from(activitySignup)
			.where(
				and(
					inArray(activitySignup.activityId, [...new Set(shown.map((o) => o.activity.id))]),
					gte(activitySignup.occurrenceStart, new Date(Math.min(...keys))),
					lte(activitySignup.occurrenceStart, new Date(Math.max(...keys))),
					eq(activitySignup.status, 'confirmed')
				)
			)
			.groupBy(activitySignup.activityId, activitySignup.occurrenceStart);
		for (const f of found) counts.set(`${f.activityId}/${f.at.getTime()}`, Number(f.n));
	}
	return {
		occurrences: shown.map(({ activity: a, occurrence: o }) => ({
			id: a.id,
			title: a.title,
			kind: a.kind,
			place: a.place,
			online: a.online,
			costCents: a.costCents,
			capacity: a.capacity,
			visibility: a.visibility,
			status: a.status,
			series: !!a.rrule,
			...o,
			confirmed: counts.get(`${a.id}/${o.key.getTime()}`) ?? 0
		})),
		more: all.length > window.limit
	};
}

/**
 * An activity on its initiative's page: NotFound when hidden, or when it
 * belongs to another initiative than the one in the address. Members also
 * learn who hosts it.
 */
export async function activityInInitiative(
	db: Db,
	viewer: Viewer,
	initiativeSlug: string,
	activityId: string
): Promise<ActivityAccess & { host: string | null }> {
	const access = await activityFor(db, viewer, activityId);
	if (access.initiative.slug !== initiativeSlug) throw new NotFound();
	let host: string | null = null;
	if (access.role && access.activity.createdBy) {
		const [row] = await db.select({ name: user.name }).from(user).where(eq(user.id, access.activity.createdBy));
		host = row?.name ?? null;
	}
	return { ...access, host };
}

/**
 * The meeting link of an online activity, for those who may have it: its
 * hosts and coordinators, and people with a place on this date (not on the
 * waitlist). A public page must not invite strangers into a peer group.
 */
export function meetingLinkFor(access: Pick<ActivityAccess, 'activity' | 'canManage'>, mine: 'confirmed' | 'waitlist' | null): string | null {
	return access.canManage || mine === 'confirmed' ? access.activity.onlineUrl : null;
}
