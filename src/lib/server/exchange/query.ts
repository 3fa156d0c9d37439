import type { PostFilter } from './service.ts';
import { EXCHANGE_THEMES } from './schema.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** What the search form shows again: the choices as the person made them. */
export interface PostQueryForm {
	soort: '' | 'aanbod' | 'vraag';
	thema: string;
	zoek: string;
	mijn: boolean;
}

/**
 * The list's choices from the address (a GET form, so every search is a link
 * that works without JavaScript): `soort`, `thema`, `zoek`, `mijn`, and `na`
 * (the last post of the page before). Anything unknown is ignored.
 */
export function readPostQuery(params: URLSearchParams): { filter: PostFilter; form: PostQueryForm } {
	const soort = params.get('soort');
	const kind = soort === 'aanbod' ? 'offer' : soort === 'vraag' ? 'request' : undefined;
	const theme = EXCHANGE_THEMES.find((t) => t === params.get('thema'));
	const words = (params.get('zoek') ?? '').slice(0, 200).trim();
	const mine = params.get('mijn') === '1';
	const after = params.get('na') ?? '';
	return {
		filter: { kind, theme, words: words || undefined, mine, after: UUID.test(after) ? after : undefined },
		form: { soort: kind ? (soort as 'aanbod' | 'vraag') : '', thema: theme ?? '', zoek: words, mijn: mine }
	};
}
