import { createHmac, timingSafeEqual } from 'node:crypto';
import { and, eq, gt, isNull, lte, sql } from 'drizzle-orm';
import { user } from '../accounts/schema.ts';
import type { SignedIn } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { initiative } from '../initiatives/schema.ts';
import { enqueue, type QueueDefinition } from '../jobs/index.ts';
import type { Mailer } from '../mail/index.ts';
import { NOTIFICATION_KINDS, notificationMail, type NotificationKind } from './notification-mails.ts';
import { activityReminderSent, reminderOptOut } from './notification-schema.ts';
import { activity, activitySignup } from './schema.ts';

/*
 * E-mails about activities, sent by background jobs.
 *
 * The activities service calls the `notify…` functions inside the transaction
 * of the change (sign-up, cancellation, edit); each adds one job per person,
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
const REMINDER_MIN_NOTICE_HOURS = 24;

const HOUR = 3_600_000;

interface MailJob {
	kind: NotificationKind;
	activityId: string;
	userId: string;
}

/** A sign-up was made: a confirmation, or "you are on the waitlist". */
export async function notifySignup(tx: Db, activityId: string, userId: string, status: 'confirmed' | 'waitlist'): Promise<void> {
	await enqueueMail(tx, { kind: status === 'confirmed' ? 'signup_confirmed' : 'waitlisted', activityId, userId });
}

/** People moved up from the waitlist to a place. */
export async function notifyMovedUp(tx: Db, activityId: string, userIds: string[]): Promise<void> {
	for (const userId of userIds) await enqueueMail(tx, { kind: 'moved_up', activityId, userId });
}

/**
 * Call before an activity is changed, with what it will become: when the time
 * or place changes, everyone signed up gets a mail.
 */
export async function notifyIfMoved(
	tx: Db,
	activityId: string,
	next: { startsAt: Date; endsAt: Date; place: string }
): Promise<void> {
	const [now] = await tx
		.select({ startsAt: activity.startsAt, endsAt: activity.endsAt, place: activity.place, status: activity.status })
		.from(activity)
		.where(eq(activity.id, activityId));
	if (!now || now.status === 'cancelled') return;
	const moved =
		now.startsAt.getTime() !== next.startsAt.getTime() || now.endsAt.getTime() !== next.endsAt.getTime() || now.place !== next.place;
	if (moved) await notifyEveryoneSignedUp(tx, activityId, 'changed');
}

/**
 * An activity was cancelled: everyone signed up (also on the waitlist) gets a
 * mail. Pass a transaction, or the database right after the change committed.
 */
export async function notifyActivityCancelled(db: Db, activityId: string): Promise<void> {
	await db.transaction((tx) => notifyEveryoneSignedUp(tx, activityId, 'cancelled'));
}

async function notifyEveryoneSignedUp(tx: Db, activityId: string, kind: 'changed' | 'cancelled'): Promise<void> {
	const people = await tx.select({ userId: activitySignup.userId }).from(activitySignup).where(eq(activitySignup.activityId, activityId));
	for (const { userId } of people) await enqueueMail(tx, { kind, activityId, userId });
}

function enqueueMail(tx: Db, job: MailJob): Promise<void> {
	return enqueue(tx, MAIL_QUEUE, job);
}

export interface NotificationContext {
	db: Db;
	mailer: Mailer;
	/** Public address for links in mails. */
	origin: string;
	/** Signs the "no more reminders" links. */
	secret: string;
}

/** The queues of this module, for the job runner. */
export function notificationQueues(ctx: NotificationContext): Record<string, QueueDefinition> {
	return {
		[MAIL_QUEUE]: { handler: async (data) => void (await sendNotification(ctx, parseMailJob(data))) },
		// Every 15 minutes; a missed run (the app was down) is caught up by the next one.
		[REMINDER_QUEUE]: { handler: async () => void (await scheduleReminders(ctx.db)), cron: '*/15 * * * *', retryLimit: 1 }
	};
}

function parseMailJob(data: Record<string, unknown>): MailJob {
	const { kind, activityId, userId } = data;
	if (!NOTIFICATION_KINDS.includes(kind as NotificationKind) || typeof activityId !== 'string' || typeof userId !== 'string') {
		throw new Error('not an activity mail job');
	}
	return { kind: kind as NotificationKind, activityId, userId };
}

/**
 * Send one e-mail, as things are now. Skips mails that no longer fit: the
 * person or activity is gone, they cancelled, the activity was cancelled after
 * a change, or they turned reminders off.
 */
export async function sendNotification(ctx: NotificationContext, job: MailJob): Promise<'sent' | 'skipped'> {
	const [row] = await ctx.db
		.select({ activity, initiative, person: { email: user.email, name: user.name, locale: user.locale }, signup: activitySignup.status })
		.from(activity)
		.innerJoin(initiative, eq(initiative.id, activity.initiativeId))
		.innerJoin(user, eq(user.id, job.userId))
		.leftJoin(activitySignup, and(eq(activitySignup.activityId, activity.id), eq(activitySignup.userId, user.id)))
		.where(eq(activity.id, job.activityId));
	if (!row) return 'skipped';
	const cancelled = row.activity.status === 'cancelled';
	const stillFits: Record<NotificationKind, boolean> = {
		signup_confirmed: row.signup !== null && !cancelled,
		waitlisted: row.signup === 'waitlist' && !cancelled,
		moved_up: row.signup === 'confirmed' && !cancelled,
		changed: row.signup !== null && !cancelled,
		cancelled: true,
		reminder: row.signup === 'confirmed' && !cancelled && !(await hasOptedOut(ctx.db, job.userId))
	};
	if (!stillFits[job.kind]) return 'skipped';
	await ctx.mailer.send(
		notificationMail({
			kind: job.kind,
			origin: ctx.origin,
			person: row.person,
			activity: row.activity,
			initiative: row.initiative,
			stopPath: job.kind === 'reminder' ? stopRemindersPath(ctx.secret, job.userId) : undefined
		})
	);
	return 'sent';
}

/**
 * Find confirmed sign-ups for activities that start in 12–30 hours and have
 * had no reminder yet, record each as sent and add its mail job — in one
 * transaction, so a reminder is never sent twice and never lost. Returns how
 * many were added. The scheduled job calls this; tests call it directly.
 */
export async function scheduleReminders(db: Db, now: Date = new Date()): Promise<number> {
	return db.transaction(async (tx) => {
		const due = await tx
			.select({ activityId: activitySignup.activityId, userId: activitySignup.userId })
			.from(activitySignup)
			.innerJoin(activity, eq(activity.id, activitySignup.activityId))
			.leftJoin(
				activityReminderSent,
				and(eq(activityReminderSent.activityId, activitySignup.activityId), eq(activityReminderSent.userId, activitySignup.userId))
			)
			.leftJoin(reminderOptOut, eq(reminderOptOut.userId, activitySignup.userId))
			.where(
				and(
					eq(activitySignup.status, 'confirmed'),
					eq(activity.status, 'published'),
					gt(activity.startsAt, new Date(now.getTime() + REMINDER_FROM_HOURS * HOUR)),
					lte(activity.startsAt, new Date(now.getTime() + REMINDER_TO_HOURS * HOUR)),
					lte(activitySignup.createdAt, sql`${activity.startsAt} - make_interval(hours => ${REMINDER_MIN_NOTICE_HOURS})`),
					isNull(activityReminderSent.userId),
					isNull(reminderOptOut.userId)
				)
			)
			.limit(1000);
		for (const person of due) {
			const claimed = await tx.insert(activityReminderSent).values(person).onConflictDoNothing().returning({ userId: activityReminderSent.userId });
			if (claimed.length) await enqueueMail(tx, { kind: 'reminder', ...person });
		}
		return due.length;
	});
}

/** Whether this person turned reminders by e-mail off. */
export async function hasOptedOut(db: Db, userId: string): Promise<boolean> {
	const [row] = await db.select({ userId: reminderOptOut.userId }).from(reminderOptOut).where(eq(reminderOptOut.userId, userId));
	return !!row;
}

/** Turn your own reminders by e-mail on or off (account setting). */
export async function setReminders(db: Db, viewer: SignedIn, on: boolean): Promise<void> {
	if (on) await db.delete(reminderOptOut).where(eq(reminderOptOut.userId, viewer.userId));
	else await db.insert(reminderOptOut).values({ userId: viewer.userId }).onConflictDoNothing();
}

/** Whether reminders are on for you. */
export async function remindersOn(db: Db, viewer: SignedIn): Promise<boolean> {
	return !(await hasOptedOut(db, viewer.userId));
}

/** Where the "no more reminders" link leads. */
export const STOP_REMINDERS_PATH = '/herinneringen-uitzetten';

const PURPOSE = 'herstelplein:stop-reminders:';

const sign = (secret: string, userId: string) => createHmac('sha256', secret).update(PURPOSE + userId).digest('base64url');

/**
 * A token that lets whoever holds it turn off reminders for one person, without
 * signing in: the person's id with an HMAC over it. It can do nothing else.
 */
export function stopRemindersToken(secret: string, userId: string): string {
	return `${Buffer.from(userId).toString('base64url')}.${sign(secret, userId)}`;
}

function stopRemindersPath(secret: string, userId: string): string {
	return `${STOP_REMINDERS_PATH}?token=${encodeURIComponent(stopRemindersToken(secret, userId))}`;
}

/** The person a "no more reminders" token is for, or null when it is not genuine. */
export function verifyStopRemindersToken(secret: string, token: string): string | null {
	const [encoded, mac, ...rest] = token.split('.');
	if (!encoded || !mac || rest.length) return null;
	const userId = Buffer.from(encoded, 'base64url').toString('utf8');
	const expected = Buffer.from(sign(secret, userId));
	const given = Buffer.from(mac);
	return given.length === expected.length && timingSafeEqual(given, expected) ? userId : null;
}

/**
 * Turn off reminders with a token from a reminder mail. Returns false for a
 * token that is not genuine or a person who no longer exists.
 */
export async function stopRemindersWithToken(db: Db, secret: string, token: string): Promise<boolean> {
	const userId = verifyStopRemindersToken(secret, token);
	if (!userId) return false;
	const [person] = await db.select({ id: user.id }).from(user).where(eq(user.id, userId));
	if (!person) return false;
	await db.insert(reminderOptOut).values({ userId }).onConflictDoNothing();
	return true;
}
