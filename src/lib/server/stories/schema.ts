import { sql } from 'drizzle-orm';
import { boolean, check, customType, date, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { user } from '../accounts/schema.ts';
import { initiative } from '../initiatives/schema.ts';

/**
 * Themes from daily life for ervaringsverhalen. Stored as keys; people read
 * them as messages (`stories_theme_<key>`). A diagnosis is never a theme: the
 * writer may name one in a free field.
 */
export const STORY_THEMES = [
	'wonen',
	'werk-en-dagbesteding',
	'eenzaamheid',
	'relaties',
	'geld-en-schulden',
	'rouw',
	'zingeving',
	'opname',
	'familie',
	'identiteit',
	'hoop',
	'lichaam-en-gezondheid',
	'vriendschap',
	'herstel'
] as const;
export type StoryTheme = (typeof STORY_THEMES)[number];

/** Content warnings that fold a story away until the reader opens it; the writer may add own words. */
export const STORY_WARNINGS = ['suicide', 'zelfbeschadiging', 'eetproblemen', 'geweld', 'misbruik', 'verslaving', 'opname-en-dwang'] as const;
export type StoryWarning = (typeof STORY_WARNINGS)[number];

/**
 * Who may read a published story: `public` everyone; `network` every member
 * of a published initiative; `initiative` members of the writer's initiative;
 * `link` only who has the secret link (found by no list, search or feed).
 */
export const STORY_VISIBILITIES = ['public', 'network', 'initiative', 'link'] as const;
export type StoryVisibility = (typeof STORY_VISIBILITIES)[number];

/**
 * `draft`: only the writer; `review`: waits for the redactie (writer and
 * redactie see it); `published`: readers by its visibility; `withdrawn`: the
 * text is gone, a tombstone remains.
 */
export const STORY_STATUSES = ['draft', 'review', 'published', 'withdrawn'] as const;
export type StoryStatus = (typeof STORY_STATUSES)[number];

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * An ervaringsverhaal. Signed with the writer's display name or a pseudonym
 * chosen for this story: with a pseudonym, nothing shown to others may lead
 * to the account (see access/stories.ts). After withdrawal or account
 * deletion the text goes and only a tombstone (id, status, dates) remains;
 * deletion also drops the link to the writer.
 */
export const story = pgTable(
	'story',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		/** Null once the writer deleted their account (the tombstone stays). */
		writerId: text('writer_id').references(() => user.id, { onDelete: 'set null' }),
		/** The writer's initiative: its coordinators are the redactie, its members the `initiative` readers. */
		initiativeId: uuid('initiative_id')
			.notNull()
			.references(() => initiative.id, { onDelete: 'cascade' }),
		title: text('title').notNull().default(''),
		/** The story in a small Markdown subset, rendered on the server (stories/markdown.ts). */
		body: text('body').notNull().default(''),
		themes: text('themes').array().$type<StoryTheme[]>().notNull().default(sql`'{}'::text[]`),
		/** A diagnosis, only when the writer wants to name one. */
		diagnosis: text('diagnosis').notNull().default(''),
		warnings: text('warnings').array().$type<StoryWarning[]>().notNull().default(sql`'{}'::text[]`),
		/** A content warning in the writer's own words. */
		ownWarning: text('own_warning').notNull().default(''),
		/** Empty: signed with the writer's display name. */
		pseudonym: text('pseudonym').notNull().default(''),
		visibility: text('visibility', { enum: STORY_VISIBILITIES }).notNull().default('initiative'),
		/** Public stories only: search engines may index it. */
		indexable: boolean('indexable').notNull().default(false),
		/** After this day (Amsterdam) the story is the writer's alone again. */
		visibleUntil: date('visible_until'),
		status: text('status', { enum: STORY_STATUSES }).notNull().default('draft'),
		/** The secret of the `link` address: 32 random bytes, base64url. */
		linkToken: text('link_token').notNull().unique(),
		/** The reason of the last edit by the redactie the writer accepted; shown with the story. */
		editReason: text('edit_reason').notNull().default(''),
		consentImpact: boolean('consent_impact').notNull().default(false),
		consentTraining: boolean('consent_training').notNull().default(false),
		/** Title, themes and text, accent-folded, weighted A/B/C (stories/search.ts). */
		search: tsvector('search').notNull().default(sql`''::tsvector`),
		publishedAt: timestamp('published_at', { withTimezone: true }),
		withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('story_published_idx').on(t.publishedAt, t.id).where(sql`${t.status} = 'published'`),
		// An initiative's own published stories (its page).
		index('story_initiative_published_idx').on(t.initiativeId, t.publishedAt).where(sql`${t.status} = 'published'`),
		// The quotes a coordinator may pick for the figures: few stories, among many without that consent.
		index('story_impact_consent_idx').on(t.initiativeId, t.publishedAt).where(sql`${t.status} = 'published' and ${t.consentImpact}`),
		// Stories published in a period, also those withdrawn since (the figures count them: impact/sources.ts).
		index('story_published_at_idx').on(t.publishedAt),
		index('story_writer_idx').on(t.writerId),
		index('story_review_idx').on(t.initiativeId).where(sql`${t.status} = 'review'`),
		index('story_search_idx').using('gin', t.search),
		index('story_themes_idx').using('gin', t.themes),
		check('story_visibility', sql`${t.visibility} in ('public', 'network', 'initiative', 'link')`),
		check('story_status', sql`${t.status} in ('draft', 'review', 'published', 'withdrawn')`),
		check('story_title_length', sql`char_length(${t.title}) <= 120`),
		check('story_body_length', sql`char_length(${t.body}) <= 20000`),
		check('story_pseudonym_length', sql`char_length(${t.pseudonym}) <= 60`)
	]
);

/** An edit proposed by the redactie: nothing changes until the writer says yes. */
export const storyEdit = pgTable(
	'story_edit',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		storyId: uuid('story_id')
			.notNull()
			.references(() => story.id, { onDelete: 'cascade' }),
		/** Who of the redactie proposed it; the edit stays when they leave. */
		proposedBy: text('proposed_by').references(() => user.id, { onDelete: 'set null' }),
		title: text('title').notNull(),
		body: text('body').notNull(),
		reason: text('reason').notNull(),
		status: text('status', { enum: ['open', 'accepted', 'declined'] }).notNull().default('open'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		decidedAt: timestamp('decided_at', { withTimezone: true })
	},
	(t) => [
		index('story_edit_story_idx').on(t.storyId),
		check('story_edit_status', sql`${t.status} in ('open', 'accepted', 'declined')`),
		check('story_edit_reason_length', sql`char_length(${t.reason}) between 1 and 500`)
	]
);

/** "Dit herken ik": one per reader per story. Only the writer sees how many. */
export const storyRecognition = pgTable(
	'story_recognition',
	{
		storyId: uuid('story_id')
			.notNull()
			.references(() => story.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.storyId, t.userId] })]
);

/**
 * An initiative's choice whether stories for its members or the network pass
 * the redactie first. No row: they go live at once. Public stories always
 * pass the redactie.
 */
export const storySetting = pgTable('story_setting', {
	initiativeId: uuid('initiative_id')
		.primaryKey()
		.references(() => initiative.id, { onDelete: 'cascade' }),
	reviewMembersStories: boolean('review_members_stories').notNull().default(false)
});

/**
 * A reader's "liever niet zien": themes and words whose stories are folded
 * away for them (on the server, in lists and on the story page). Only they
 * see it.
 */
export const storyMute = pgTable('story_mute', {
	userId: text('user_id')
		.primaryKey()
		.references(() => user.id, { onDelete: 'cascade' }),
	themes: text('themes').array().$type<StoryTheme[]>().notNull().default(sql`'{}'::text[]`),
	words: text('words').array().notNull().default(sql`'{}'::text[]`)
});

/**
 * The redactie's small list of words that mean the same to readers
 * ("overspannen" and "burn-out"): a search for one also finds the other.
 * Stored both ways, accent-folded and lower case, words split by one space.
 */
export const storySynonym = pgTable(
	'story_synonym',
	{
		word: text('word').notNull(),
		alternative: text('alternative').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		primaryKey({ columns: [t.word, t.alternative] }),
		check('story_synonym_length', sql`char_length(${t.word}) between 1 and 60 and char_length(${t.alternative}) between 1 and 60`)
	]
);

export const STORY_NOTE_STATUSES = ['waiting', 'delivered', 'declined'] as const;
export type StoryNoteStatus = (typeof STORY_NOTE_STATUSES)[number];

/**
 * A short note of recognition from a reader to the writer. It waits in the
 * moderation room of the story's initiative until a coordinator (never the
 * writer) passes it on or not; the writer reads it without the reader's name.
 * One per reader per story; it goes with the reader's account and with the
 * story's text.
 */
export const storyNote = pgTable(
	'story_note',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		storyId: uuid('story_id')
			.notNull()
			.references(() => story.id, { onDelete: 'cascade' }),
		giverId: text('giver_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		text: text('text').notNull(),
		status: text('status', { enum: STORY_NOTE_STATUSES }).notNull().default('waiting'),
		/** Why a coordinator did not pass it on, for the reader. */
		reason: text('reason').notNull().default(''),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		decidedAt: timestamp('decided_at', { withTimezone: true })
	},
	(t) => [
		uniqueIndex('story_note_once').on(t.storyId, t.giverId),
		index('story_note_giver_idx').on(t.giverId),
		index('story_note_waiting_idx').on(t.storyId).where(sql`${t.status} = 'waiting'`),
		check('story_note_status', sql`${t.status} in ('waiting', 'delivered', 'declined')`),
		check('story_note_text_length', sql`char_length(${t.text}) between 1 and 500`),
		check('story_note_reason_length', sql`char_length(${t.reason}) <= 1000`)
	]
);
