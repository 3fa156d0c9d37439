import type { RequestHandler } from './$types';
import { photoFor } from '#lib/server/initiatives/photos.ts';
import { guarded, uuidParam } from '#lib/server/http/guard.ts';

/**
 * A photo of an initiative, from the database. A photo never changes (a new
 * one gets a new address), so shared caches may keep it for a while — but only
 * for a published initiative; others' photos are for their members alone.
 */
export const GET: RequestHandler = (event) =>
	guarded(event, async () => {
		const photo = await photoFor(event.locals.db, event.locals.viewer, event.params.slug, uuidParam(event.params.id));
		return new Response(new Uint8Array(photo.data), {
			headers: {
				'content-type': photo.contentType,
				'content-length': String(photo.data.byteLength),
				'cache-control': photo.public ? 'public, max-age=86400' : 'private, no-store',
				'x-content-type-options': 'nosniff',
				'content-disposition': 'inline',
				'content-security-policy': "default-src 'none'; sandbox",
				'last-modified': photo.createdAt.toUTCString()
			}
		});
	});
