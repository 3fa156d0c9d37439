import type { RequestHandler } from './$types';
import { NotFound } from '#lib/server/access/core.ts';
import { activityPhotoFor } from '#lib/server/activities/photo.ts';
import { photoResponse } from '#lib/server/initiatives/photo-http.ts';
import { guarded, uuidParam } from '#lib/server/http/guard.ts';

/** An activity's own photo: for exactly those who may see the activity (access/activities.ts). */
export const GET: RequestHandler = (event) =>
	guarded(event, async () => {
		const photo = await activityPhotoFor(event.locals.db, event.locals.viewer, uuidParam(event.params.id), uuidParam(event.params.photo));
		if (photo.slug !== event.params.slug) throw new NotFound();
		return photoResponse(photo);
	});
