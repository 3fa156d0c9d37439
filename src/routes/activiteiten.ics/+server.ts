import type { RequestHandler } from './$types';
import { networkFeed } from '#lib/server/activities/network/page.ts';
import { m } from '#lib/paraglide/messages.js';

/** The network list's choices as an iCalendar feed: public activities of public initiatives only. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const body = await networkFeed(locals.db, url, locals.origin, `${m.agenda_head_title()} (${m.site_name()})`);
	return new Response(body, {
		headers: { 'content-type': 'text/calendar; charset=utf-8', 'content-disposition': 'inline; filename="activiteiten.ics"', 'cache-control': 'public, max-age=300' }
	});
};
