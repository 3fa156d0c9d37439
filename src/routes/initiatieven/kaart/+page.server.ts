import type { PageServerLoad } from './$types';
import { nextPublicDates } from '#lib/server/activities/network/next.ts';
import { formatRange } from '#lib/server/activities/time.ts';
import { mapSettings } from '#lib/server/directory/map.ts';
import { directoryPage } from '#lib/server/directory/page.ts';
import { DEFAULT_DISTANCE, DISTANCES } from '#lib/server/directory/query.ts';
import { ACCESS_FEATURES, THEMES } from '#lib/server/initiatives/schema.ts';

/** The one page with JavaScript: Leaflet draws the map in the browser. */
export const csr = true;

/** The same search and the same results as the list; the map is drawn on top in the browser, each point with its next date. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const page = await directoryPage(locals.db, url, locals.locale);
	// Only the initiatives with a marker get a preview.
	const next = await nextPublicDates(locals.db, page.items.filter((i) => i.latitude !== null).map((i) => i.id));
	return {
		...page,
		themes: THEMES,
		features: ACCESS_FEATURES,
		distances: DISTANCES,
		defaultDistance: DEFAULT_DISTANCE,
		next: Object.fromEntries([...next].map(([id, d]) => [id, { title: d.title, when: formatRange(d.startsAt, d.endsAt, locals.locale) }])),
		map: mapSettings()
	};
};
