import type { PageServerLoad } from './$types';
import { guarded } from '#lib/server/http/guard.ts';
import { handoverQueue } from '#lib/server/handover/queue.ts';

export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		const closed = event.url.searchParams.has('afgesloten');
		const page = Number.parseInt(event.url.searchParams.get('pagina') ?? '1', 10) || 1;
		return { closed, ...(await handoverQueue(event.locals.db, event.locals.viewer, event.params.slug, { closed, page })) };
	});
