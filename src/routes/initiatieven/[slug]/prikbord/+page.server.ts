import type { PageServerLoad } from './$types';
import { boardFor } from '#lib/server/exchange/board.ts';
import { guarded } from '#lib/server/http/guard.ts';

export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		const board = await boardFor(event.locals.db, event.locals.viewer, event.params.slug);
		// Printed on paper, so each post's full address.
		return { ...board, origin: event.url.origin, printedAt: new Date() };
	});
