import { sql, type SQL } from 'drizzle-orm';
import { exchangePost } from './schema.ts';

/** At most this many words of a search count; the rest is ignored. */
const MAX_WORDS = 8;

/**
 * The words of a search, as a prefix query for `to_tsquery`: `fiets hulp` →
 * `fiets:* & hulp:*`. Only letters and digits pass, so nothing typed can change
 * the query's syntax. Null when nothing searchable was typed.
 */
export function prefixQuery(input: string): string | null {
	const words = input
		.toLowerCase()
		.split(/[^\p{L}\p{N}]+/u)
		.filter((w) => w.length > 0)
		.slice(0, MAX_WORDS)
		.map((w) => `${w.slice(0, 40)}:*`);
	return words.length ? words.join(' & ') : null;
}

/**
 * Posts that match every word, with Dutch stemming and as a prefix: the
 * `dutch` configuration stems "fiets" to `fiet` and "fietsen" to `fiets`, so
 * a plain match misses; `fiet:*` finds both. The same words without stemming
 * (`simple`) catch what stemming cuts differently.
 */
export function matchesWords(query: string): SQL {
	return sql`${exchangePost.search} @@ (to_tsquery('dutch', ${query}) || to_tsquery('simple', ${query}))`;
}
