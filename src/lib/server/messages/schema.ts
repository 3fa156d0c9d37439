import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { user } from '../accounts/schema.ts';
import { exchangePost } from '../exchange/schema.ts';
import { initiative } from '../initiatives/schema.ts';

/**
 * A conversation (gesprek) between members. Only its members can read it:
 * no role, not a coordinator and not the association admin, opens another
 * person's conversation (access/messages.ts). Two people, or a small group
 * (`group`) that one member started with a few fellow members of an
 * initiative they share; members of a group can leave it.
 */
export const conversation = pgTable(
	'conversation',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		/** The offer or request it started from; the conversation stays when the post goes. */
		postId: uuid('post_id').references(() => exchangePost.id, { onDelete: 'set null' }),
		/** A small group: its members stay who they are however many have left (a pair is never a group). */
		group: boolean('is_group').notNull().default(false),
		/** A group's initiative, where its members know each other from (and where a report about it goes). */
		initiativeId: uuid('initiative_id').references(() => initiative.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		lastMessageAt: timestamp('last_message_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('conversation_post_idx').on(t.postId)]
);

/** Who is in a conversation, and what they have read. Goes with the account; their messages stay. */
export const conversationMember = pgTable(
	'conversation_member',
	{
		conversationId: uuid('conversation_id')
			.notNull()
			.references(() => conversation.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		/** Everything up to here has been read; null: nothing yet. */
		readAt: timestamp('read_at', { withTimezone: true }),
		/** The last e-mail notice of a new message here, so mails come at most once an hour. */
		noticedAt: timestamp('noticed_at', { withTimezone: true }),
		/**
		 * The conversation's last message, copied onto each member (in the same
		 * transaction), so a person's inbox and unread count read in order from
		 * one index, however many conversations there are.
		 */
		lastMessageAt: timestamp('last_message_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		primaryKey({ columns: [t.conversationId, t.userId] }),
		index('conversation_member_inbox_idx').on(t.userId, t.lastMessageAt, t.conversationId),
		// The header's unread count, on every signed-in page: only the conversations with something new.
		index('conversation_member_unread_idx').on(t.userId).where(sql`${t.readAt} is null or ${t.readAt} < ${t.lastMessageAt}`)
	]
);

/** A message: plain text, shown as text (links made clickable safely). */
export const message = pgTable(
	'message',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		conversationId: uuid('conversation_id')
			.notNull()
			.references(() => conversation.id, { onDelete: 'cascade' }),
		/** Null once the sender deleted their account: shown as "(verwijderd account)". */
		senderId: text('sender_id').references(() => user.id, { onDelete: 'set null' }),
		body: text('body').notNull(),
		/** Hidden by the coordinators (moderation/): the other member sees "verborgen door de coördinatoren". */
		hiddenAt: timestamp('hidden_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('message_conversation_idx').on(t.conversationId, t.createdAt, t.id),
		index('message_sender_idx').on(t.senderId),
		check('message_body_length', sql`char_length(${t.body}) between 1 and 4000`)
	]
);

/**
 * "Geen contact meer": the blocked person cannot write to the blocker and
 * does not see their offers and requests. They are not told.
 */
export const contactBlock = pgTable(
	'contact_block',
	{
		blockerId: text('blocker_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		blockedId: text('blocked_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.blockerId, t.blockedId] }), index('contact_block_blocked_idx').on(t.blockedId), check('contact_block_not_self', sql`${t.blockerId} <> ${t.blockedId}`)]
);

/**
 * "Wie mag mij berichten sturen": `members` (default, no row) — everyone who
 * may see my offers and requests; `wrote_first` — only people I wrote to
 * first; `nobody` — no new conversations. In a conversation that already
 * exists, people I wrote to keep writing (access/messages.ts).
 */
export const WHO_MAY_WRITE = ['members', 'wrote_first', 'nobody'] as const;
export type WhoMayWrite = (typeof WHO_MAY_WRITE)[number];

export const messageSetting = pgTable(
	'message_setting',
	{
		userId: text('user_id')
			.primaryKey()
			.references(() => user.id, { onDelete: 'cascade' }),
		whoMayWrite: text('who_may_write', { enum: WHO_MAY_WRITE }).notNull(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [check('message_setting_who', sql`${t.whoMayWrite} in ('members', 'wrote_first', 'nobody')`)]
);
