import { ACCESSIBILITY, THEMES, type Accessibility, type Theme } from '../initiatives/schema.ts';

/**
 * The directory's search, as it appears in the address bar. The parameter
 * names are Dutch and stable: people bookmark and share these links, and the
 * benchmark uses them.
 *
 *   plaats=Zwolle  afstand=5|10|25|50|alle  thema=wandelen (repeatable)
 *   toegankelijk=prikkelarm (repeatable)  open=nu|vandaag  pagina=2
 */
export const DISTANCES = [5, 10, 25, 50] as const;
export const DEFAULT_DISTANCE = 25;
/** `afstand=alle`: the whole country (heel Nederland). */
export const ALL_DISTANCES = 'alle';

export interface DirectoryQuery {
	/** What was typed for the place, trimmed; empty for "anywhere". */
	place: string;
	/** Radius in km, or null for the whole country. */
	distance: number | null;
	themes: Theme[];
	accessibility: Accessibility[];
	open: 'nu' | 'vandaag' | null;
	/** 1-based page number. */
	page: number;
}

export const MAX_PAGE = 500;

/** Read a search from URL parameters; anything unknown falls back to the default, never to an error. */
export function parseDirectoryQuery(params: URLSearchParams): DirectoryQuery {
	const place = (params.get('plaats') ?? '').replace(/\s+/g, ' ').slice(0, 100).trim();
	const afstand = params.get('afstand');
	const distance = afstand === ALL_DISTANCES ? null : (DISTANCES.find((d) => String(d) === afstand) ?? DEFAULT_DISTANCE);
	const themes = unique(params.getAll('thema')).filter((t): t is Theme => (THEMES as readonly string[]).includes(t));
	const accessibility = unique(params.getAll('toegankelijk')).filter((a): a is Accessibility => (ACCESSIBILITY as readonly string[]).includes(a));
	const openParam = params.get('open');
	const open = openParam === 'nu' || openParam === 'vandaag' ? openParam : null;
	const page = Math.max(1, Math.min(MAX_PAGE, Number.parseInt(params.get('pagina') ?? '1', 10) || 1));
	return { place, distance, themes, accessibility, open, page };
}

/** The URL parameters of a search (the inverse of parseDirectoryQuery); defaults are left out. */
export function directoryParams(query: DirectoryQuery, page = query.page): URLSearchParams {
	const params = new URLSearchParams();
	if (query.place) params.set('plaats', query.place);
	if (query.distance === null) params.set('afstand', ALL_DISTANCES);
	else if (query.distance !== DEFAULT_DISTANCE) params.set('afstand', String(query.distance));
	for (const theme of query.themes) params.append('thema', theme);
	for (const feature of query.accessibility) params.append('toegankelijk', feature);
	if (query.open) params.set('open', query.open);
	if (page > 1) params.set('pagina', String(page));
	return params;
}

function unique(values: string[]): string[] {
	return [...new Set(values)].slice(0, 20);
}
