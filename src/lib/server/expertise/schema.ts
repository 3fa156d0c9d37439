import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { boolean, check, customType, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { user } from '../accounts/schema.ts';
import { initiative } from '../initiatives/schema.ts';
import { outsideRequest } from '../outside/schema.ts';

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
		/** Who gave the task (the admin, or a coordinator of its initiative); stays when they leave. */
		grantedBy: text('granted_by').references(() => user.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('pool_coordinator_wide_idx').on(t.userId).where(sql`${t.initiativeId} is null`),
		uniqueIndex('pool_coordinator_local_idx').on(t.userId, t.initiativeId).where(sql`${t.initiativeId} is not null`)
	]
);

/*
 * Requests to the pool (poolaanvragen): an organisation without an account
 * asks for experiential expertise. The life cycle of the secret link
 * (confirmation, retention, forgetting) is an outside request (outside/);
 * these tables hold what the pool works with. Who sees what:
 * access/expertise.ts.
 */

/** Where the asking organisation works (`expertise_sector_<key>`); kept after the details go, for figures. */
export const REQUEST_SECTORS = ['gemeente', 'ggz', 'onderwijs', 'werkgever', 'wijkteam', 'zorg-en-welzijn', 'anders'] as const;
export type RequestSector = (typeof REQUEST_SECTORS)[number];

/** How the organisation pays: an honorarium plus expenses, or a volunteer fee (both with an amount). */
export const FEE_KINDS = ['honorarium', 'vrijwilligersvergoeding'] as const;
export type FeeKind = (typeof FEE_KINDS)[number];

/**
 * nieuw → in_behandeling → voorgesteld → afgesproken → uitgevoerd → afgerond,
 * or geannuleerd (`expertise_status_<key>`).
 */
export const REQUEST_STATUSES = ['nieuw', 'in_behandeling', 'voorgesteld', 'afgesproken', 'uitgevoerd', 'afgerond', 'geannuleerd'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** The coordinators' queue: requests still in hand (the open tab), and those closed (their own tab). */
export const QUEUE_STATUSES = {
	open: ['nieuw', 'in_behandeling', 'voorgesteld', 'afgesproken', 'uitgevoerd'],
	closed: ['afgerond', 'geannuleerd']
} as const satisfies Record<string, readonly RequestStatus[]>;

/**
 * `status in ('nieuw', …)` with the statuses written out, not as parameters: a partial index serves only a query
 * whose list it can read, and a prepared statement's parameters it cannot. The statuses are our own constants.
 */
export const statusIn = (column: SQLWrapper, statuses: readonly RequestStatus[]): SQL => sql`${column} in (${sql.raw(statuses.map((s) => `'${s}'`).join(', '))})`;

export const poolRequest = pgTable(
	'pool_request',
	{
		/** The outside request's id: gone together when never confirmed. */
		id: uuid('id')
			.primaryKey()
			.references(() => outsideRequest.id, { onDelete: 'cascade' }),
		/** A local request: the initiative's own pool coordinators see it too. Null: the association's. */
		initiativeId: uuid('initiative_id').references(() => initiative.id, { onDelete: 'set null' }),
		/** The profile the organisation asked for ("vraag deze ervaringsdeskundige aan"), if any. */
		wishedProfileId: uuid('wished_profile_id').references(() => expertProfile.id, { onDelete: 'set null' }),
		sector: text('sector', { enum: REQUEST_SECTORS }).notNull(),
		form: text('form', { enum: EXPERTISE_FORMS }).notNull(),
		themes: text('themes').array().$type<ExpertiseTheme[]>().notNull().default(sql`'{}'::text[]`),
		/* The details below are the organisation's: null once forgotten (closed + retention). */
		organisation: text('organisation'),
		contactName: text('contact_name'),
		contactPhone: text('contact_phone'),
		goal: text('goal'),
		audience: text('audience'),
		audienceSize: integer('audience_size'),
		/** The day of the work; kept for figures ("delivered per month"). */
		day: date('day', { mode: 'string' }).notNull(),
		startTime: text('start_time'),
		duration: text('duration'),
		online: boolean('online').notNull().default(false),
		place: text('place'),
		accessibility: text('accessibility'),
		feeKind: text('fee_kind', { enum: FEE_KINDS }).notNull(),
		/** In cents, per expert. */
		feeCents: integer('fee_cents').notNull(),
		recording: boolean('recording').notNull().default(false),
		/** What happens with what the experts tell. */
		storyUse: text('story_use'),
		aftercare: text('aftercare'),
		/** Two experts (a duo) unless the organisation asked for one. */
		experts: integer('experts').notNull().default(2),
		status: text('status', { enum: REQUEST_STATUSES }).notNull().default('nieuw'),
		/** Grows with every change of state, so a stale form (or a second click) is a 409. */
		version: integer('version').notNull().default(0),
		/** The afsprakenkaart, written by the coordinator once experts accepted. */
		cardRoles: text('card_roles'),
		cardAsk: text('card_ask'),
		cardNotAsk: text('card_not_ask'),
		cardWrittenAt: timestamp('card_written_at', { withTimezone: true }),
		orgConfirmedAt: timestamp('org_confirmed_at', { withTimezone: true }),
		/** The organisation's feedback after the work: text only, never a score. */
		feedback: text('feedback'),
		feedbackAt: timestamp('feedback_at', { withTimezone: true }),
		/** First answer of a coordinator (a question or a proposal): figures count the time to it. */
		firstAnswerAt: timestamp('first_answer_at', { withTimezone: true }),
		cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
		/** Cancelled by the organisation within LATE_CANCEL_DAYS of the day, after it was agreed: the fee stays due. */
		lateCancel: boolean('late_cancel').notNull().default(false)
	},
	(t) => [
		index('pool_request_status_idx').on(t.status, t.id),
		// The coordinators' queue in its own order, so a page of it reads 21 rows however many requests there are.
		index('pool_request_queue_open_idx').on(sql`(${t.status} <> 'nieuw')`, t.day, t.id).where(statusIn(t.status, QUEUE_STATUSES.open)),
		index('pool_request_queue_closed_idx').on(t.day.desc().nullsFirst(), t.id).where(statusIn(t.status, QUEUE_STATUSES.closed)),
		index('pool_request_day_idx').on(t.day),
		index('pool_request_initiative_idx').on(t.initiativeId),
		check(
			'pool_request_text_length',
			sql`char_length(${t.goal}) <= 2000 and char_length(${t.organisation}) <= 120 and char_length(${t.contactName}) <= 80 and char_length(${t.feedback}) <= 3000`
		)
	]
);

/** Who wrote in a request's thread. */
export const THREAD_AUTHORS = ['organisation', 'coordinator', 'expert'] as const;
export type ThreadAuthor = (typeof THREAD_AUTHORS)[number];

/** The thread of a request: the organisation, the pool coordinators and the experts who said yes, through the pool. */
export const poolRequestMessage = pgTable(
	'pool_request_message',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		requestId: uuid('request_id')
			.notNull()
			.references(() => poolRequest.id, { onDelete: 'cascade' }),
		author: text('author', { enum: THREAD_AUTHORS }).notNull(),
		/** The coordinator or expert who wrote it; null for the organisation or once their account is gone. */
		authorId: text('author_id').references(() => user.id, { onDelete: 'set null' }),
		body: text('body').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('pool_request_message_request_idx').on(t.requestId, t.createdAt), check('pool_request_message_length', sql`char_length(${t.body}) <= 3000`)]
);

/** An expert's answer to a proposal; a declined one is never shown to the organisation. */
export const PROPOSAL_ANSWERS = ['open', 'accepted', 'declined', 'withdrawn'] as const;
export type ProposalAnswer = (typeof PROPOSAL_ANSWERS)[number];

/** An expert proposed for a request, and everything that is between them and the pool. */
export const poolProposal = pgTable(
	'pool_proposal',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		requestId: uuid('request_id')
			.notNull()
			.references(() => poolRequest.id, { onDelete: 'cascade' }),
		profileId: uuid('profile_id')
			.notNull()
			.references(() => expertProfile.id, { onDelete: 'cascade' }),
		answer: text('answer', { enum: PROPOSAL_ANSWERS }).notNull().default('open'),
		proposedAt: timestamp('proposed_at', { withTimezone: true }).notNull().defaultNow(),
		answeredAt: timestamp('answered_at', { withTimezone: true }),
		cardConfirmedAt: timestamp('card_confirmed_at', { withTimezone: true }),
		/** "Hoe was het voor jou?": the expert's alone. */
		checkIn: text('check_in'),
		/** The expert's reflection; shared with the coordinators only when they say so. */
		reflection: text('reflection'),
		reflectionShared: boolean('reflection_shared').notNull().default(false),
		/** The expert lets the coordinators read the organisation's feedback. */
		feedbackShared: boolean('feedback_shared').notNull().default(false)
	},
	(t) => [
		uniqueIndex('pool_proposal_once_idx').on(t.requestId, t.profileId),
		index('pool_proposal_profile_idx').on(t.profileId),
		check('pool_proposal_text_length', sql`char_length(${t.checkIn}) <= 3000 and char_length(${t.reflection}) <= 5000`)
	]
);

export type PoolRequestRow = typeof poolRequest.$inferSelect;
