import type { PageServerLoad } from './$types';
import { getExpertProfile } from '#lib/server/expertise/read.ts';
import { guarded, uuidParam } from '#lib/server/http/guard.ts';

/** One expert's public profile; unpublished ones only for the expert. */
export const load: PageServerLoad = (event) =>
	guarded(event, async () => ({ expert: await getExpertProfile(event.locals.db, event.locals.viewer, uuidParam(event.params.id)) }));
