import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { activityFile } from '#lib/server/activities/ical.ts';
import { parseDate } from '#lib/server/activities/time.ts';
import { guarded, uuidParam } from '#lib/server/http/guard.ts';

/** "Zet in mijn agenda", for whoever may see the activity: `?datum=` one date of a series, without it all dates. */
export const GET: RequestHandler = (event) =>
	guarded(event, async () => {
		const id = uuidParam(event.params.id);
		const asked = event.url.searchParams.get('datum');
		const day = asked === null ? undefined : parseDate(asked);
		if (day === null) error(404, 'Not found');
		const { body } = await activityFile(event.locals.db, event.locals.viewer, event.params.slug, id, event.locals.origin, new Date(), day);
		return new Response(body, {
			headers: { 'content-type': 'text/calendar; charset=utf-8', 'content-disposition': `attachment; filename="activiteit-${id}.ics"`, 'cache-control': 'private, no-store' }
		});
	});
