import type { PageServerLoad } from './$types';
import { requestQueue } from '#lib/server/expertise/request-queue.ts';
import { guarded } from '#lib/server/http/guard.ts';

/** The pool coordinators' queue of requests, paged; ?afgesloten for the closed ones. */
export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		const closed = event.url.searchParams.has('afgesloten');
		const page = Number(event.url.searchParams.get('pagina')) || 1;
		return { closed, ...(await requestQueue(event.locals.db, event.locals.viewer, { closed, page })) };
	});
