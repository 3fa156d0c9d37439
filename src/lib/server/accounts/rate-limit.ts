import { eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/index.ts';
import { rateLimit } from './schema.ts';

export interface Limit {
	/** Attempts allowed per window. */
	max: number;
	windowSeconds: number;
}

/**
 * Limits for the sign-in forms: per IP address and per account (e-mail address).
 * Per-IP limits are generous because many people share one address: the
 * computer at the walk-in, a workshop where everyone signs up together.
 */
export const LIMITS = {
	signInPerIp: { max: 60, windowSeconds: 15 * 60 },
	signInPerAccount: { max: 8, windowSeconds: 15 * 60 },
	mailPerIp: { max: 10, windowSeconds: 60 * 60 },
	mailPerAccount: { max: 3, windowSeconds: 60 * 60 },
	signUpPerIp: { max: 50, windowSeconds: 60 * 60 }
} satisfies Record<string, Limit>;

/**
 * Count one attempt for each key and say whether all are still within their
 * limit. A fixed window per key, counted in the database so that several app
 * processes share the count. One upsert per key: cheap and race-free.
 */
export async function allowAttempt(db: Db, checks: Array<{ key: string; limit: Limit }>): Promise<boolean> {
	let allowed = true;
	for (const { key, limit } of checks) {
		const window = `${limit.windowSeconds} seconds`;
		const rows = await queryRows<{ count: number }>(db, sql`
			insert into ${rateLimit} (key, count, window_start) values (${key}, 1, now())
			on conflict (key) do update set
				count = case when ${rateLimit.windowStart} < now() - ${window}::interval then 1 else ${rateLimit.count} + 1 end,
				window_start = case when ${rateLimit.windowStart} < now() - ${window}::interval then now() else ${rateLimit.windowStart} end
			returning count`);
		if (Number(rows[0].count) > limit.max) allowed = false;
	}
	return allowed;
}

/** Forget the attempts under a key: a successful sign-in clears that account's count. */
export async function clearAttempts(db: Db, key: string): Promise<void> {
	await db.delete(rateLimit).where(eq(rateLimit.key, key));
}
