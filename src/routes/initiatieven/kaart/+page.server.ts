import type { PageServerLoad } from './$types';
import { mapSettings } from '#lib/server/directory/map.ts';
import { directoryPage } from '#lib/server/directory/page.ts';
import { DEFAULT_DISTANCE, DISTANCES } from '#lib/server/directory/query.ts';
import { ACCESS_FEATURES, THEMES } from '#lib/server/initiatives/schema.ts';

/** The one page with JavaScript: Leaflet draws the map in the browser. */
export const csr = true;

/** The same search and the same results as the list; the map is drawn on top in the browser. */
export const load: PageServerLoad = async ({ locals, url }) => ({
	...(await directoryPage(locals.db, url, locals.locale)),
	themes: THEMES,
	features: ACCESS_FEATURES,
	distances: DISTANCES,
	defaultDistance: DEFAULT_DISTANCE,
	map: mapSettings()
});
