import type { PageServerLoad } from './$types';
import { isPoolCoordinator } from '#lib/server/expertise/pool.ts';
import { readExpertQuery, searchExperts } from '#lib/server/expertise/read.ts';
import { EXPERTISE_FORMS, EXPERTISE_REGIONS, EXPERTISE_THEMES } from '#lib/server/expertise/schema.ts';

/** The public search of published expert profiles; anyone may use it. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const query = readExpertQuery(url.searchParams);
	return {
		...(await searchExperts(locals.db, query.filter)),
		query: query.form,
		options: { themes: EXPERTISE_THEMES, forms: EXPERTISE_FORMS, regions: EXPERTISE_REGIONS },
		poolCoordinator: await isPoolCoordinator(locals.db, locals.viewer)
	};
};
