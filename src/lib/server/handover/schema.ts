import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { user } from '../accounts/schema.ts';
import { initiative } from '../initiatives/schema.ts';
import { outsideRequest } from '../outside/schema.ts';

/*
 * Warme overdracht (handover): a professional passes a person on to an
 * initiative with their consent, or the person asks to be called. The
 * request's life cycle (confirmation, secret link, retention) is an outside
 * request (outside/); this is what the initiative's coordinators work with.
 */

/** Where a professional works (`handover_sector_<key>`); kept after the details go, for figures. */
export const SECTORS = ['huisarts', 'poh-ggz', 'wijkteam', 'ggz', 'sociaal-werk', 'anders'] as const;
export type Sector = (typeof SECTORS)[number];

/** How the person wants to be reached; `self`: they come by or call themselves. */
export const REACH = ['phone', 'email', 'self'] as const;
export type Reach = (typeof REACH)[number];

/**
 * Where a handover is: `new` (nobody took it yet), `taken` (a coordinator
 * will get in touch), then contact → visiting (komt kennismaken) → joined
 * (doet mee), or unreachable / not_now. Kept after the details go.
 */
export const STEPS = ['new', 'taken', 'contact', 'visiting', 'joined', 'unreachable', 'not_now'] as const;
export type Step = (typeof STEPS)[number];
/** The steps a coordinator records after taking one. */
export const RECORDED_STEPS = ['contact', 'visiting', 'joined', 'unreachable', 'not_now'] as const satisfies readonly Step[];

export const handover = pgTable(
	'handover',
	{
		/** The outside request's id: one row each, gone together when never confirmed. */
		id: uuid('id')
			.primaryKey()
			.references(() => outsideRequest.id, { onDelete: 'cascade' }),
		initiativeId: uuid('initiative_id')
			.notNull()
			.references(() => initiative.id, { onDelete: 'cascade' }),
		/** A professional passed the person on, or the person asked themselves. */
		source: text('source', { enum: ['professional', 'self'] }).notNull(),
		sector: text('sector', { enum: SECTORS }),
		/* The details below are personal data: null once forgotten (closed + retention). */
		referrerName: text('referrer_name'),
		organisation: text('organisation'),
		personName: text('person_name'),
		reach: text('reach', { enum: REACH }),
		phone: text('phone'),
		personEmail: text('person_email'),
		/** What the person is looking for, in their own words. */
		lookingFor: text('looking_for'),
		/** The person agreed that the professional sees the step (never more). */
		shareStep: boolean('share_step').notNull().default(false),
		step: text('step', { enum: STEPS }).notNull().default('new'),
		/** The coordinator who took it ("ik bel haar"); null once their account is gone. */
		takenBy: text('taken_by').references(() => user.id, { onDelete: 'set null' }),
		takenAt: timestamp('taken_at', { withTimezone: true }),
		stepAt: timestamp('step_at', { withTimezone: true })
	},
	(t) => [
		index('handover_initiative_idx').on(t.initiativeId, t.step),
		index('handover_taken_by_idx').on(t.takenBy),
		check('handover_text_length', sql`char_length(${t.lookingFor}) <= 2000 and char_length(${t.personName}) <= 80 and char_length(${t.referrerName}) <= 80 and char_length(${t.organisation}) <= 120`)
	]
);

/** Every step recorded, with its moment: what figures later count (time to first contact, outcomes). No names. */
export const handoverStep = pgTable(
	'handover_step',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		handoverId: uuid('handover_id')
			.notNull()
			.references(() => handover.id, { onDelete: 'cascade' }),
		step: text('step', { enum: STEPS }).notNull(),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('handover_step_handover_idx').on(t.handoverId, t.at)]
);

export type HandoverRow = typeof handover.$inferSelect;
