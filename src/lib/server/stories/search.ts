import { sql, type SQL } from 'drizzle-orm';
import { story } from './schema.ts';

/*
 * Finding stories by words: Dutch full-text search, weighted title (A) >
 * themes (B) > text (C). Accents are folded here, in the app, on both the
 * stored text and the words typed ("reünie" finds "reunie" and back), so it
 * needs no database extension and works the same on PGlite and PostgreSQL.
 */

/** At most this many words of a search count; the rest is ignored. */
const MAX_WORDS = 8;

/** Without accents: "café" → "cafe". */
export function fold(text: string): string {
	return text.normalize('NFD').replace(/\p{M}+/gu, '');
}

/** The search vector of a story, computed when it is written. */
export function searchVector(input: { title: string; themes: readonly string[]; body: string }): SQL {
	const themes = input.themes.map((t) => t.replaceAll('-', ' ')).join(' ');
	return sql`setweight(to_tsvector('dutch', ${fold(input.title)}), 'A') || setweight(to_tsvector('dutch', ${themes}), 'B') || setweight(to_tsvector('dutch', ${fold(input.body)}), 'C')`;
}

/** Words as search sees them: accent-folded, lower case, letters and digits only. */
export function words(text: string): string[] {
	return fold(text)
		.toLowerCase()
		.split(/[^\p{L}\p{N}]+/u)
		.filter((w) => w.length > 0);
}

/** The redactie's synonyms: a phrase (words joined by one space) and what else it may be called. */
export type Synonyms = ReadonlyMap<string, readonly string[]>;

/** A synonym is at most this many words ("burn out" is two). */
export const MAX_PHRASE = 3;

/** Every run of up to MAX_PHRASE words in what was typed: the synonym list is looked up by these. */
export function phrasesIn(input: string): string[] {
	const typed = words(input.slice(0, 200)).slice(0, MAX_WORDS);
	const phrases = new Set<string>();
	for (let i = 0; i < typed.length; i++) for (let n = 1; n <= MAX_PHRASE && i + n <= typed.length; n++) phrases.add(typed.slice(i, i + n).join(' '));
	return [...phrases];
}

/**
 * The query for what was typed, or null when nothing searchable was typed.
 * Plain words match as prefixes after Dutch stemming — "wandelingen" stems
 * to `wandel` and finds "wandelen", "fiets" finds "fietsen" — and also
 * unstemmed (`simple`) for what stemming cuts differently; a phrase on the
 * synonym list also matches its synonyms. With web search syntax (quotes,
 * `-word`, `or`) the words go to `websearch_to_tsquery` as typed.
 */
export function storyQuery(input: string, synonyms: Synonyms = new Map()): SQL | null {
	const folded = fold(input).slice(0, 200);
	if (/"|(^|\s)-\p{L}|\sor\s/iu.test(folded)) return sql`websearch_to_tsquery('dutch', ${folded})`;
	const typed = words(folded)
		.slice(0, MAX_WORDS)
		.map((w) => w.slice(0, 40));
	if (!typed.length) return null;
	const all = (phrase: string) => phrase.split(' ').map((w) => `${w}:*`).join(' & ');
	const groups: string[] = [];
	for (let i = 0; i < typed.length; ) {
		// The longest phrase from here that the list knows; else this one word.
		let n = Math.min(MAX_PHRASE, typed.length - i);
		while (n > 1 && !synonyms.has(typed.slice(i, i + n).join(' '))) n--;
		const phrase = typed.slice(i, i + n).join(' ');
		const alternatives = synonyms.get(phrase) ?? [];
		groups.push(alternatives.length ? `(${[phrase, ...alternatives].map((p) => `(${all(p)})`).join(' | ')})` : all(phrase));
		i += n;
	}
	const query = groups.join(' & ');
	return sql`(to_tsquery('dutch', ${query}) || to_tsquery('simple', ${query}))`;
}

export const matches = (query: SQL): SQL => sql`${story.search} @@ ${query}`;
export const rank = (query: SQL): SQL<number> => sql<number>`ts_rank(${story.search}, ${query})`;

/** Marks around a hit in a snippet: control characters, which no stored text can hold (http/text.ts). */
const START = '\u0002';
const STOP = '\u0003';

/** A short piece of the text around the words found, with the hits marked. */
export const headline = (query: SQL): SQL<string> =>
	sql<string>`ts_headline('dutch', ${story.body}, ${query}, ${`StartSel=${START}, StopSel=${STOP}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`})`;

export interface SnippetPart {
	text: string;
	hit: boolean;
}

/** A snippet as parts to show as text (never as HTML), the hits to be marked. */
export function snippetParts(snippet: string): SnippetPart[] {
	const parts: SnippetPart[] = [];
	for (const piece of snippet.replace(/[#*_]+/g, '').split(START)) {
		const [hit, rest] = piece.includes(STOP) ? piece.split(STOP) : [null, piece];
		if (hit) parts.push({ text: hit, hit: true });
		if (rest) parts.push({ text: rest, hit: false });
	}
	return parts;
}
