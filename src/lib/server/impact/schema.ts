import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { user } from '../accounts/schema.ts';
import { initiative } from '../initiatives/schema.ts';
import { story } from '../stories/schema.ts';

export const REPORT_FORMATS = ['csv', 'print'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/**
 * Who made which report (a CSV or a printed report) of which figures: seen by
 * the initiative's coordinators. `initiative_id` null: the network's figures.
 */
export const impactReport = pgTable(
	'impact_report',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		initiativeId: uuid('initiative_id').references(() => initiative.id, { onDelete: 'cascade' }),
		madeBy: text('made_by').references(() => user.id, { onDelete: 'set null' }),
		format: text('format', { enum: REPORT_FORMATS }).notNull(),
		/** The period's key (`2026-K3`, `2026`, `2026-01_2026-06`). */
		period: text('period').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('impact_report_initiative_idx').on(t.initiativeId, t.createdAt),
		index('impact_report_made_by_idx').on(t.madeBy),
		check('impact_report_format', sql`${t.format} in ('csv', 'print')`),
		check('impact_report_period_length', sql`char_length(${t.period}) between 1 and 40`)
	]
);

/**
 * A voice for the report: a short quote a coordinator took from a story whose
 * writer consented (`story.consent_impact`). Goes with the story.
 */
export const impactQuote = pgTable(
	'impact_quote',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		initiativeId: uuid('initiative_id')
			.notNull()
			.references(() => initiative.id, { onDelete: 'cascade' }),
		storyId: uuid('story_id')
			.notNull()
			.references(() => story.id, { onDelete: 'cascade' }),
		body: text('body').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('impact_quote_initiative_idx').on(t.initiativeId, t.createdAt), check('impact_quote_body_length', sql`char_length(${t.body}) between 1 and 300`)]
);

/**
 * "Wat is er voor mij veranderd": a member's own note for the initiative's
 * report, given by choice, deletable by them at any time. Without a name in
 * the report.
 */
export const impactNote = pgTable(
	'impact_note',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		initiativeId: uuid('initiative_id')
			.notNull()
			.references(() => initiative.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		body: text('body').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('impact_note_initiative_idx').on(t.initiativeId, t.createdAt),
		index('impact_note_user_idx').on(t.userId),
		check('impact_note_body_length', sql`char_length(${t.body}) between 1 and 500`)
	]
);

/*
 * The figures, counted ahead (refresh.ts): per initiative and month, what the
 * sources (sources.ts) count for the days before `impact_refresh.through`.
 * Rows of a month cover that month up to `through`; a page adds what came
 * after it, counted at once. Counts only: never a name, never a person.
 */
export const impactMonth = pgTable(
	'impact_month',
	{
		initiativeId: uuid('initiative_id')
			.notNull()
			.references(() => initiative.id, { onDelete: 'cascade' }),
		/** `YYYY-MM`, in Amsterdam time. */
		month: text('month').notNull(),
		figure: text('figure').notNull(),
		key: text('key').notNull(),
		count: integer('count').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.initiativeId, t.month, t.figure, t.key] }),
		index('impact_month_month_idx').on(t.month),
		check('impact_month_month', sql`${t.month} ~ '^[0-9]{4}-[0-9]{2}$'`)
	]
);

/**
 * For figures of different people (`distinct`, e.g. who led an activity):
 * the people of an initiative's month, so a period counts each once. Only
 * ever counted, never shown; goes with the account (cascade).
 */
export const impactPersonMonth = pgTable(
	'impact_person_month',
	{
		initiativeId: uuid('initiative_id')
			.notNull()
			.references(() => initiative.id, { onDelete: 'cascade' }),
		month: text('month').notNull(),
		figure: text('figure').notNull(),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' })
	},
	(t) => [
		primaryKey({ columns: [t.initiativeId, t.month, t.figure, t.userId] }),
		index('impact_person_month_month_idx').on(t.month),
		index('impact_person_month_user_idx').on(t.userId),
		check('impact_person_month_month', sql`${t.month} ~ '^[0-9]{4}-[0-9]{2}$'`)
	]
);

/**
 * What the counted-ahead rows cover: the months from `from_month` up to the
 * moment `through` (the start of a day), counted at `counted_at`. One row.
 */
export const impactRefresh = pgTable('impact_refresh', {
	id: integer('id').primaryKey(),
	fromMonth: text('from_month').notNull(),
	through: timestamp('through', { withTimezone: true }).notNull(),
	countedAt: timestamp('counted_at', { withTimezone: true }).notNull()
});
