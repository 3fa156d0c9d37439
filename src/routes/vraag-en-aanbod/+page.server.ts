import type { PageServerLoad } from './$types';
import { guarded } from '#lib/server/http/guard.ts';
import { DISTANCES } from '#lib/server/directory/query.ts';
import { listPosts, postingInitiatives } from '#lib/server/exchange/service.ts';
import { myPause } from '#lib/server/exchange/pause.ts';
import { EXCHANGE_THEMES } from '#lib/server/exchange/schema.ts';
import { placeFilter } from '#lib/server/exchange/place.ts';
import { readPostQuery } from '#lib/server/exchange/query.ts';

export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		const query = readPostQuery(event.url.searchParams);
		const { location, places } = await placeFilter(query.form);
		const page = await listPosts(event.locals.db, event.locals.viewer, { ...query.filter, places });
		const boards = await postingInitiatives(event.locals.db, event.locals.viewer);
		return { ...page, query: query.form, location, after: !!query.filter.after, themes: EXCHANGE_THEMES, distances: DISTANCES, boards, pause: await myPause(event.locals.db, event.locals.viewer) };
	});
