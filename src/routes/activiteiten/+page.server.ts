import type { PageServerLoad } from './$types';
import { networkPage } from '#lib/server/activities/network/page.ts';
import { ACTIVITY_KINDS } from '#lib/server/activities/schema.ts';
import { DEFAULT_DISTANCE, DISTANCES } from '#lib/server/directory/query.ts';
import { ACCESSIBILITY, THEMES } from '#lib/server/initiatives/schema.ts';

export const load: PageServerLoad = async ({ locals, url }) => ({
	...(await networkPage(locals.db, locals.viewer, url, locals.locale)),
	kinds: ACTIVITY_KINDS,
	themes: THEMES,
	// "Free" is a cost here (its own choice), not a feature of the place.
	features: ACCESSIBILITY.filter((f) => f !== 'gratis'),
	distances: DISTANCES,
	defaultDistance: DEFAULT_DISTANCE,
	signedIn: !!locals.viewer
});
