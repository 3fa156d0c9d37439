import { eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/index.ts';
import { rateLimit } from './schema.ts';
import { config } from '../config.ts';

export interface Limit {
	/** Attempts allowed per window. */
	max: number;
	windowSeconds: number;
}

const MINUTES_15 = 15 * 60;
const HOUR = 60 * 60;
const DAY = 24 * HOUR;

/**
 * Limits per IP address, per account (e-mail address) and per pair of both.
 * Per-IP limits are generous because many people share one address: the
 * computer at the walk-in, a workshop where everyone signs up together.
 *
 * Wrong passwords lock out only the pair (this account from this address):
 * the owner elsewhere, and everyone else behind the same address, sign in as
 * always. Beyond the per-account and per-address counts every attempt is slowed
 * down instead of refused, and a sign-in link or a new password always works.
 */
export const LIMITS = {
	signInPerPair: { max: 8, windowSeconds: MINUTES_15 },
	/** Failed sign-ins to one account from anywhere after which each attempt is slowed down. */
	signInSlowPerAccount: { max: 20, windowSeconds: MINUTES_15 },
	/** Failed sign-ins from one address (any account) after which each attempt is slowed down. */
	signInSlowPerIp: { max: 60, windowSeconds: MINUTES_15 },
	mailPerIp: { max: 10, windowSeconds: HOUR },
	mailPerPair: { max: 3, windowSeconds: HOUR },
	mailPerAccount: { max: 10, windowSeconds: HOUR },
	get signUpPerIp(): Limit {
		return { max: config().SIGNUPS_PER_ADDRESS_PER_HOUR, windowSeconds: HOUR };
	},
	/** Confirmation links asked for again from the account page. */
	confirmMailPerAccount: { max: 3, windowSeconds: HOUR },
	/** Initiatives one person starts. */
	initiativesPerAccount: { max: 3, windowSeconds: DAY },
	/** Invitation mails one person sends, over all their initiatives. */
	inviteMailsPerAccount: { max: 800, windowSeconds: DAY },
	/** Invitation mails one initiative sends (one full list of 500 fits). */
	inviteMailsPerInitiative: { max: 500, windowSeconds: DAY },
	/** Open initiatives one person joins. */
	joinsPerAccount: { max: 3, windowSeconds: DAY }
} satisfies Record<string, Limit>;

/** The count under a key after adding `amount` (a new window starts at `amount`). */
const counted = (limit: Limit, amount: number) => {
	const expired = sql`${rateLimit.windowStart} < now() - ${`${limit.windowSeconds} seconds`}::interval`;
	return {
		count: sql`case when ${expired} then ${amount}::int else ${rateLimit.count} + ${amount}::int end`,
		windowStart: sql`case when ${expired} then now() else ${rateLimit.windowStart} end`
	};
};

/**
 * Count one attempt under each key in turn and say whether all are still
 * within their limit; a key over its limit stops the count there, so a refused
 * attempt does not use up what the later keys allow (an account's own limit).
 * A fixed window per key, counted in the database so that several app
 * processes share the count. One upsert per key: cheap and race-free.
 */
export async function allowAttempt(db: Db, checks: Array<{ key: string; limit: Limit }>): Promise<boolean> {
	for (const { key, limit } of checks) {
		const next = counted(limit, 1);
		const rows = await queryRows<{ count: number }>(db, sql`
			insert into ${rateLimit} (key, count, window_start) values (${key}, 1, now())
			on conflict (key) do update set count = ${next.count}, window_start = ${next.windowStart}
			returning count`);
		if (Number(rows[0].count) > limit.max) return false;
	}
	return true;
}

/** How many attempts are counted under a key in its current window (nothing is added). */
export async function attemptsSoFar(db: Db, key: string, limit: Limit): Promise<number> {
	const rows = await queryRows<{ count: number }>(db, sql`
		select count from ${rateLimit}
		where key = ${key} and window_start >= now() - ${`${limit.windowSeconds} seconds`}::interval`);
	return rows.length ? Number(rows[0].count) : 0;
}

/**
 * Take `amount` from a quota (e.g. 40 invitation mails of a day's 500), all
 * or nothing: false, and nothing taken, when it does not fit in what is left.
 * The conditional update locks the row, so two requests cannot both take the last part.
 */
export async function takeQuota(db: Db, key: string, limit: Limit, amount = 1): Promise<boolean> {
	if (amount > limit.max) return false;
	await db.insert(rateLimit).values({ key, count: 0, windowStart: sql`now()` }).onConflictDoNothing();
	const next = counted(limit, amount);
	const rows = await queryRows<{ count: number }>(db, sql`
		update ${rateLimit} set count = ${next.count}, window_start = ${next.windowStart}
		where key = ${key} and ${next.count} <= ${limit.max}
		returning count`);
	return rows.length > 0;
}

/** Forget the attempts under a key: a successful sign-in clears that account's count. */
export async function clearAttempts(db: Db, key: string): Promise<void> {
	await db.delete(rateLimit).where(eq(rateLimit.key, key));
}
