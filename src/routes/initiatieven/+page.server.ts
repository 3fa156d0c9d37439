import type { PageServerLoad } from './$types';
import { directoryPage } from '#lib/server/directory/page.ts';
import { DEFAULT_DISTANCE, DISTANCES } from '#lib/server/directory/query.ts';
import { ACCESS_FEATURES, THEMES } from '#lib/server/initiatives/schema.ts';
import { listMine } from '#lib/server/initiatives/service.ts';

export const load: PageServerLoad = async ({ locals, url }) => ({
	...(await directoryPage(locals.db, url, locals.locale)),
	themes: THEMES,
	features: ACCESS_FEATURES,
	distances: DISTANCES,
	defaultDistance: DEFAULT_DISTANCE,
	mine: await listMine(locals.db, locals.viewer)
});
