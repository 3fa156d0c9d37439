import { and, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/index.ts';
import type { QueueDefinition } from '../../jobs/index.ts';
import { log } from '../../log/index.ts';
import { activity, activityException, activityGuestRequest, activitySignup } from '../schema.ts';

/*
 * Guests' names and e-mail addresses are kept no longer than needed (AVG):
 * a guest's sign-up goes a week after its date has ended; a request that was
 * never confirmed (or was) goes a day after its link expired. A scheduled job
 * does this every hour, once across all app processes.
 */

/** Days after a date has ended that a guest's sign-up is kept (the form and mails say "a week"). */
export const GUEST_KEEP_DAYS = 7;
/** Days after a confirmation link expired that its request is kept (so the link can say "expired"). */
export const GUEST_REQUEST_KEEP_DAYS = 1;

export const GUEST_CLEANUP_QUEUE = 'activity-guest-cleanup';

const DAY = 24 * 3_600_000;

/** Remove guest data that is no longer needed; returns how many sign-ups and requests went. */
export async function cleanupGuestData(db: Db, now: Date = new Date()): Promise<{ signups: number; requests: number }> {
	return db.transaction(async (tx) => {
		const before = new Date(now.getTime() - GUEST_KEEP_DAYS * DAY).toISOString();
		// A date ends at its moved end, else at its key plus the activity's length.
		const ended = await tx
			.select({ id: activitySignup.id })
			.from(activitySignup)
			.innerJoin(activity, eq(activity.id, activitySignup.activityId))
			.leftJoin(activityException, and(eq(activityException.activityId, activitySignup.activityId), eq(activityException.occurrenceStart, activitySignup.occurrenceStart)))
			.where(
				and(
					isNull(activitySignup.userId),
					sql`greatest(coalesce(${activityException.endsAt}, ${activitySignup.occurrenceStart} + (${activity.endsAt} - ${activity.startsAt})), ${activitySignup.occurrenceStart} + (${activity.endsAt} - ${activity.startsAt})) < ${before}::timestamptz`
				)
			)
			.limit(5000);
		const signups = ended.length
			? (
					await tx
						.delete(activitySignup)
						.where(
							inArray(
								activitySignup.id,
								ended.map((e) => e.id)
							)
						)
						.returning({ id: activitySignup.id })
				).length
			: 0;
		const requests = (
			await tx
				.delete(activityGuestRequest)
				.where(lt(activityGuestRequest.expiresAt, new Date(now.getTime() - GUEST_REQUEST_KEEP_DAYS * DAY)))
				.returning({ id: activityGuestRequest.id })
		).length;
		if (signups || requests) log.info({ signups, requests }, 'guest data removed');
		return { signups, requests };
	});
}

/** The hourly clean-up, for the job runner. */
export function guestCleanupQueues(db: Db): Record<string, QueueDefinition> {
	return {
		[GUEST_CLEANUP_QUEUE]: { handler: async () => void (await cleanupGuestData(db)), cron: '17 * * * *', retryLimit: 1 }
	};
}
