import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { user } from '../accounts/schema.ts';
import { initiative } from '../initiatives/schema.ts';

/*
 * The moderation room, shared by every capability where members write for
 * each other (vraag & aanbod, messages, later stories): an initiative's own
 * afspraken, reports to its coordinators, what they did about it (the log),
 * and the notices that tell the people involved.
 */

/**
 * What can be reported. Adding a kind (a story) means
 * an entry in access/moderation.ts (who may report it, to which initiative)
 * and in moderation/subjects.ts (how the queue shows it, how it is hidden).
 */
export const SUBJECT_KINDS = ['post', 'message', 'announcement', 'person'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

/** The afspraken every initiative has, whatever its coordinators write: shown as messages (`moderation_platform_<key>`). */
export const PLATFORM_RULES = ['respect', 'violence', 'privacy', 'advertising'] as const;
export type PlatformRule = (typeof PLATFORM_RULES)[number];

/** Which afspraak a report is about: a platform rule, one of the initiative's own (`house`), or something else. */
export const REPORT_RULES = [...PLATFORM_RULES, 'house', 'other'] as const;
export type ReportRule = (typeof REPORT_RULES)[number];

export const ACTIONS = ['hide', 'warn', 'remove', 'close'] as const;
export type ModerationAction = (typeof ACTIONS)[number];

/**
 * What the log records: the actions on reports, and the notes of recognition
 * to a story, which pass the room before they reach the writer
 * (stories/notes.ts): passed on, or not; and undoing a hide (`unhide`).
 */
export const LOG_KINDS = [...SUBJECT_KINDS, 'note'] as const;
export type LogKind = (typeof LOG_KINDS)[number];
export const LOG_ACTIONS = [...ACTIONS, 'unhide', 'deliver', 'decline'] as const;
export type LogAction = (typeof LOG_ACTIONS)[number];

/** An afspraak (house rule) of an initiative, written by its coordinators. */
export const houseRule = pgTable(
	'house_rule',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		initiativeId: uuid('initiative_id')
			.notNull()
			.references(() => initiative.id, { onDelete: 'cascade' }),
		text: text('text').notNull(),
		position: integer('position').notNull().default(0),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('house_rule_initiative_idx').on(t.initiativeId, t.position), check('house_rule_text_length', sql`char_length(${t.text}) between 1 and 300`)]
);

/**
 * A report (melding) to the coordinators of one initiative. Only they see it
 * (access/moderation.ts); the reported person never learns who made it.
 */
export const report = pgTable(
	'report',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		initiativeId: uuid('initiative_id')
			.notNull()
			.references(() => initiative.id, { onDelete: 'cascade' }),
		/** Null once the reporter deleted their account. */
		reporterId: text('reporter_id').references(() => user.id, { onDelete: 'set null' }),
		subjectKind: text('subject_kind', { enum: SUBJECT_KINDS }).notNull(),
		/** The post's or message's id, or the reported person's user id. */
		subjectId: text('subject_id').notNull(),
		/** Who wrote the reported item (or is the reported person); null once their account is gone. */
		subjectUserId: text('subject_user_id').references(() => user.id, { onDelete: 'set null' }),
		rule: text('rule', { enum: REPORT_RULES }).notNull(),
		/** The initiative's own afspraak as it read when the report was made (rules change). */
		houseRuleText: text('house_rule_text'),
		/** "Wat is er gebeurd", in the reporter's own words. */
		whatHappened: text('what_happened').notNull().default(''),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		/** Set by the coordinators' action that handled it. */
		handledAt: timestamp('handled_at', { withTimezone: true }),
		outcome: text('outcome', { enum: ACTIONS })
	},
	(t) => [
		index('report_queue_idx').on(t.initiativeId, t.createdAt).where(sql`${t.handledAt} is null`),
		index('report_reporter_idx').on(t.reporterId),
		index('report_subject_user_idx').on(t.subjectUserId),
		// A second submit of the same report (a double click, a reload) finds the open one.
		uniqueIndex('report_open_once').on(t.reporterId, t.subjectKind, t.subjectId).where(sql`${t.handledAt} is null`),
		check('report_words_length', sql`char_length(${t.whatHappened}) <= 2000`)
	]
);

/** Every action of the coordinators, with their reason: the log they all read. */
export const moderationLog = pgTable(
	'moderation_log',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		initiativeId: uuid('initiative_id')
			.notNull()
			.references(() => initiative.id, { onDelete: 'cascade' }),
		reportId: uuid('report_id').references(() => report.id, { onDelete: 'set null' }),
		/** The coordinator who acted; null once their account is gone. */
		actorId: text('actor_id').references(() => user.id, { onDelete: 'set null' }),
		action: text('action', { enum: LOG_ACTIONS }).notNull(),
		subjectKind: text('subject_kind', { enum: LOG_KINDS }).notNull(),
		/** The person the action was about; null once their account is gone. */
		subjectUserId: text('subject_user_id').references(() => user.id, { onDelete: 'set null' }),
		reason: text('reason').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('moderation_log_initiative_idx').on(t.initiativeId, t.createdAt), index('moderation_log_actor_idx').on(t.actorId), check('moderation_log_reason_length', sql`char_length(${t.reason}) between 1 and 1000`)]
);

/**
 * What the coordinators tell the person an action was about (their item was
 * hidden, a warning, they were removed), read on "Mijn meldingen". Never says
 * who reported. Goes with the account.
 */
export const moderationNotice = pgTable(
	'moderation_notice',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		initiativeId: uuid('initiative_id')
			.notNull()
			.references(() => initiative.id, { onDelete: 'cascade' }),
		action: text('action', { enum: ACTIONS }).notNull(),
		subjectKind: text('subject_kind', { enum: SUBJECT_KINDS }).notNull(),
		reason: text('reason').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('moderation_notice_user_idx').on(t.userId, t.createdAt)]
);
