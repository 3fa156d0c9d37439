import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
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
