import { ALL_DISTANCES, DEFAULT_DISTANCE, DISTANCES } from '../directory/query.ts';
import type { PostFilter } from './service.ts';
import { EXCHANGE_THEMES } from './schema.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** What the search form shows again: the choices as the person made them. */
export interface PostQueryForm {
	soort: '' | 'aanbod' | 'vraag';
	thema: string;
	zoek: string;
	mijn: boolean;
	/** What was typed for the place (empty: anywhere), and the radius in km (null: all of the country). */
	plaats: string;
	afstand: number | null;
}

/**
 * The list's choices from the address (a GET form, so every search is a link
 * that works without JavaScript): `soort`, `thema`, `zoek`, `mijn`, `plaats`
 * and `afstand` (as the directory), and `na` (the last post of the page
 * before). Anything unknown is ignored. The place is looked up by the page.
 */
export function readPostQuery(params: URLSearchParams): { filter: PostFilter; form: PostQueryForm } {
	const soort = params.get('soort');
	const kind = soort === 'aanbod' ? 'offer' : soort === 'vraag' ? 'request' : undefined;
	const theme = EXCHANGE_THEMES.find((t) => t === params.get('thema'));
	const words = (params.get('zoek') ?? '').slice(0, 200).trim();
	const mine = params.get('mijn') === '1';
	const after = params.get('na') ?? '';
	const place = (params.get('plaats') ?? '').replace(/\s+/g, ' ').slice(0, 100).trim();
	const afstand = params.get('afstand');
	const distance = afstand === ALL_DISTANCES ? null : (DISTANCES.find((d) => String(d) === afstand) ?? DEFAULT_DISTANCE);
	return {
		filter: { kind, theme, words: words || undefined, mine, after: UUID.test(after) ? after : undefined },
		form: { soort: kind ? (soort as 'aanbod' | 'vraag') : '', thema: theme ?? '', zoek: words, mijn: mine, plaats: place, afstand: distance }
	};
}
