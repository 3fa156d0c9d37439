import { and, asc, inArray, or, eq, sql } from 'drizzle-orm';
import { requireAdmin } from '../access/core.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { storySynonym } from './schema.ts';
import { MAX_PHRASE, phrasesIn, words, type Synonyms } from './search.ts';

/*
 * The synonym list: kept by the association's redactie (the admin), read by
 * every search. Small on purpose — a few dozen pairs that readers and writers
 * name differently ("opname" and "kliniek").
 */

export const MAX_SYNONYM_PAIRS = 300;

export type SynonymError = 'stories_synonym_error_empty' | 'stories_synonym_error_same' | 'stories_synonym_error_long' | 'stories_synonym_error_full';

/** The synonyms of what was typed, for storyQuery. */
export async function synonymsFor(db: Db, typed: string): Promise<Synonyms> {
	const phrases = phrasesIn(typed);
	if (!phrases.length) return new Map();
	const rows = await db
		.select({ word: storySynonym.word, alternative: storySynonym.alternative })
		.from(storySynonym)
		.where(inArray(storySynonym.word, phrases))
		.limit(100);
	const map = new Map<string, string[]>();
	for (const r of rows) map.set(r.word, [...(map.get(r.word) ?? []), r.alternative]);
	return map;
}

/** The list for the redactie, each pair once, alphabetically. */
export async function listSynonyms(db: Db, viewer: Viewer): Promise<{ word: string; alternative: string }[]> {
	requireAdmin(viewer);
	return db
		.select({ word: storySynonym.word, alternative: storySynonym.alternative })
		.from(storySynonym)
		.where(sql`${storySynonym.word} < ${storySynonym.alternative}`)
		.orderBy(asc(storySynonym.word), asc(storySynonym.alternative))
		.limit(MAX_SYNONYM_PAIRS);
}

/** Two phrases that mean the same: each finds the other from now on. Adding a pair twice changes nothing. */
export async function addSynonym(db: Db, viewer: Viewer, first: string, second: string): Promise<{ error: SynonymError } | { pair: [string, string] }> {
	requireAdmin(viewer);
	// As the list stores a phrase: its words, one space apart.
	const [a, b] = [first, second].map((text) => words(text).join(' '));
	if (!a || !b) return { error: 'stories_synonym_error_empty' };
	if ([a, b].some((p) => p.length > 60 || p.split(' ').length > MAX_PHRASE)) return { error: 'stories_synonym_error_long' };
	if (a === b) return { error: 'stories_synonym_error_same' };
	const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(storySynonym);
	if (n >= MAX_SYNONYM_PAIRS * 2) return { error: 'stories_synonym_error_full' };
	await db
		.insert(storySynonym)
		.values([
			{ word: a, alternative: b },
			{ word: b, alternative: a }
		])
		.onConflictDoNothing();
	return { pair: [a, b] };
}

/** Take a pair off the list, both ways. */
export async function removeSynonym(db: Db, viewer: Viewer, first: string, second: string): Promise<void> {
	requireAdmin(viewer);
	await db
		.delete(storySynonym)
		.where(
			or(
				and(eq(storySynonym.word, first), eq(storySynonym.alternative, second)),
				and(eq(storySynonym.word, second), eq(storySynonym.alternative, first))
			)
		);
}
