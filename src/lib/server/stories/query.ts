import type { StoryFilter } from './read.ts';
import { MAX_PAGES } from './read.ts';
import { STORY_THEMES } from './schema.ts';

/** What the search form shows again: the choices as the person made them. */
export interface StoryQueryForm {
	thema: string;
	zoek: string;
	pagina: number;
}

/**
 * The list's choices from the address (a GET form, so every search is a link
 * that works without JavaScript): `thema`, `zoek` and `pagina`. Anything
 * unknown is ignored.
 */
export function readStoryQuery(params: URLSearchParams): { filter: StoryFilter; form: StoryQueryForm } {
	const theme = STORY_THEMES.find((t) => t === params.get('thema'));
	const words = (params.get('zoek') ?? '').slice(0, 200).trim();
	const page = Math.min(Math.max(Number.parseInt(params.get('pagina') ?? '1', 10) || 1, 1), MAX_PAGES);
	return { filter: { theme, words: words || undefined, page }, form: { thema: theme ?? '', zoek: words, pagina: page } };
}
