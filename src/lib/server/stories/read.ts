import { and, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { listedStoriesFor, storyByLink, storyColumns, storyFor, type StoryAccess } from '../access/stories.ts';
import { requireSignedIn } from '../access/core.ts';
import { user } from '../accounts/schema.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { plainText, renderStory } from './markdown.ts';
import { story, storyEdit, storyRecognition, type StoryStatus, type StoryTheme, type StoryVisibility, type StoryWarning } from './schema.ts';
import { muteList, mutedSql } from './mute.ts';
import { headline, matches, rank, snippetParts, storyQuery, words, type SnippetPart } from './search.ts';
import { synonymsFor } from './synonyms.ts';
import { today } from './service.ts';

/*
 * Reading stories. The signature is the pseudonym when there is one; only
 * then is the writer's name never read from the database (`signature`), so
 * it cannot end up in a page, the feed or JSON-LD by mistake.
 */

/** SQL: the name a story is signed with — its pseudonym, or the writer's display name. */
export const signature = sql<string>`case when ${story.pseudonym} <> '' then ${story.pseudonym} else (select ${user.name} from ${user} where ${user.id} = ${story.writerId}) end`;

export interface StoryView {
	id: string;
	status: StoryStatus;
	title: string;
	html: string;
	summary: string;
	themes: StoryTheme[];
	diagnosis: string;
	warnings: StoryWarning[];
	ownWarning: string;
	author: string;
	/** About something on the reader's "liever niet zien" list: folded for them. */
	muted: boolean;
	visibility: StoryVisibility;
	indexable: boolean;
	publishedAt: Date | null;
	updatedAt: Date;
	withdrawnAt: Date | null;
	editReason: string;
	isWriter: boolean;
	isRedactie: boolean;
	/** Only for the writer: how many readers said "dit herken ik". */
	recognitions: number | null;
	recognizedByMe: boolean;
	/** A signed-in reader who is not the writer may say "dit herken ik" on a live story (not yet on a link story: its page has no actions). */
	mayRecognize: boolean;
	/** Only for the writer and the redactie: the open proposal of the redactie. */
	openEdit: { id: string; title: string; html: string; body: string; reason: string } | null;
	/** Only for the writer. */
	own: { linkToken: string; visibleUntil: string | null; consentImpact: boolean; consentTraining: boolean; body: string; pseudonym: string; initiativeId: string } | null;
}

/** One story by its id, as this viewer may see it. */
export async function getStory(db: Db, viewer: Viewer, storyId: string): Promise<StoryView> {
	return view(db, viewer, await storyFor(db, viewer, storyId, today()));
}

/** One `link` story by its secret address. */
export async function getStoryByLink(db: Db, viewer: Viewer, token: string): Promise<StoryView> {
	return view(db, viewer, await storyByLink(db, viewer, token, today()));
}

async function view(db: Db, viewer: Viewer, access: StoryAccess): Promise<StoryView> {
	const s = access.story;
	const muted = access.isWriter ? null : mutedSql(await muteList(db, viewer));
	const [signed] =
		s.status === 'withdrawn'
			? [{ author: '', muted: false }]
			: await db
					.select({ author: signature, muted: muted ?? sql<boolean>`false` })
					.from(story)
					.where(eq(story.id, s.id));
	let recognitions: number | null = null;
	let recognizedByMe = false;
	if (access.isWriter) {
		const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(storyRecognition).where(eq(storyRecognition.storyId, s.id));
		recognitions = row.n;
	} else if (viewer) {
		const [row] = await db
			.select({ id: storyRecognition.storyId })
			.from(storyRecognition)
			.where(and(eq(storyRecognition.storyId, s.id), eq(storyRecognition.userId, viewer.userId)));
		recognizedByMe = !!row;
	}
	let openEdit: StoryView['openEdit'] = null;
	if (access.isWriter || access.isRedactie) {
		const [edit] = await db
			.select({ id: storyEdit.id, title: storyEdit.title, body: storyEdit.body, reason: storyEdit.reason })
			.from(storyEdit)
			.where(and(eq(storyEdit.storyId, s.id), eq(storyEdit.status, 'open')))
			.orderBy(desc(storyEdit.createdAt))
			.limit(1);
		if (edit) openEdit = { ...edit, html: renderStory(edit.body) };
	}
	return {
		id: s.id,
		status: s.status,
		title: s.title,
		html: renderStory(s.body),
		summary: plainText(s.body).slice(0, 300),
		themes: s.themes,
		diagnosis: s.diagnosis,
		warnings: s.warnings,
		ownWarning: s.ownWarning,
		author: signed.author,
		muted: signed.muted,
		visibility: s.visibility,
		indexable: s.indexable && s.visibility === 'public' && s.status === 'published',
		publishedAt: s.publishedAt,
		updatedAt: s.updatedAt,
		withdrawnAt: s.withdrawnAt,
		editReason: s.editReason,
		isWriter: access.isWriter,
		isRedactie: access.isRedactie,
		recognitions,
		recognizedByMe,
		mayRecognize: !!viewer && !access.isWriter && s.status === 'published' && s.visibility !== 'link',
		openEdit,
		own: access.isWriter
			? { linkToken: s.linkToken, visibleUntil: s.visibleUntil, consentImpact: s.consentImpact, consentTraining: s.consentTraining, body: s.body, pseudonym: s.pseudonym, initiativeId: s.initiativeId }
			: null
	};
}

export interface StorySummary {
	id: string;
	title: string;
	themes: StoryTheme[];
	warnings: StoryWarning[];
	ownWarning: string;
	author: string;
	muted: boolean;
	publishedAt: Date | null;
	/** The beginning of the story, or (when searching) the pieces around the words found. */
	snippet: SnippetPart[];
}

export interface StoryFilter {
	theme?: StoryTheme;
	words?: string;
	/** Page number, from 1. */
	page?: number;
}

export const PAGE_SIZE = 20;
/** Lists and searches stop after this many pages: narrow the search instead. */
export const MAX_PAGES = 25;

/**
 * One page of the stories this viewer may find: newest first, or by how well
 * they match the words (title > themes > text). `more` says whether a next
 * page exists (within `MAX_PAGES`).
 */
export async function listStories(db: Db, viewer: Viewer, filter: StoryFilter = {}): Promise<{ stories: StorySummary[]; more: boolean }> {
	const page = Math.min(Math.max(filter.page ?? 1, 1), MAX_PAGES);
	const conditions: SQL[] = [listedStoriesFor(viewer, today())];
	if (filter.theme) conditions.push(sql`${story.themes} @> array[${filter.theme}]::text[]`);
	const query = filter.words ? storyQuery(filter.words, await synonymsFor(db, filter.words)) : null;
	if (query) conditions.push(matches(query));
	const rows = await db
		.select(await summaryColumns(db, viewer, query ? headline(query) : sql<string>`left(${story.body}, 400)`))
		.from(story)
		// A search ranks the newest matches that its pages can show, not every story with a common word in it.
		.where(query ? inArray(story.id, newest(db, and(...conditions), PAGE_SIZE * MAX_PAGES)) : and(...conditions))
		.orderBy(...(query ? [desc(rank(query))] : []), desc(story.publishedAt), desc(story.id))
		.limit(PAGE_SIZE + 1)
		.offset((page - 1) * PAGE_SIZE);
	return {
		stories: rows.slice(0, PAGE_SIZE).map((r) => ({ ...r, snippet: query ? snippetParts(r.snippet) : beginning(r.snippet) })),
		more: rows.length > PAGE_SIZE && page < MAX_PAGES
	};
}

/** What a story in a list shows; `snippet` is the text to cut it from. */
async function summaryColumns(db: Db, viewer: Viewer, snippet: SQL<string>) {
	const muted = mutedSql(await muteList(db, viewer));
	return {
		id: story.id,
		title: story.title,
		themes: story.themes,
		warnings: story.warnings,
		ownWarning: story.ownWarning,
		author: signature,
		muted: muted ?? sql<boolean>`false`,
		publishedAt: story.publishedAt,
		snippet
	};
}

const beginning = (body: string): SnippetPart[] => [{ text: shorten(plainText(body), 220), hit: false }];

/** Title words this long or longer say what a story is about; shorter ones are mostly little words. */
const TOPIC_WORD = 4;

/**
 * The ids of the newest stories that meet `where`, at most `limit`: what a ranked list chooses from, so that
 * ranking does not cost more with every story written (BENCHMARKS.md, the scale curve).
 */
const newest = (db: Db, where: SQL | undefined, limit: number) =>
	db.select({ id: story.id }).from(story).where(where).orderBy(desc(story.publishedAt), desc(story.id)).limit(limit);

/** How many of the newest alike stories "Verhalen die hierop lijken" chooses from. */
const SIMILAR_CANDIDATES = 200;

/**
 * "Verhalen die hierop lijken": up to three other stories this viewer may
 * find, sharing the most themes with this one, then matching the words of
 * its title. Never by how many people read or recognised them. Chosen from
 * the newest alike stories: most stories share a theme.
 */
export async function similarStories(db: Db, viewer: Viewer, of: { id: string; themes: readonly StoryTheme[]; title: string }): Promise<StorySummary[]> {
	const topic = words(of.title)
		.filter((w) => w.length >= TOPIC_WORD)
		.slice(0, 6)
		.map((w) => `${w.slice(0, 40)}:*`)
		.join(' | ');
	const themes = sql`${`{${of.themes.join(',')}}`}::text[]`;
	const titleWords = topic ? sql`to_tsquery('dutch', ${topic})` : null;
	const alike: SQL[] = [];
	if (of.themes.length) alike.push(sql`${story.themes} && ${themes}`);
	if (titleWords) alike.push(matches(titleWords));
	if (!alike.length) return [];
	const rows = await db
		.select(await summaryColumns(db, viewer, sql<string>`left(${story.body}, 400)`))
		.from(story)
		.where(inArray(story.id, newest(db, and(listedStoriesFor(viewer, today()), sql`${story.id} <> ${of.id}`, or(...alike)), SIMILAR_CANDIDATES)))
		.orderBy(
			desc(sql`cardinality(array(select unnest(${story.themes}) intersect select unnest(${themes})))`),
			...(titleWords ? [desc(rank(titleWords))] : []),
			desc(story.publishedAt),
			desc(story.id)
		)
		.limit(3);
	return rows.map((r) => ({ ...r, snippet: beginning(r.snippet) }));
}

const shorten = (text: string, max: number) => (text.length > max ? `${text.slice(0, text.lastIndexOf(' ', max))} …` : text);

/** The newest public stories for the Atom feed: never `link`, members-only or ended ones. */
export async function feedStories(db: Db, limit = 30) {
	return db
		.select({ id: story.id, title: story.title, body: story.body, author: signature, warnings: story.warnings, ownWarning: story.ownWarning, publishedAt: story.publishedAt, updatedAt: story.updatedAt, editReason: story.editReason })
		.from(story)
		.where(listedStoriesFor(null, today()))
		.orderBy(desc(story.publishedAt), desc(story.id))
		.limit(limit);
}

export interface MyStory {
	id: string;
	title: string;
	status: StoryStatus;
	visibility: StoryVisibility;
	pseudonym: string;
	recognitions: number;
	openEdit: boolean;
	updatedAt: Date;
}

/** The viewer's own stories (also drafts and tombstones), newest first, with how many recognised them. */
export async function myStories(db: Db, viewer: Viewer, limit = 100): Promise<MyStory[]> {
	const signedIn = requireSignedIn(viewer);
	return db
		.select({
			id: storyColumns.id,
			title: storyColumns.title,
			status: storyColumns.status,
			visibility: storyColumns.visibility,
			pseudonym: storyColumns.pseudonym,
			recognitions: sql<number>`(select count(*)::int from ${storyRecognition} where ${storyRecognition.storyId} = ${story.id})`,
			openEdit: sql<boolean>`exists (select 1 from ${storyEdit} where ${storyEdit.storyId} = ${story.id} and ${storyEdit.status} = 'open')`,
			updatedAt: storyColumns.updatedAt
		})
		.from(story)
		.where(eq(story.writerId, signedIn.userId))
		.orderBy(desc(story.updatedAt))
		.limit(limit);
}
