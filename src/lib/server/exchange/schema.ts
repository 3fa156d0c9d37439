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
		index('exchange_post_open_idx').on(t.createdAt, t.id).where(sql`${t.closedAt} is null`),
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
