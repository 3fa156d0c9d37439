import { sql, type SQL } from 'drizzle-orm';
import { fold } from '../stories/search.ts';
import { expertProfile } from './schema.ts';

/*
 * Finding experts by words: Dutch full-text search over what the profile
 * shows — the shown name and themes (A), the introduction (B), training and
 * languages (C). Never "hier praat ik niet over". Accents are folded in the
 * app, as for stories (stories/search.ts), whose query builder we share.
 */
export { storyQuery as wordsQuery } from '../stories/search.ts';

export interface SearchableText {
	name: string;
	themes: readonly string[];
	ownThemes: string;
	forms: readonly string[];
	introduction: string;
	training: string;
	languages: string;
}

/** The search vector of a profile, computed when it is written. */
export function searchVector(input: SearchableText): SQL {
	const head = fold([input.name, ...input.themes.map((t) => t.replaceAll('-', ' ')), input.ownThemes, ...input.forms].join(' '));
	return sql`setweight(to_tsvector('dutch', ${head}), 'A') || setweight(to_tsvector('dutch', ${fold(input.introduction)}), 'B') || setweight(to_tsvector('dutch', ${fold(`${input.training} ${input.languages}`)}), 'C')`;
}

export const matches = (query: SQL): SQL => sql`${expertProfile.search} @@ ${query}`;
export const rank = (query: SQL): SQL<number> => sql<number>`ts_rank(${expertProfile.search}, ${query})`;
