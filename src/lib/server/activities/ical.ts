import { TZDate } from '@date-fns/tz';
import { and, asc, eq, inArray } from 'drizzle-orm';
import ical, { escape, ICalEventStatus, type ICalCalendar } from 'ical-generator';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import { activityFor } from '../access/activities.ts';
import { NotFound } from '../access/core.ts';
import { initiativeFor } from '../access/initiatives.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { mayOverlap, occurrenceOnDay } from './occurrences.ts';
import { signupsOf } from './my-signups.ts';
import { datePath } from './notifications/mails.ts';
import { activity, activityException } from './schema.ts';
import { dayKey, ZONE } from './time.ts';

/**
 * iCalendar (RFC 5545) for activities: a series is one VEVENT with its RRULE,
 * EXDATE for cancelled dates and a VEVENT with RECURRENCE-ID for each moved
 * date; times carry TZID=Europe/Amsterdam with its VTIMEZONE, so calendars
 * keep 19:00 at 19:00 across summer and winter time.
 */

type ActivityRow = typeof activity.$inferSelect;
type ExceptionRow = typeof activityException.$inferSelect;

const DAY = 24 * 3600 * 1000;
/** Feeds show what ended at most this long ago, and at most this many activities. */
const PAST = 60 * DAY;
const MAX_ITEMS = 1000;

/** The library names Amsterdam's rules after Brussels (same rules); we keep Amsterdam's name. */
function vtimezone(tz: string): string | null {
	const block = tzlib_get_ical_block(tz);
	const text = Array.isArray(block) ? block[0] : null;
	return text ? text.replace(/TZID:[^\r\n]+/, `TZID:${tz}`).replace(/X-LIC-LOCATION:[^\r\n]+/, `X-LIC-LOCATION:${tz}`) : null;
}

/**
 * ical-generator escapes the text of events, but writes the calendar's name
 * (NAME, X-WR-CALNAME) as it is: a line break in an initiative's name or an
 * activity's title would start a line of its own (`BEGIN:VEVENT`). So the
 * name is escaped here, as RFC 5545 TEXT.
 */
function calendar(name: string): ICalCalendar {
	return ical({ name: escape(name, false), prodId: { company: 'Herstelplein', product: 'activiteiten', language: 'NL' }, timezone: { name: ZONE, generator: vtimezone } });
}

const local = (d: Date) => new TZDate(d.getTime(), ZONE);
const uid = (activityId: string, key?: Date) => `${activityId}${key ? `-${key.toISOString().replace(/[-:.]/g, '')}` : ''}@herstelplein`;
const icalLocal = (d: Date) => {
	const l = local(d);
	const p = (n: number) => String(n).padStart(2, '0');
	return `${l.getFullYear()}${p(l.getMonth() + 1)}${p(l.getDate())}T${p(l.getHours())}${p(l.getMinutes())}${p(l.getSeconds())}`;
};

/** DTSTAMP must be UTC; ical-generator leaves out the Z when the calendar has a time zone. */
function finish(cal: ICalCalendar): string {
	return cal.toString().replace(/^DTSTAMP:(\d{8}T\d{6})\r$/gm, 'DTSTAMP:$1Z\r');
}

/** The initiative's own place, for activities "bij het initiatief". */
export interface HomePlace {
	name: string;
	address: string;
	postcode: string;
	town: string;
}

/** LOCATION: the activity's own place, or the initiative's name and street address, so a map app finds it. */
export function locationOf(a: Pick<ActivityRow, 'place'>, home: HomePlace): string {
	return a.place || [home.name, home.address, [home.postcode, home.town].filter(Boolean).join(' ')].filter(Boolean).join(', ');
}

/** What every event of an activity shares; SEQUENCE is the activity's revision, so a calendar takes each change. */
function eventBase(a: ActivityRow, url: string, home: HomePlace, stamp: Date) {
	return { summary: a.title, description: a.description || undefined, location: locationOf(a, home), url, stamp, timezone: ZONE, sequence: a.sequence };
}

/** Add an activity (a series with its exceptions, or a one-off) to a calendar. */
function addActivity(cal: ICalCalendar, a: ActivityRow, exceptions: ExceptionRow[], url: string, home: HomePlace, stamp: Date) {
	const base = eventBase(a, url, home, stamp);
	const cancelled = a.status === 'cancelled';
	const excluded = exceptions.filter((e) => e.status === 'cancelled');
	const repeating = a.rrule
		? [`RRULE:${a.rrule}`, ...(excluded.length ? [`EXDATE;TZID=${ZONE}:${excluded.map((e) => icalLocal(e.occurrenceStart)).join(',')}`] : [])].join('\n')
		: undefined;
	cal.createEvent({ ...base, id: uid(a.id), start: local(a.startsAt), end: local(a.endsAt), repeating, status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED });
	if (!a.rrule) return;
	for (const e of exceptions) {
		if (e.status !== 'moved' || !e.startsAt || !e.endsAt) continue;
		cal.createEvent({
			...base,
			id: uid(a.id),
			start: local(e.startsAt),
			end: local(e.endsAt),
			recurrenceId: local(e.occurrenceStart),
			status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED
		});
	}
}

async function exceptionsOf(db: Db, ids: string[]): Promise<Map<string, ExceptionRow[]>> {
	const map = new Map<string, ExceptionRow[]>();
	if (!ids.length) return map;
	for (const e of await db.select().from(activityException).where(inArray(activityException.activityId, ids))) {
		map.set(e.activityId, [...(map.get(e.activityId) ?? []), e]);
	}
	return map;
}

/**
 * The public feed of an initiative: its public activities (and cancelled
 * ones, marked), only when the initiative itself is public. NotFound otherwise.
 */
export async function initiativeFeed(db: Db, slug: string, origin: string, now: Date = new Date()): Promise<string> {
	const { initiative: home } = await initiativeFor(db, null, { slug });
	const rows = await db
		.select()
		.from(activity)
		.where(and(eq(activity.initiativeId, home.id), eq(activity.visibility, 'public'), inArray(activity.status, ['published', 'cancelled']), mayOverlap(new Date(now.getTime() - PAST), new Date(Date.UTC(9999, 0, 1)))))
		.orderBy(asc(activity.startsAt))
		.limit(MAX_ITEMS);
	const exceptions = await exceptionsOf(
		db,
		rows.map((r) => r.id)
	);
	const cal = calendar(home.name);
	for (const a of rows) addActivity(cal, a, exceptions.get(a.id) ?? [], `${origin}/initiatieven/${home.slug}/activiteiten/${a.id}`, home, now);
	return finish(cal);
}

/**
 * Activities of several initiatives in one calendar (the network's filtered
 * list, see network.ts, which decides which rows may be in it).
 */
export async function activitiesFeed(db: Db, name: string, rows: Array<{ activity: ActivityRow; slug: string; home: HomePlace }>, origin: string, now: Date = new Date()): Promise<string> {
	const exceptions = await exceptionsOf(
		db,
		rows.map((r) => r.activity.id)
	);
	const cal = calendar(name);
	for (const { activity: a, slug, home } of rows) {
		addActivity(cal, a, exceptions.get(a.id) ?? [], `${origin}/initiatieven/${slug}/activiteiten/${a.id}`, home, now);
	}
	return finish(cal);
}

/**
 * "Zet in mijn agenda", as this viewer may see it: with `day`, that one date of
 * a series as one event (its own UID, as in the personal feed); without, the
 * whole activity ("alle data"). NotFound for a day the series does not have.
 */
export async function activityFile(db: Db, viewer: Viewer, slug: string, activityId: string, origin: string, now: Date = new Date(), day?: { year: number; month: number; day: number }): Promise<{ name: string; body: string }> {
	const { activity: a, initiative: home } = await activityFor(db, viewer, activityId);
	if (home.slug !== slug) throw new NotFound();
	const cal = calendar(a.title);
	const path = `${origin}/initiatieven/${home.slug}/activiteiten/${a.id}`;
	if (a.rrule && day) {
		const o = await occurrenceOnDay(db, a, day);
		if (!o) throw new NotFound();
		cal.createEvent({ ...eventBase(a, `${path}?datum=${dayKey(o.key)}`, home, now), id: uid(a.id, o.key), start: local(o.startsAt), end: local(o.endsAt), status: a.status === 'cancelled' || o.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED });
	} else addActivity(cal, a, (await exceptionsOf(db, [a.id])).get(a.id) ?? [], path, home, now);
	return { name: a.title, body: finish(cal) };
}

/**
 * One date as a calendar file of its own, for a mail about a sign-up: the same
 * event (UID, SEQUENCE, LOCATION) as "Zet deze datum in mijn agenda", so
 * opening it again updates the calendar's copy.
 */
export function dateCalendar(
	a: ActivityRow,
	home: HomePlace & { slug: string },
	date: { key: Date; startsAt: Date; endsAt: Date; cancelled: boolean },
	origin: string,
	now: Date = new Date()
): string {
	const cal = calendar(a.title);
	const url = `${origin}${datePath(home.slug, a.id, a.rrule ? date.key : null)}`;
	const status = a.status === 'cancelled' || date.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED;
	cal.createEvent({ ...eventBase(a, url, home, now), id: uid(a.id, a.rrule ? date.key : undefined), start: local(date.startsAt), end: local(date.endsAt), status });
	return finish(cal);
}

/**
 * Something else of this person's own that belongs in their feed (an agreed
 * afspraak from vraag & aanbod): the caller decides what is in it, this
 * module only writes it. `path` is a link on this site.
 */
export interface PersonalEvent {
	id: string;
	summary: string;
	location: string;
	start: Date;
	end: Date;
	path: string;
}

/** How far back the personal feed reaches, for the callers that add their own events. */
export const personalFeedSince = (now: Date) => new Date(now.getTime() - PAST);

/**
 * A person's own feed: each date they signed up for (or wait for) as its own
 * event, at its current times; cancelled dates and activities are marked
 * STATUS:CANCELLED. Only this person's sign-ups, and the `extra` events the
 * caller adds for them, nothing else.
 */
export async function personalFeed(db: Db, userId: string, labels: { name: string; waitlist: string }, origin: string, now: Date = new Date(), extra: PersonalEvent[] = []): Promise<string> {
	const cal = calendar(labels.name);
	for (const e of extra.slice(0, MAX_ITEMS)) {
		cal.createEvent({ id: `${e.id}@herstelplein`, summary: e.summary, location: e.location, url: `${origin}${e.path}`, stamp: now, timezone: ZONE, start: local(e.start), end: local(e.end), status: ICalEventStatus.CONFIRMED });
	}
	for (const { activity: a, initiative: home, status, occurrence: o } of await signupsOf(db, userId, new Date(now.getTime() - PAST), MAX_ITEMS)) {
		cal.createEvent({
			...eventBase(a, `${origin}${datePath(home.slug, a.id, a.rrule ? o.key : null)}`, home, now),
			id: uid(a.id, o.key),
			summary: status === 'waitlist' ? `${a.title} (${labels.waitlist})` : a.title,
			start: local(o.startsAt),
			end: local(o.endsAt),
			status: a.status === 'cancelled' || o.cancelled ? ICalEventStatus.CANCELLED : status === 'waitlist' ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED
		});
	}
	return finish(cal);
}
