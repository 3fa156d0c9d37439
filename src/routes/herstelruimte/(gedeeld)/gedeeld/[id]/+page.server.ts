import type { PageServerLoad } from './$types';
import { guarded, uuidParam } from '#lib/server/http/guard.ts';
import { spaceStore } from '#lib/server/space/keys.ts';
import { readSharedWithMe } from '#lib/server/space/shares.ts';

/** A block a member shares with the viewer; 404 for anyone else, and once the share stopped. */
export const load: PageServerLoad = async (event) => ({
	shared: await guarded(event, () => readSharedWithMe(spaceStore(event.locals.db), event.locals.viewer, uuidParam(event.params.id)))
});
