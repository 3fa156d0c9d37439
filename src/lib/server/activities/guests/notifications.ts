import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/index.ts';
import { initiative } from '../../initiatives/schema.ts';
import { guestCancelPath } from './links.ts';
import { guestNotificationMail } from './mails.ts';
import { withCalendar, type NotificationKind } from '../notifications/mails.ts';
import { dateCalendar } from '../ical.ts';
import type { GuestMailTarget, MailJob, NotificationContext } from '../notifications/recipients.ts';
import { occurrenceAt } from '../occurrences.ts';
import { activity, activityException, activitySignup } from '../schema.ts';
import { dayKey } from '../time.ts';

/*
 * The guest part of activity e-mails (people who signed up without an
 * account): it builds on the notification core (notifications/), which knows
 * a guest only as a recipient (recipients.ts); notifications/queues.ts joins both.
 */

/**
 * Send one e-mail to a guest about one date, as things are now; the same
 * rules as for members (see `sendNotification`). Every mail but "cancelled"
 * carries the guest's link to cancel without an account.
 */
export async function sendGuestNotification(ctx: NotificationContext, job: MailJob & GuestMailTarget): Promise<'sent' | 'skipped'> {
	const key = new Date(job.occurrence);
	const [row] = await ctx.db
		.select({
			activity,
			initiative,
			signup: { status: activitySignup.status, name: activitySignup.guestName, email: activitySignup.guestEmail, locale: activitySignup.guestLocale }
		})
		.from(activity)
		.innerJoin(initiative, eq(initiative.id, activity.initiativeId))
		.leftJoin(
			activitySignup,
			and(eq(activitySignup.id, job.signupId), eq(activitySignup.activityId, activity.id), eq(activitySignup.occurrenceStart, key), isNull(activitySignup.userId))
		)
		.where(eq(activity.id, job.activityId));
	if (!row) return 'skipped';
	const signup = row.signup?.status ? row.signup : null;
	const guest = signup ? { name: signup.name!, email: signup.email!, locale: signup.locale } : (job.guest ?? null);
	if (!guest) return 'skipped';
	const date = await occurrenceAt(ctx.db, row.activity, key);
	const cancelled = row.activity.status === 'cancelled' || !date || date.cancelled;
	const stillFits: Record<NotificationKind, boolean> = {
		signup_confirmed: signup !== null && !cancelled,
		waitlisted: signup?.status === 'waitlist' && !cancelled,
		moved_up: signup?.status === 'confirmed' && !cancelled,
		changed: signup !== null && !cancelled,
		date_moved: signup !== null && !cancelled,
		restored: signup !== null && !cancelled,
		cancelled,
		reminder: signup?.status === 'confirmed' && !cancelled
	};
	if (!stillFits[job.kind]) return 'skipped';
	const length = row.activity.endsAt.getTime() - row.activity.startsAt.getTime();
	const times = date ? { startsAt: date.startsAt, endsAt: date.endsAt } : { startsAt: key, endsAt: new Date(key.getTime() + length) };
	// The same calendar file as a member's mail, so a guest can put the date in their own calendar too.
	const ics = job.kind === 'waitlisted' ? null : dateCalendar(row.activity, row.initiative, { key, ...times, cancelled }, ctx.origin);
	await ctx.mailer.send(
		withCalendar(ics, guestNotificationMail({
			kind: job.kind,
			origin: ctx.origin,
			guest,
			activity: { ...row.activity, ...times },
			day: row.activity.rrule ? dayKey(key) : undefined,
			initiative: row.initiative,
			cancelPath: signup && job.kind !== 'cancelled' ? guestCancelPath(ctx.secret, job.signupId) : undefined
		}))
	);
	return 'sent';
}

/**
 * Claim the reminders due for guests (confirmed, the date starts within the
 * window, signed up long enough before it, not reminded yet) by marking their
 * sign-ups; returns them. Call inside the reminder transaction: a claimed
 * sign-up is never reminded twice, not even by two app processes at once.
 */
export async function claimGuestReminders(
	tx: Db,
	now: Date,
	window: { fromHours: number; toHours: number; minNoticeHours: number }
): Promise<Array<{ id: string; activityId: string; occurrenceStart: Date }>> {
	const HOUR = 3_600_000;
	const startsAt = sql`coalesce(${activityException.startsAt}, ${activitySignup.occurrenceStart})`;
	const due = await tx
		.select({ id: activitySignup.id })
		.from(activitySignup)
		.innerJoin(activity, eq(activity.id, activitySignup.activityId))
		.leftJoin(activityException, and(eq(activityException.activityId, activitySignup.activityId), eq(activityException.occurrenceStart, activitySignup.occurrenceStart)))
		.where(
			and(
				isNull(activitySignup.userId),
				isNull(activitySignup.guestRemindedAt),
				eq(activitySignup.status, 'confirmed'),
				eq(activity.status, 'published'),
				sql`coalesce(${activityException.status}, 'planned') <> 'cancelled'`,
				sql`${startsAt} > ${new Date(now.getTime() + window.fromHours * HOUR).toISOString()}::timestamptz`,
				sql`${startsAt} <= ${new Date(now.getTime() + window.toHours * HOUR).toISOString()}::timestamptz`,
				sql`${activitySignup.createdAt} <= ${startsAt} - make_interval(hours => ${window.minNoticeHours})`
			)
		)
		.limit(1000);
	if (!due.length) return [];
	return tx
		.update(activitySignup)
		.set({ guestRemindedAt: now })
		.where(
			and(
				inArray(
					activitySignup.id,
					due.map((d) => d.id)
				),
				isNull(activitySignup.guestRemindedAt)
			)
		)
		.returning({ id: activitySignup.id, activityId: activitySignup.activityId, occurrenceStart: activitySignup.occurrenceStart });
}
