import type { RequestHandler } from './$types';
import { initiativeFeed } from '#lib/server/activities/ical.ts';
import { guarded } from '#lib/server/http/guard.ts';

/** The public iCalendar feed of an initiative: only its public activities, only when it is public. */
export const GET: RequestHandler = (event) =>
	guarded(event, async () => {
		const body = await initiativeFeed(event.locals.db, event.params.slug, event.locals.origin);
		return new Response(body, {
			headers: { 'content-type': 'text/calendar; charset=utf-8', 'content-disposition': `inline; filename="${event.params.slug}.ics"`, 'cache-control': 'public, max-age=300' }
		});
	});
