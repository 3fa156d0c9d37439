import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { ownerOfFeedToken } from '#lib/server/activities/feed-token.ts';
import { personalFeed, personalFeedSince } from '#lib/server/activities/ical.ts';
import { dealEvents } from '#lib/server/deals/calendar.ts';
import { poolEvents } from '#lib/server/expertise/proposals.ts';
import { expertiseFormLabel } from '#lib/labels/expertise.ts';
import { m } from '#lib/paraglide/messages.js';

/**
 * A person's own calendar feed, by its secret token (calendar apps cannot
 * sign in): their activities, their agreed afspraken and their agreed pool work. Unknown, renewed or
 * stopped tokens get a 404.
 */
export const GET: RequestHandler = async ({ params, locals }) => {
	const userId = await ownerOfFeedToken(locals.db, params.token);
	if (!userId) error(404, 'Not found');
	const now = new Date();
	const since = personalFeedSince(now);
	const afspraken = [
		...(await dealEvents(locals.db, userId, since, m.deals_feed_summary)),
		...(await poolEvents(locals.db, userId, since, ({ form }) => m.expertise_feed_summary({ form: expertiseFormLabel(form) })))
	];
	const body = await personalFeed(locals.db, userId, { name: m.activity_feed_name(), waitlist: m.activity_people_waitlist() }, locals.origin, now, afspraken);
	return new Response(body, {
		headers: { 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'private, no-store', 'referrer-policy': 'no-referrer' }
	});
};
