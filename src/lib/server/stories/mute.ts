import { eq, sql, type SQL } from 'drizzle-orm';
import { requireSignedIn } from '../access/core.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { story, storyMute, STORY_THEMES, type StoryTheme } from './schema.ts';
import { fold } from './search.ts';

/*
 * "Liever niet zien": a reader chooses themes and words; stories about them
 * are folded away for that reader, like a content warning, decided on the
 * server. Nothing is hidden or counted: the reader can still open them.
 */

export const MAX_MUTED_WORDS = 20;

export interface MuteList {
	themes: StoryTheme[];
	words: string[];
}

/** The viewer's list; empty for someone signed out or who chose nothing. */
export async function muteList(db: Db, viewer: Viewer): Promise<MuteList> {
	if (!viewer) return { themes: [], words: [] };
	const [row] = await db.select({ themes: storyMute.themes, words: storyMute.words }).from(storyMute).where(eq(storyMute.userId, viewer.userId));
	return row ?? { themes: [], words: [] };
}

/** The reader saves their list: themes from the list, words from a line ("ziekenhuis, kliniek"). */
export async function saveMuteList(db: Db, viewer: Viewer, themes: string[], wordsLine: string): Promise<MuteList> {
	const signedIn = requireSignedIn(viewer);
	const list = {
		themes: STORY_THEMES.filter((t) => themes.includes(t)),
		words: [
			...new Set(
				wordsLine
					.split(/[,;\n]+/)
					.map((w) => w.trim().toLowerCase().slice(0, 40))
					.filter(Boolean)
			)
		].slice(0, MAX_MUTED_WORDS)
	};
	await db
		.insert(storyMute)
		.values({ userId: signedIn.userId, ...list })
		.onConflictDoUpdate({ target: storyMute.userId, set: list });
	return list;
}

/** SQL: is this story about something on the list? Null when the list is empty. */
export function mutedSql(list: MuteList): SQL<boolean> | null {
	const parts: SQL[] = [];
	if (list.themes.length) parts.push(sql`${story.themes} && array[${sql.join(list.themes.map((t) => sql`${t}`), sql`, `)}]::text[]`);
	const terms = list.words.flatMap((w) => fold(w).split(/[^\p{L}\p{N}]+/u).filter(Boolean)).map((w) => `${w}:*`);
	if (terms.length) {
		const query = terms.join(' | ');
		parts.push(sql`${story.search} @@ (to_tsquery('dutch', ${query}) || to_tsquery('simple', ${query}))`);
	}
	return parts.length ? sql<boolean>`(${sql.join(parts, sql` or `)})` : null;
}
