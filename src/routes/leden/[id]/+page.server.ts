import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { guarded } from '#lib/server/http/guard.ts';
import { getProfile } from '#lib/server/profiles/service.ts';

/** Account ids: letters, digits, `-` and `_`; anything else is no member. */
const ID = /^[A-Za-z0-9_-]{1,64}$/;

export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		if (!ID.test(event.params.id)) error(404, 'Not found');
		return { profile: await getProfile(event.locals.db, event.locals.viewer, event.params.id) };
	});
