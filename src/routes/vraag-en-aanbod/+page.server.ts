import type { PageServerLoad } from './$types';
import { guarded } from '#lib/server/http/guard.ts';
import { listPosts } from '#lib/server/exchange/service.ts';
import { myPause } from '#lib/server/exchange/pause.ts';
import { EXCHANGE_THEMES } from '#lib/server/exchange/schema.ts';
import { readPostQuery } from '#lib/server/exchange/query.ts';

export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		const query = readPostQuery(event.url.searchParams);
		const page = await listPosts(event.locals.db, event.locals.viewer, query.filter);
		return { ...page, query: query.form, after: !!query.filter.after, themes: EXCHANGE_THEMES, pause: await myPause(event.locals.db, event.locals.viewer) };
	});
