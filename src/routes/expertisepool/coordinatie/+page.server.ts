import type { PageServerLoad } from './$types';
import { poolOverview, readExpertQuery } from '#lib/server/expertise/read.ts';
import { EXPERTISE_FORMS, EXPERTISE_REGIONS, EXPERTISE_THEMES } from '#lib/server/expertise/schema.ts';
import { guarded } from '#lib/server/http/guard.ts';

/** The pool coordinators' overview of experts, with "hier praat ik niet over". */
export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		const query = readExpertQuery(event.url.searchParams);
		return {
			...(await poolOverview(event.locals.db, event.locals.viewer, query.filter)),
			query: query.form,
			options: { themes: EXPERTISE_THEMES, forms: EXPERTISE_FORMS, regions: EXPERTISE_REGIONS }
		};
	});
