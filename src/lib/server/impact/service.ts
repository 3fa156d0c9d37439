import { and, desc, eq, sql, type SQLWrapper } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { requireFigures, requireNetworkFigures, requireNoteWriter, requireOwnNote, requireQuotableStory } from '../access/impact.ts';
import { NotFound } from '../access/core.ts';
import { user } from '../accounts/schema.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { initiative } from '../initiatives/schema.ts';
import { rememberResult, type Keeping } from '../pagecache/index.ts';
import { story } from '../stories/schema.ts';
import { breakdown, figuresFor, networkGrowth, scopeInitiatives, type BreakdownRow, type Figures, type Growth } from './figures.ts';
import type { Period } from './period.ts';
import { impactNote, impactQuote, impactReport, type ReportFormat } from './schema.ts';
import { activitiesHeld } from './sources.ts';
import { plainCell, type Cell } from './suppress.ts';

/** How many report-log lines, quotes and notes a page shows. */
export const LIST_LIMIT = 20;

export interface Voices {
	quotes: Array<{ id: string; body: string; storyTitle: string }>;
	/** Members' notes, without names. */
	notes: Array<{ id: string; body: string }>;
}

export interface InitiativeFigures extends Figures {
	initiative: { id: string; slug: string; name: string; impactPublic: boolean };
	voices: Voices;
}

/** The short lists beside an initiative's figures. */
interface Lists extends Voices {
	/** Who made which report, newest first. */
	reports: Array<{ name: string | null; format: ReportFormat; period: string; at: Date }>;
	/** The stories a coordinator may quote from (published, consent given), newest first. */
	stories: Array<{ id: string; title: string }>;
}

/** A list as one JSON array, newest first by its column `at` (which comes back as text). */
const newestFirst = <T>(list: SQLWrapper) => sql<Array<T & { at: string }>>`(select coalesce(json_agg(r order by r.at desc), '[]'::json) from ${list} r)`;
const at = (column: AnyPgColumn) => sql<string>`${column}`.as('at');
const withoutAt = <T extends { at: unknown }>({ at: _, ...rest }: T) => rest;

/**
 * An initiative's four short lists in one statement: here each round trip to the database costs more than the
 * page's render (four queries took 2.7 ms of the 6 ms of CPU a figures page took, one statement ~0.7 ms).
 */
async function listsOf(db: Db, initiativeId: string): Promise<Lists> {
	const quotes = db
		.select({ id: impactQuote.id, body: impactQuote.body, storyTitle: sql`${story.title}`.as('storyTitle'), at: at(impactQuote.createdAt) })
		.from(impactQuote)
		.innerJoin(story, eq(story.id, impactQuote.storyId))
		.where(and(eq(impactQuote.initiativeId, initiativeId), eq(story.consentImpact, true), eq(story.status, 'published')))
		.orderBy(desc(impactQuote.createdAt))
		.limit(LIST_LIMIT);
	// Members' notes, without names.
	const notes = db
		.select({ id: impactNote.id, body: impactNote.body, at: at(impactNote.createdAt) })
		.from(impactNote)
		.where(eq(impactNote.initiativeId, initiativeId))
		.orderBy(desc(impactNote.createdAt))
		.limit(LIST_LIMIT);
	const reports = db
		.select({ name: user.name, format: impactReport.format, period: impactReport.period, at: at(impactReport.createdAt) })
		.from(impactReport)
		.leftJoin(user, eq(user.id, impactReport.madeBy))
		.where(eq(impactReport.initiativeId, initiativeId))
		.orderBy(desc(impactReport.createdAt))
		.limit(LIST_LIMIT);
	const stories = db
		.select({ id: story.id, title: story.title, at: at(story.publishedAt) })
		.from(story)
		.where(and(eq(story.initiativeId, initiativeId), eq(story.status, 'published'), eq(story.consentImpact, true), sql`${story.writerId} is not null`))
		.orderBy(desc(story.publishedAt))
		.limit(LIST_LIMIT);
	const [row] = await db
		.select({
			quotes: newestFirst<Voices['quotes'][number]>(quotes),
			notes: newestFirst<Voices['notes'][number]>(notes),
			reports: newestFirst<Omit<Lists['reports'][number], 'at'>>(reports),
			stories: newestFirst<Lists['stories'][number]>(stories)
		})
		.from(sql`(values (1)) as one`);
	return {
		quotes: row.quotes.map(withoutAt),
		notes: row.notes.map(withoutAt),
		reports: row.reports.map((r) => ({ ...r, at: new Date(r.at) })),
		stories: row.stories.map(withoutAt)
	};
}

/** An initiative's figures for a period, with its voices: for its coordinators. */
export async function initiativeFigures(db: Db, viewer: Viewer, slug: string, period: Period, now: Date = new Date()): Promise<InitiativeFigures> {
	const { initiative: i } = await requireFigures(db, viewer, slug);
	const { reports: _, stories: __, ...figures } = await figuresOf(db, i, period, now);
	return figures;
}

/**
 * The coordinators' figures page: the figures with their voices, who made which report, and the stories to quote
 * from, on one access decision.
 */
export async function figuresPage(db: Db, viewer: Viewer, slug: string, period: Period, now: Date = new Date()): Promise<FiguresPage> {
	const { initiative: i } = await requireFigures(db, viewer, slug);
	return figuresOf(db, i, period, now);
}

export type FiguresPage = InitiativeFigures & Pick<Lists, 'reports' | 'stories'>;

async function figuresOf(db: Db, i: typeof initiative.$inferSelect, period: Period, now: Date): Promise<FiguresPage> {
	const [figures, lists] = await Promise.all([
		// The same for each of its coordinators until the next write (turnout, a sign-up, the nightly count).
		rememberResult(`figures|${i.id}|${period.key}|${now.toISOString().slice(0, 10)}`, () => figuresFor(db, { kind: 'initiatives', ids: [i.id] }, period, now)),
		listsOf(db, i.id)
	]);
	return {
		period: figures.period,
		threshold: figures.threshold,
		tables: figures.tables,
		updated: figures.updated,
		initiative: { id: i.id, slug: i.slug, name: i.name, impactPublic: i.impactPublic },
		voices: { quotes: lists.quotes, notes: lists.notes },
		reports: lists.reports,
		stories: lists.stories
	};
}

/**
 * Network-wide figures read every table of the country for a period, and
 * change slowly: they are kept for a few minutes per period whatever is
 * written meanwhile (never per viewer: access is checked before), so the
 * admin's and the open pages stay fast at national scale.
 */
const NETWORK_FIGURES: Keeping = { keepMs: 5 * 60_000, acrossWrites: true };

export interface NetworkFigures extends Figures {
	byInitiative: BreakdownRow[];
	byTown: BreakdownRow[];
	growth: Growth;
}

/** The network's figures, per initiative and per town, and its growth: for the association admin. */
export async function networkFigures(db: Db, viewer: Viewer, period: Period, now: Date = new Date()): Promise<NetworkFigures> {
	requireNetworkFigures(viewer);
	return rememberResult(`network-figures|${period.key}|${now.toISOString().slice(0, 10)}`, () => readNetwork(db, period, now), NETWORK_FIGURES);
}

async function readNetwork(db: Db, period: Period, now: Date): Promise<NetworkFigures> {
	const scope = { kind: 'network' } as const;
	const [figures, initiatives, growth] = await Promise.all([figuresFor(db, scope, period, now), scopeInitiatives(db, scope), networkGrowth(db, scope, period)]);
	const limit = figures.threshold;
	const byInitiative = breakdown(figures.rows, new Map(initiatives.map((i) => [i.id, { id: i.id, label: i.name, slug: i.slug }])), limit);
	const byTown = breakdown(figures.rows, new Map(initiatives.map((i) => [i.id, { id: i.town, label: i.town }])), limit);
	return { period, threshold: limit, tables: figures.tables, updated: figures.updated, byInitiative, byTown, growth };
}

export interface PublicFigures {
	period: Period;
	/** Initiatives that opted in. */
	initiatives: Cell;
	/** Dates activities were held, by kind, and in total. */
	held: Array<{ key: string; cell: Cell }>;
	heldTotal: Cell;
	/** Per town: initiatives and dates held. Counts of things, never of people. */
	byTown: Array<{ town: string; initiatives: Cell; held: Cell }>;
	updated: Figures['updated'];
}

/** The open data: non-personal totals of the initiatives that opted in. For anyone. */
export async function publicFigures(db: Db, period: Period, now: Date = new Date()): Promise<PublicFigures> {
	return rememberResult(`public-figures|${period.key}|${now.toISOString().slice(0, 10)}`, () => readPublic(db, period, now), NETWORK_FIGURES);
}

async function readPublic(db: Db, period: Period, now: Date): Promise<PublicFigures> {
	const scope = { kind: 'public' } as const;
	const initiatives = await scopeInitiatives(db, scope);
	// Only what was held: counts of things, never of people.
	const figures = await figuresFor(db, scope, period, now, [activitiesHeld]);
	const heldTable = figures.tables.find((t) => t.id === 'held_kind')!;
	const townOf = new Map(initiatives.map((i) => [i.id, i.town]));
	const towns = new Map<string, { initiatives: number; held: number }>();
	for (const i of initiatives) towns.set(i.town, { initiatives: (towns.get(i.town)?.initiatives ?? 0) + 1, held: 0 });
	for (const r of figures.rows) if (r.figure === 'held_kind' && r.initiativeId) towns.get(townOf.get(r.initiativeId)!)!.held += r.count;
	return {
		period,
		initiatives: plainCell(initiatives.length),
		held: heldTable.rows.map((r) => ({ key: r.key, cell: r.cell })),
		heldTotal: heldTable.total!,
		byTown: [...towns].sort(([a], [b]) => a.localeCompare(b, 'nl')).map(([town, t]) => ({ town, initiatives: plainCell(t.initiatives), held: plainCell(t.held) })),
		updated: figures.updated
	};
}

/** Log that a viewer made a report (CSV or print) of an initiative's figures (null: the network's). */
export async function logReport(db: Db, viewer: Viewer, initiativeId: string | null, format: ReportFormat, period: Period): Promise<void> {
	await db.insert(impactReport).values({ initiativeId, madeBy: viewer?.userId ?? null, format, period: period.key });
}

/** A coordinator chooses whether the initiative's non-personal totals appear on /cijfers. */
export async function setImpactPublic(db: Db, viewer: Viewer, slug: string, on: boolean): Promise<void> {
	const { initiative: i } = await requireFigures(db, viewer, slug);
	await db.update(initiative).set({ impactPublic: on }).where(eq(initiative.id, i.id));
}

export type QuoteResult = { ok: true } | { ok: false; error: 'not_in_story' };

/** Add a short quote from a consented story; it must be words from that story. */
export async function addQuote(db: Db, viewer: Viewer, slug: string, storyId: string, body: string): Promise<QuoteResult> {
	const { initiative: i } = await requireFigures(db, viewer, slug);
	const s = await requireQuotableStory(db, i.id, storyId);
	const squash = (t: string) => t.replace(/\s+/g, ' ').trim().toLowerCase();
	if (!squash(s.body).includes(squash(body))) return { ok: false, error: 'not_in_story' };
	await db.insert(impactQuote).values({ initiativeId: i.id, storyId: s.id, body: body.trim() });
	return { ok: true };
}

export async function removeQuote(db: Db, viewer: Viewer, slug: string, quoteId: string): Promise<void> {
	const { initiative: i } = await requireFigures(db, viewer, slug);
	const gone = await db
		.delete(impactQuote)
		.where(and(eq(impactQuote.id, quoteId), eq(impactQuote.initiativeId, i.id)))
		.returning({ id: impactQuote.id });
	if (!gone.length) throw new NotFound();
}

/** A member's own notes for an initiative's report. */
export async function myNotes(db: Db, viewer: Viewer, slug: string): Promise<Array<{ id: string; body: string; createdAt: Date }>> {
	const { initiative: i } = await requireNoteWriter(db, viewer, slug);
	return db
		.select({ id: impactNote.id, body: impactNote.body, createdAt: impactNote.createdAt })
		.from(impactNote)
		.where(and(eq(impactNote.initiativeId, i.id), eq(impactNote.userId, viewer!.userId)))
		.orderBy(desc(impactNote.createdAt))
		.limit(LIST_LIMIT);
}

export async function addNote(db: Db, viewer: Viewer, slug: string, body: string): Promise<void> {
	const { initiative: i } = await requireNoteWriter(db, viewer, slug);
	await db.insert(impactNote).values({ initiativeId: i.id, userId: viewer!.userId, body: body.trim() });
}

export async function deleteNote(db: Db, viewer: Viewer, noteId: string): Promise<void> {
	const note = await requireOwnNote(db, viewer, noteId);
	await db.delete(impactNote).where(eq(impactNote.id, note.id));
}


