import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * A request from outside, made without an account (a handover, later an
 * organisation's request to the expertise pool). This row holds what every
 * kind shares: where the confirmation mail went, the hash of the one secret
 * link, and the dates that decide what the link still opens. The kind's own
 * details live in the kind's table, keyed by this id (`on delete cascade`).
 *
 *   created ──(link clicked, button pressed)──▶ confirmed ──▶ closed ──▶ forgotten
 *   └─ never confirmed: deleted after UNCONFIRMED_DAYS, with its details
 *
 * `expires_at`: until when the link works. Unconfirmed: a week after it was
 * made; confirmed and open: null (no end); closed: closed plus the kind's
 * retention. At `forgotten_at` the address, the link and the kind's personal
 * details are gone; what is left counts for figures only.
 */
export const outsideRequest = pgTable(
	'outside_request',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		/** Which capability: `handover`, … (see outside/kinds in the README). */
		kind: text('kind').notNull(),
		/** What it is for, e.g. the initiative of a handover; rate limits count per target. */
		targetId: uuid('target_id'),
		/** Where the confirmation mail went; null once forgotten. */
		email: text('email'),
		locale: text('locale').notNull().default('nl'),
		/** SHA-256 of the secret link's token; null once forgotten (the link finds nothing). */
		tokenHash: text('token_hash'),
		/** A random key the form carries, so a second submit of the same form adds nothing. */
		submissionKey: uuid('submission_key'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
		closedAt: timestamp('closed_at', { withTimezone: true }),
		expiresAt: timestamp('expires_at', { withTimezone: true }),
		forgottenAt: timestamp('forgotten_at', { withTimezone: true })
	},
	(t) => [
		uniqueIndex('outside_request_token_idx').on(t.tokenHash),
		uniqueIndex('outside_request_submission_idx').on(t.kind, t.submissionKey),
		index('outside_request_unconfirmed_idx').on(t.createdAt).where(sql`${t.confirmedAt} is null`),
		index('outside_request_expiry_idx').on(t.kind, t.expiresAt).where(sql`${t.closedAt} is not null and ${t.forgottenAt} is null`),
		check('outside_request_email_length', sql`char_length(${t.email}) <= 254`)
	]
);

export type OutsideRequestRow = typeof outsideRequest.$inferSelect;
