import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { user } from '../accounts/schema.ts';
import { conversation } from '../messages/schema.ts';

/**
 * Where a conversation about an offer or a request can go: an afspraak (both
 * said yes to a day and a place), then gedaan (one marks it, the other
 * confirms). One afspraak per conversation; a new proposal replaces the
 * previous one and raises `version`, so a click on an older proposal is
 * refused as stale. Only the two people in the conversation read it
 * (access/deals.ts); no coordinator, no admin.
 *
 *   proposed → agreed → done_pending → done
 *   proposed/agreed → cancelled → proposed (a new proposal)
 */
export const DEAL_STATUSES = ['proposed', 'agreed', 'done_pending', 'done', 'cancelled'] as const;
export type DealStatus = (typeof DEAL_STATUSES)[number];

const person = (name: string) => text(name).references(() => user.id, { onDelete: 'set null' });

export const deal = pgTable(
	'deal',
	{
		conversationId: uuid('conversation_id')
			.primaryKey()
			.references(() => conversation.id, { onDelete: 'cascade' }),
		/** Who gives help: the poster of an offer, the responder to a request. Null once they deleted their account. */
		giverId: person('giver_id'),
		receiverId: person('receiver_id'),
		/** The post's title when the afspraak was made: history stays readable after the post goes. */
		title: text('title').notNull(),
		startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
		/** A place, or free text such as "online" or "bij mij thuis". */
		place: text('place').notNull(),
		status: text('status', { enum: DEAL_STATUSES }).notNull().default('proposed'),
		proposedBy: person('proposed_by'),
		/** Raised by every new proposal and every cancellation; forms carry it. */
		version: integer('version').notNull().default(1),
		/** Both said yes (kept after a cancellation, so calendars can drop the event). */
		agreedAt: timestamp('agreed_at', { withTimezone: true }),
		doneMarkedBy: person('done_marked_by'),
		doneAt: timestamp('done_at', { withTimezone: true }),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('deal_giver_idx').on(t.giverId, t.doneAt),
		index('deal_receiver_idx').on(t.receiverId, t.doneAt),
		check('deal_status', sql`${t.status} in ('proposed', 'agreed', 'done_pending', 'done', 'cancelled')`),
		check('deal_place_length', sql`char_length(${t.place}) between 1 and 200`)
	]
);

/**
 * A bedankje: a short private note from who received help to who gave it,
 * after the afspraak is done. The giver may show it on their profile (without
 * the writer's name); default not.
 */
export const dealThanks = pgTable(
	'deal_thanks',
	{
		conversationId: uuid('conversation_id')
			.primaryKey()
			.references(() => deal.conversationId, { onDelete: 'cascade' }),
		writerId: person('writer_id'),
		giverId: person('giver_id'),
		body: text('body').notNull(),
		shownOnProfile: boolean('shown_on_profile').notNull().default(false),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('deal_thanks_giver_idx').on(t.giverId, t.createdAt), check('deal_thanks_body_length', sql`char_length(${t.body}) between 1 and 1000`)]
);
