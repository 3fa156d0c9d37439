import type { RequestHandler } from './$types';
import { activityFile } from '#lib/server/activities/ical.ts';
import { guarded, uuidParam } from '#lib/server/http/guard.ts';

/** "Zet in mijn agenda": one activity as a file, for whoever may see it. */
export const GET: RequestHandler = (event) =>
	guarded(event, async () => {
		const id = uuidParam(event.params.id);
		const { body } = await activityFile(event.locals.db, event.locals.viewer, event.params.slug, id, event.locals.origin);
		return new Response(body, {
			headers: { 'content-type': 'text/calendar; charset=utf-8', 'content-disposition': `attachment; filename="activiteit-${id}.ics"`, 'cache-control': 'private, no-store' }
		});
	});
