import type { Db } from '../../db/index.ts';
import type { QueueDefinition } from '../../jobs/index.ts';
import { noticeQueue } from '../../notify/index.ts';
import { guestCleanupQueues } from '../guests/cleanup.ts';
import { claimGuestReminders, sendGuestNotification } from '../guests/notifications.ts';
import { proposalQueues } from '../proposals.ts';
import { NOTIFICATION_KINDS, type NotificationKind } from './mails.ts';
import { parseGuestTarget, type MailJob, type NotificationContext } from './recipients.ts';
import {
	claimMemberReminders,
	enqueueMail,
	MAIL_QUEUE,
	REMINDER_FROM_HOURS,
	REMINDER_MIN_NOTICE_HOURS,
	REMINDER_QUEUE,
	REMINDER_TO_HOURS,
	sendMemberNotification
} from './service.ts';

/*
 * The background jobs of activity mails, for members and guests alike: the
 * notification core (service.ts) and the guest part (guests/notifications.ts)
 * are joined here, so neither imports the other.
 */

export { MAIL_QUEUE, REMINDER_QUEUE };

/** The queues of activity mails (also those about proposals), for the job runner. */
export function notificationQueues(ctx: NotificationContext): Record<string, QueueDefinition> {
	return {
		...proposalQueues(ctx),
		[MAIL_QUEUE]: noticeQueue(parseMailJob, (job) => sendNotification(ctx, job)),
		// Every 15 minutes; a missed run (the app was down) is caught up by the next one.
		[REMINDER_QUEUE]: { handler: async () => void (await scheduleReminders(ctx.db)), cron: '*/15 * * * *', retryLimit: 1 },
		...guestCleanupQueues(ctx.db)
	};
}

function parseMailJob(data: Record<string, unknown>): MailJob {
	const { kind, activityId, occurrence, userId } = data;
	if (
		!NOTIFICATION_KINDS.includes(kind as NotificationKind) ||
		typeof activityId !== 'string' ||
		typeof occurrence !== 'string' ||
		Number.isNaN(Date.parse(occurrence))
	) {
		throw new Error('not an activity mail job');
	}
	if (typeof userId === 'string') return { kind: kind as NotificationKind, activityId, occurrence, userId };
	const guest = parseGuestTarget(data);
	if (!guest) throw new Error('not an activity mail job');
	return { kind: kind as NotificationKind, activityId, occurrence, ...guest };
}

/**
 * Send one e-mail about one date, as things are now, to a member or a guest;
 * a mail that no longer fits is skipped (see `sendMemberNotification`).
 */
export function sendNotification(ctx: NotificationContext, job: MailJob): Promise<'sent' | 'skipped'> {
	return 'userId' in job ? sendMemberNotification(ctx, job) : sendGuestNotification(ctx, job);
}

/**
 * Add the reminders that are due, for members and guests, in one transaction,
 * so a reminder is never sent twice and never lost; each date of a series gets
 * its own. Returns how many were added. The scheduled job calls this; tests
 * call it directly.
 */
export async function scheduleReminders(db: Db, now: Date = new Date()): Promise<number> {
	return db.transaction(async (tx) => {
		const members = await claimMemberReminders(tx, now);
		const guests = await claimGuestReminders(tx, now, { fromHours: REMINDER_FROM_HOURS, toHours: REMINDER_TO_HOURS, minNoticeHours: REMINDER_MIN_NOTICE_HOURS });
		for (const g of guests) await enqueueMail(tx, { kind: 'reminder', activityId: g.activityId, occurrence: g.occurrenceStart.toISOString(), signupId: g.id });
		return members + guests.length;
	});
}
