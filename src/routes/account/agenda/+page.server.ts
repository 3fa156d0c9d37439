import type { Actions, PageServerLoad } from './$types';
import { feedTokenStatus, makeFeedToken, stopFeedToken } from '#lib/server/activities/feed-token.ts';
import { formatDay } from '#lib/server/activities/time.ts';
import { signedIn } from '#lib/server/http/guard.ts';

/** The account page's part for the private calendar link: make, renew, stop. */
export const load: PageServerLoad = async ({ locals }) => {
	const status = await feedTokenStatus(locals.db, signedIn(locals, '/account/agenda'));
	return { since: status ? formatDay(status.createdAt, locals.locale) : null };
};

export const actions: Actions = {
	maken: async ({ locals }) => {
		const token = await makeFeedToken(locals.db, signedIn(locals, '/account/agenda'));
		return { link: `${locals.origin}/agenda/${token}.ics` };
	},
	stoppen: async ({ locals }) => {
		await stopFeedToken(locals.db, signedIn(locals, '/account/agenda'));
		return { stopped: true };
	}
};
