import type { Locale } from '../../paraglide/runtime.js';
import { config } from '../config.ts';
import type { Db } from '../db/index.ts';
import { pdokGeocoder, type Geocoder } from './locate.ts';
import { everyPlace } from './places.ts';
import { directoryParams, parseDirectoryQuery } from './query.ts';
import { searchDirectory } from './search.ts';

let geocoder: Geocoder | undefined;

/** The optional online geocoder, when the operator turned it on. */
export function configuredGeocoder(): Geocoder | undefined {
	if (config().GEOCODER !== 'pdok') return undefined;
	geocoder ??= pdokGeocoder();
	return geocoder;
}

/** The largest places, as typing suggestions: a short list, never all 1400. */
export const POPULAR_PLACES = everyPlace()
	.slice(0, 40)
	.map((p) => p.name)
	.sort((a, b) => a.localeCompare(b, 'nl'));

/**
 * What the list page and the map page both show: the search as typed, and one
 * page of results from one call to the search service.
 */
export async function directoryPage(db: Db, url: URL, locale: Locale) {
	const query = parseDirectoryQuery(url.searchParams);
	const result = await searchDirectory(db, query, { geocoder: configuredGeocoder(), locale });
	const link = (page: number) => {
		const params = directoryParams(query, page).toString();
		return params ? `?${params}` : '';
	};
	return {
		query,
		location: result.location,
		items: result.items,
		page: result.page,
		nextHref: result.hasNext ? `?${directoryParams(query, query.page + 1)}` : null,
		previousHref: query.page > 1 ? link(query.page - 1) || '?' : null,
		/** The same search without the page number, for the link between list and map. */
		search: link(1),
		placeOptions: POPULAR_PLACES
	};
}
