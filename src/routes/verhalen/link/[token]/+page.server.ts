import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { guarded } from '#lib/server/http/guard.ts';
import { getStoryByLink } from '#lib/server/stories/read.ts';

/** A story shared by its secret link: never in a list, search or feed, never indexed. */
export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		const token = event.params.token;
		if (!/^[A-Za-z0-9_-]{43}$/.test(token)) error(404, 'Not found');
		event.setHeaders({ 'x-robots-tag': 'noindex, nofollow', 'referrer-policy': 'no-referrer' });
		const story = await getStoryByLink(event.locals.db, event.locals.viewer, token);
		return { story, origin: event.locals.origin };
	});
