import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { guarded } from '#lib/server/http/guard.ts';
import { spaceStore } from '#lib/server/space/keys.ts';
import { readByLink } from '#lib/server/space/shares.ts';

/** A block behind a secret link (for a GP: no account); 404 once it expired or was stopped. */
export const load: PageServerLoad = async (event) => {
	if (!/^[A-Za-z0-9_-]{32}$/.test(event.params.token)) error(404, 'Not found');
	return { shared: await guarded(event, () => readByLink(spaceStore(event.locals.db), event.params.token)) };
};
