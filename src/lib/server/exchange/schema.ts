import { sql } from 'drizzle-orm';
import { boolean, check, customType, date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { user } from '../accounts/schema.ts';
import { initiative } from '../initiatives/schema.ts';

/**
 * Themes from daily life for offers and requests (vraag & aanbod). Stored as
 * keys; people read them as messages (`exchange_theme_<key>`).
 */
export const EXCHANGE_THEMES = [
	'formulieren-en-geld',
	'huis-en-klussen',
	'koken-en-eten',
	'vervoer-en-meelopen',
	'computer-en-telefoon',
	'taal-en-leren',
	'creatief',
	'bewegen-en-buiten',
	'gezelschap',
	'dieren-en-planten',
	'anders'
] as const;
export type ExchangeTheme = (typeof EXCHANGE_THEMES)[number];

export const POST_KINDS = ['offer', 'request'] as const;
export type PostKind = (typeof POST_KINDS)[number];
/** `initiative`: members of the poster's initiative; `network`: every signed-in member of any initiative. */
export const POST_AUDIENCES = ['initiative', 'network'] as const;

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * An offer (aanbod: a talent, a skill, time) or a request (vraag) of a member.
 * Never public: only signed-in members see it (see access/exchange.ts). No
 * counters of any kind are kept: who responded lives only in the
 * conversations (messages/).
 */
export const exchangePost = pgTable(
	'exchange_post',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		kind: text('kind', { enum: POST_KINDS }).notNull(),
		/** The initiative the poster belongs to; with audience `initiative` only its members see the post. */
		initiativeId: uuid('initiative_id')
			.notNull()
			.references(() => initiative.id, { onDelete: 'cascade' }),
		/** Posts go with the account of who wrote them. */
		createdBy: text('created_by')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		body: text('body').notNull().default(''),
		theme: text('theme').$type<ExchangeTheme>().notNull(),
		/** Where: a town; empty when `online`. */
		town: text('town').notNull().default(''),
		online: boolean('online').notNull().default(false),
		audience: text('audience', { enum: POST_AUDIENCES }).notNull().default('initiative'),
		/** After this day (Amsterdam) the post pauses: others no longer see it. */
		endsOn: date('ends_on'),
		closedAt: timestamp('closed_at', { withTimezone: true }),
		/** The end day the "loopt bijna af" mail was sent for; a new end day gets its own mail. */
		endingNoticedFor: date('ending_noticed_for'),
		/** Hidden by the coordinators (moderation/): only its writer still sees it. */
		hiddenAt: timestamp('hidden_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
		/** Dutch full-text search over title and text (see exchange/search.ts). */
		search: tsvector('search')
			.notNull()
			.generatedAlwaysAs(sql`to_tsvector('dutch'::regconfig, title || ' ' || body)`)
	},
	(t) => [
		// Not partial: lists walk it newest first and stop after a page, also when the viewer's own closed posts count.
		index('exchange_post_created_idx').on(t.createdAt, t.id),
		index('exchange_post_author_idx').on(t.createdBy),
		index('exchange_post_search_idx').using('gin', t.search),
		check('exchange_post_kind', sql`${t.kind} in ('offer', 'request')`),
		check('exchange_post_audience', sql`${t.audience} in ('initiative', 'network')`),
		check('exchange_post_title_length', sql`char_length(${t.title}) between 1 and 120`),
		check('exchange_post_body_length', sql`char_length(${t.body}) <= 4000`),
		check('exchange_post_town_length', sql`char_length(${t.town}) <= 100`),
		check('exchange_post_place', sql`${t.online} or char_length(${t.town}) > 0`)
	]
);

/**
 * "Even pauze": while it lasts (through `until`, or until the person ends it
 * when null), others see none of the person's offers and requests; they
 * still see their own. One row per person; ending the pause removes it.
 */
export const exchangePause = pgTable('exchange_pause', {
	userId: text('user_id')
		.primaryKey()
		.references(() => user.id, { onDelete: 'cascade' }),
	/** The last day of the pause (Amsterdam); null: until the person ends it. */
	until: date('until'),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});
