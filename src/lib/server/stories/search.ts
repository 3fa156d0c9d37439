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

/**
 * The query for what was typed, or null when nothing searchable was typed.
 * Plain words match as prefixes after Dutch stemming — "wandelingen" stems
 * to `wandel` and finds "wandelen", "fiets" finds "fietsen" — and also
 * unstemmed (`simple`) for what stemming cuts differently. With web search
 * syntax (quotes, `-word`, `or`) the words go to `websearch_to_tsquery`.
 */
export function storyQuery(input: string): SQL | null {
	const folded = fold(input).slice(0, 200);
	if (/"|(^|\s)-\p{L}|\sor\s/iu.test(folded)) return sql`websearch_to_tsquery('dutch', ${folded})`;
	const words = folded
		.toLowerCase()
		.split(/[^\p{L}\p{N}]+/u)
		.filter((w) => w.length > 0)
		.slice(0, MAX_WORDS)
		.map((w) => `${w.slice(0, 40)}:*`);
	if (!words.length) return null;
	const prefix = words.join(' & ');
	return sql`(to_tsquery('dutch', ${prefix}) || to_tsquery('simple', ${prefix}))`;
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
