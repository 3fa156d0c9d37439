import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { personSeesActivity } from '../../access/activities.ts';
import { user } from '../../accounts/schema.ts';
import type { Db } from '../../db/index.ts';
import { initiative, membership } from '../../initiatives/schema.ts';
import { enqueueNotice } from '../../notify/index.ts';
import { notificationMail, withCalendar, type NotificationKind } from './mails.ts';
import { dateCalendar } from '../ical.ts';
import { activityReminderSent, reminderOptOut } from './schema.ts';
import { hasOptedOut, stopRemindersPath } from './opt-out.ts';
import { occurrenceAt } from '../occurrences.ts';
import { activity, activityException, activitySignup } from '../schema.ts';
import { dayKey } from '../time.ts';
import { NextDates, type MailJob, type NotificationContext } from './recipients.ts';

/*
 * E-mails about activities, sent by background jobs.
 *
 * The activities service calls the `notify…` functions inside the transaction
 * of the change (sign-up, cancellation, edit); each adds one job per person
 * and date (a series' date is known by its key, its original start),
 * so the mail goes out only when the change is committed, also after a restart.
 * The job reads the activity again when it runs: the mail shows how things are
 * then, and a mail that no longer fits (the person cancelled meanwhile) is skipped.
 */

/** The queue of single e-mails, one job per person per event. */
export const MAIL_QUEUE = 'activity-mail';
/** The scheduled look for activities that need a reminder. */
export const REMINDER_QUEUE = 'activity-reminders';

/** Reminders go out for activities that start between 12 and 30 hours from now ("the day before"). */
export const REMINDER_FROM_HOURS = 12;
export const REMINDER_TO_HOURS = 30;
/** Who signed up less than this long before the start just got a confirmation; no reminder on top. */
export const REMINDER_MIN_NOTICE_HOURS = 24;

const HOUR = 3_600_000;

/** Who a mail about a sign-up goes to: the member, or the guest of that sign-up. */
const recipient = (signup: { id: string; userId: string | null }): { userId: string } | { signupId: string } =>
	signup.userId ? { userId: signup.userId } : { signupId: signup.id };

/** A sign-up for one date was made: a confirmation, or "you are on the waitlist". */
export async function notifySignup(tx: Db, activityId: string, occurrence: Date, signup: { id: string; userId: string | null }, status: 'confirmed' | 'waitlist'): Promise<void> {
	await enqueueMail(tx, { kind: status === 'confirmed' ? 'signup_confirmed' : 'waitlisted', activityId, occurrence: occurrence.toISOString(), ...recipient(signup) });
}

/** People (members and guests) moved up from the waitlist of one date to a place. */
export async function notifyMovedUp(tx: Db, activityId: string, occurrence: Date, signups: Array<{ id: string; userId: string | null }>): Promise<void> {
	for (const signup of signups) await enqueueMail(tx, { kind: 'moved_up', activityId, occurrence: occurrence.toISOString(), ...recipient(signup) });
}

/**
 * Per person signed up (also on a waitlist) for a coming date of this
 * activity: the key of their next such date. A date counts as coming until
 * it has ended (a moved date by its new end); cancelled dates do not count.
 */
export async function nextDatesOfPeople(tx: Db, activityId: string, now: Date): Promise<NextDates> {
	const coming = and(
		eq(activitySignup.activityId, activityId),
		sql`coalesce(${activityException.status}, 'planned') <> 'cancelled'`,
		sql`coalesce(${activityException.endsAt}, ${activitySignup.occurrenceStart} + (${activity.endsAt} - ${activity.startsAt})) > ${now.toISOString()}::timestamptz`
	);
	const rows = await tx
		.select({ userId: activitySignup.userId, at: sql<Date>`min(${activitySignup.occurrenceStart})`.mapWith(activitySignup.occurrenceStart) })
		.from(activitySignup)
		.innerJoin(activity, eq(activity.id, activitySignup.activityId))
		.leftJoin(activityException, and(eq(activityException.activityId, activitySignup.activityId), eq(activityException.occurrenceStart, activitySignup.occurrenceStart)))
		.where(and(coming, isNotNull(activitySignup.userId)))
		.groupBy(activitySignup.userId);
	const dates = new NextDates(rows.map((r) => [r.userId!, r.at]));
	const guests = await tx
		.select({ id: activitySignup.id, at: activitySignup.occurrenceStart, name: activitySignup.guestName, email: activitySignup.guestEmail, locale: activitySignup.guestLocale })
		.from(activitySignup)
		.innerJoin(activity, eq(activity.id, activitySignup.activityId))
		.leftJoin(activityException, and(eq(activityException.activityId, activitySignup.activityId), eq(activityException.occurrenceStart, activitySignup.occurrenceStart)))
		.where(and(coming, isNull(activitySignup.userId)));
	for (const g of guests) dates.addGuest(g.id, g.at, { name: g.name!, email: g.email!, locale: g.locale ?? 'nl' });
	return dates;
}

type Times = { startsAt: Date; endsAt: Date; place: string; rrule: string | null; status: string };

/**
 * Call after an activity (a one-off or a whole series) was changed, with how
 * it was, how it is, and `nextDatesOfPeople` from before the change. When the
 * time or place changed, each person who was signed up for a coming date gets
 * ONE mail: about their next date as it is now; or, when the change took all
 * their dates away (a series now on other days or times), that their date
 * does not go on.
 */
export async function notifyIfMoved(tx: Db, before: Times & { id: string }, after: Times, nextBefore: NextDates, now: Date): Promise<void> {
	if (before.status === 'cancelled' || after.status === 'cancelled') return;
	const moved =
		before.startsAt.getTime() !== after.startsAt.getTime() ||
		before.endsAt.getTime() !== after.endsAt.getTime() ||
		before.place !== after.place ||
		before.rrule !== after.rrule;
	if (!moved || nextBefore.size === 0) return;
	const nextAfter = await nextDatesOfPeople(tx, before.id, now);
	for (const [key, was] of nextBefore) {
		const still = nextAfter.get(key);
		const to = nextBefore.recipient(key);
		if (still) await enqueueMail(tx, { kind: 'changed', activityId: before.id, occurrence: still.toISOString(), ...to });
		// A guest's sign-up for a date the series no longer has is gone: the mail keeps their contact.
		else await enqueueMail(tx, { kind: 'cancelled', activityId: before.id, occurrence: was.toISOString(), ...to, ...nextBefore.contact(key) });
	}
}

/**
 * An activity was cancelled as a whole: each person signed up for a coming
 * date (also on a waitlist) gets one mail, about their next date. Call in the
 * transaction that cancelled it.
 */
export async function notifyActivityCancelled(tx: Db, activityId: string, now: Date): Promise<void> {
	const dates = await nextDatesOfPeople(tx, activityId, now);
	for (const [key, at] of dates) {
		await enqueueMail(tx, { kind: 'cancelled', activityId, occurrence: at.toISOString(), ...dates.recipient(key) });
	}
}

/**
 * One date of a series was cancelled, moved or restored: everyone signed up
 * for that date (also on its waitlist) gets a mail. Call in the transaction of the change.
 */
export async function notifyDateChanged(tx: Db, activityId: string, occurrence: Date, kind: 'date_moved' | 'cancelled' | 'restored'): Promise<void> {
	const people = await tx
		.select({ id: activitySignup.id, userId: activitySignup.userId })
		.from(activitySignup)
		.where(and(eq(activitySignup.activityId, activityId), eq(activitySignup.occurrenceStart, occurrence)));
	for (const signup of people) await enqueueMail(tx, { kind, activityId, occurrence: occurrence.toISOString(), ...recipient(signup) });
}

/** Add one mail job, inside the transaction of the change it is about. */
export function enqueueMail(tx: Db, job: MailJob): Promise<void> {
	return enqueueNotice(tx, MAIL_QUEUE, job);
}

/**
 * Send one e-mail about one date, as things are now. Skips mails that no
 * longer fit: the person or activity is gone, they cancelled, the date or the
 * whole activity was cancelled (then only the "cancelled" mail goes out, and
 * only while it is), or they turned reminders off. A moved date shows its new times; the link leads
 * to the date's own page.
 */
export async function sendMemberNotification(ctx: NotificationContext, job: MailJob & { userId: string }): Promise<'sent' | 'skipped'> {
	const key = new Date(job.occurrence);
	const [row] = await ctx.db
		.select({ activity, initiative, person: { email: user.email, name: user.name, locale: user.locale }, signup: activitySignup.status, role: membership.role })
		.from(activity)
		.innerJoin(initiative, eq(initiative.id, activity.initiativeId))
		.innerJoin(user, eq(user.id, job.userId))
		.leftJoin(membership, and(eq(membership.initiativeId, activity.initiativeId), eq(membership.userId, user.id)))
		.leftJoin(
			activitySignup,
			and(eq(activitySignup.activityId, activity.id), eq(activitySignup.occurrenceStart, key), eq(activitySignup.userId, user.id))
		)
		.where(eq(activity.id, job.activityId));
	// Not to someone who may no longer see it (they left the initiative after this mail was queued).
	if (!row || !(await personSeesActivity(ctx.db, job.userId, row.activity, row.initiative.status, row.role))) return 'skipped';
	const date = await occurrenceAt(ctx.db, row.activity, key);
	// No such date any more: the series changed its days or times (see notifyIfMoved).
	const cancelled = row.activity.status === 'cancelled' || !date || date.cancelled;
	const stillFits: Record<NotificationKind, boolean> = {
		signup_confirmed: row.signup !== null && !cancelled,
		waitlisted: row.signup === 'waitlist' && !cancelled,
		moved_up: row.signup === 'confirmed' && !cancelled,
		changed: row.signup !== null && !cancelled,
		date_moved: row.signup !== null && !cancelled,
		restored: row.signup !== null && !cancelled,
		// Not when the date was restored meanwhile; always when it is gone.
		cancelled,
		reminder: row.signup === 'confirmed' && !cancelled && !(await hasOptedOut(ctx.db, job.userId))
	};
	if (!stillFits[job.kind]) return 'skipped';
	const length = row.activity.endsAt.getTime() - row.activity.startsAt.getTime();
	const times = date ? { startsAt: date.startsAt, endsAt: date.endsAt } : { startsAt: key, endsAt: new Date(key.getTime() + length) };
	// The date as a calendar file, for every mail about a place (not while waiting on the list): a cancelled date cancels it there too.
	const ics = job.kind === 'waitlisted' ? null : dateCalendar(row.activity, row.initiative, { key, ...times, cancelled }, ctx.origin);
	await ctx.mailer.send(
		withCalendar(ics, notificationMail({
			kind: job.kind,
			origin: ctx.origin,
			person: row.person,
			activity: { ...row.activity, ...times },
			day: row.activity.rrule ? dayKey(key) : undefined,
			initiative: row.initiative,
			stopPath: job.kind === 'reminder' ? stopRemindersPath(ctx.secret, job.userId) : undefined
		}))
	);
	return 'sent';
}

/**
 * Claim the reminders due for members: confirmed sign-ups for dates that
 * start in 12–30 hours with no reminder yet, each recorded as sent and its
 * mail job added. A moved date counts from its new start; a cancelled date (or
 * activity) gets none. Call inside the reminder transaction (queues.ts), so a
 * reminder is never sent twice and never lost. Returns how many were added.
 */
export async function claimMemberReminders(tx: Db, now: Date): Promise<number> {
	const startsAt = sql`coalesce(${activityException.startsAt}, ${activitySignup.occurrenceStart})`;
	const due = await tx
		.select({ activityId: activitySignup.activityId, occurrenceStart: activitySignup.occurrenceStart, userId: activitySignup.userId })
		.from(activitySignup)
		.innerJoin(activity, eq(activity.id, activitySignup.activityId))
		.leftJoin(activityException, and(eq(activityException.activityId, activitySignup.activityId), eq(activityException.occurrenceStart, activitySignup.occurrenceStart)))
		.leftJoin(
			activityReminderSent,
			and(
				eq(activityReminderSent.activityId, activitySignup.activityId),
				eq(activityReminderSent.occurrenceStart, activitySignup.occurrenceStart),
				eq(activityReminderSent.userId, activitySignup.userId)
			)
		)
		.leftJoin(reminderOptOut, eq(reminderOptOut.userId, activitySignup.userId))
		.where(
			and(
				isNotNull(activitySignup.userId),
				eq(activitySignup.status, 'confirmed'),
				eq(activity.status, 'published'),
				sql`coalesce(${activityException.status}, 'planned') <> 'cancelled'`,
				sql`${startsAt} > ${new Date(now.getTime() + REMINDER_FROM_HOURS * HOUR).toISOString()}::timestamptz`,
				sql`${startsAt} <= ${new Date(now.getTime() + REMINDER_TO_HOURS * HOUR).toISOString()}::timestamptz`,
				sql`${activitySignup.createdAt} <= ${startsAt} - make_interval(hours => ${REMINDER_MIN_NOTICE_HOURS})`,
				isNull(activityReminderSent.userId),
				isNull(reminderOptOut.userId)
			)
		)
		.limit(1000);
	for (const person of due) {
		const userId = person.userId!;
		const claimed = await tx.insert(activityReminderSent).values({ ...person, userId }).onConflictDoNothing().returning({ userId: activityReminderSent.userId });
		if (claimed.length) {
			await enqueueMail(tx, { kind: 'reminder', activityId: person.activityId, occurrence: person.occurrenceStart.toISOString(), userId });
		}
	}
	return due.length;
}
