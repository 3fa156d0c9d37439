import type { RequestHandler } from './$types';
import { photoFor } from '#lib/server/initiatives/photos.ts';
import { photoResponse } from '#lib/server/initiatives/photo-http.ts';
import { guarded, uuidParam } from '#lib/server/http/guard.ts';

/** A photo of an initiative, from the database: for everyone when the initiative is published, else for its members. */
export const GET: RequestHandler = (event) =>
	guarded(event, async () => photoResponse(await photoFor(event.locals.db, event.locals.viewer, event.params.slug, uuidParam(event.params.id))));
