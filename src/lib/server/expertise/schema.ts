import { sql } from 'drizzle-orm';
import { boolean, check, customType, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { user } from '../accounts/schema.ts';
import { initiative } from '../initiatives/schema.ts';

/**
 * What an ervaringsdeskundige can speak about, as searchable keys; people read
 * them as messages (`expertise_theme_<key>`). The expert adds own words in a
 * free field: these are what organisations most often ask for, not a list of
 * diagnoses imposed on anyone.
 */
export const EXPERTISE_THEMES = [
	'herstel',
	'zelfregie',
	'eenzaamheid',
	'wonen',
	'werk-en-meedoen',
	'geld-en-schulden',
	'verslaving',
	'psychose',
	'somberheid',
	'angst',
	'trauma',
	'suicidepreventie',
	'dwang-en-opname',
	'stigma',
	'naasten',
	'jongeren'
] as const;
export type ExpertiseTheme = (typeof EXPERTISE_THEMES)[number];

/** Who the expert likes to work for (`expertise_audience_<key>`). */
export const EXPERTISE_AUDIENCES = ['zorgprofessionals', 'studenten', 'scholieren', 'gemeenten', 'werkgevers', 'wijkteams', 'naasten', 'lotgenoten', 'breed-publiek'] as const;
export type ExpertiseAudience = (typeof EXPERTISE_AUDIENCES)[number];

/** Forms of work (`expertise_form_<key>`). */
export const EXPERTISE_FORMS = ['training', 'gastles', 'lezing', 'advies', 'beleid', 'panel', 'interview', 'herstelwerkgroep'] as const;
export type ExpertiseForm = (typeof EXPERTISE_FORMS)[number];

/** Where the expert works in person: the twelve provinces (`expertise_region_<key>`); online is a separate choice. */
export const EXPERTISE_REGIONS = [
	'groningen',
	'friesland',
	'drenthe',
	'overijssel',
	'flevoland',
	'gelderland',
	'utrecht',
	'noord-holland',
	'zuid-holland',
	'zeeland',
	'noord-brabant',
	'limburg'
] as const;
export type ExpertiseRegion = (typeof EXPERTISE_REGIONS)[number];

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * An ervaringsdeskundige's professional profile, one per account. Public only
 * while `published_at` is set; the expert can take it offline at any time.
 * Its own id, never the account's, is in public addresses, so a profile under
 * a pseudonym does not lead to the member. It holds no contact details at
 * all. `not_about` ("hier praat ik niet over") is for pool coordinators only
 * and never part of the search vector. Who sees what: access/expertise.ts.
 */
export const expertProfile = pgTable(
	'expert_profile',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		userId: text('user_id')
			.notNull()
			.unique()
			.references(() => user.id, { onDelete: 'cascade' }),
		/** Empty: shown with the account's display name. */
		pseudonym: text('pseudonym').notNull().default(''),
		themes: text('themes').array().$type<ExpertiseTheme[]>().notNull().default(sql`'{}'::text[]`),
		/** Themes in the expert's own words. */
		ownThemes: text('own_themes').notNull().default(''),
		audiences: text('audiences').array().$type<ExpertiseAudience[]>().notNull().default(sql`'{}'::text[]`),
		forms: text('forms').array().$type<ExpertiseForm[]>().notNull().default(sql`'{}'::text[]`),
		regions: text('regions').array().$type<ExpertiseRegion[]>().notNull().default(sql`'{}'::text[]`),
		online: boolean('online').notNull().default(false),
		availability: text('availability').notNull().default(''),
		languages: text('languages').notNull().default(''),
		/** Training and registrations, free text, never required. */
		training: text('training').notNull().default(''),
		introduction: text('introduction').notNull().default(''),
		/** Optional, in the expert's own words ("€ 75 per dagdeel plus reiskosten"). */
		rates: text('rates').notNull().default(''),
		/** "Hier praat ik niet over": pool coordinators only. */
		notAbout: text('not_about').notNull().default(''),
		/** Shown name, themes and public text, accent-folded (expertise/search.ts). */
		search: tsvector('search').notNull().default(sql`''::tsvector`),
		publishedAt: timestamp('published_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('expert_profile_published_idx').on(t.publishedAt, t.id).where(sql`${t.publishedAt} is not null`),
		index('expert_profile_themes_idx').using('gin', t.themes),
		index('expert_profile_forms_idx').using('gin', t.forms),
		index('expert_profile_regions_idx').using('gin', t.regions),
		index('expert_profile_search_idx').using('gin', t.search),
		check('expert_profile_pseudonym_length', sql`char_length(${t.pseudonym}) <= 60`),
		check('expert_profile_introduction_length', sql`char_length(${t.introduction}) <= 3000`),
		check('expert_profile_not_about_length', sql`char_length(${t.notAbout}) <= 1000`)
	]
);

/**
 * A pool coordinator (poolcoördinator): given by the association admin.
 * Without an initiative the task is association-wide; with one, it is for
 * that initiative's local requests and its members' profiles.
 */
export const poolCoordinator = pgTable(
	'pool_coordinator',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		/** Null: for the whole association. */
		initiativeId: uuid('initiative_id').references(() => initiative.id, { onDelete: 'cascade' }),
		/** The admin who gave the task; stays when they leave. */
		grantedBy: text('granted_by').references(() => user.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('pool_coordinator_wide_idx').on(t.userId).where(sql`${t.initiativeId} is null`),
		uniqueIndex('pool_coordinator_local_idx').on(t.userId, t.initiativeId).where(sql`${t.initiativeId} is not null`)
	]
);
