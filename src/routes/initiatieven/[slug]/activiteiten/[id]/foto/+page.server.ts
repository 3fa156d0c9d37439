import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { requireActivityManager } from '#lib/server/access/activities.ts';
import { NotFound } from '#lib/server/access/core.ts';
import { activityPhotoPath, activityPhotoSummary, removeActivityPhoto, setActivityPhoto } from '#lib/server/activities/photo.ts';
import { PHOTO_LIMITS } from '#lib/server/initiatives/photos.ts';
import { photoRefused, readPhotoUpload } from '#lib/server/initiatives/photo-http.ts';
import { guarded, uuidParam } from '#lib/server/http/guard.ts';
import { localizeHref } from '#lib/paraglide/runtime.js';

/** Only a host or a coordinator, and only for an activity of the initiative in the address. */
async function manage(event: RequestEvent) {
	const access = await requireActivityManager(event.locals.db, event.locals.viewer, uuidParam(event.params.id));
	if (access.initiative.slug !== event.params.slug) throw new NotFound();
	return access;
}

/** Back to this page after a change, saying what changed. */
const done = (event: RequestEvent, what: 'geplaatst' | 'weg'): never =>
	redirect(303, `${localizeHref(`/initiatieven/${event.params.slug}/activiteiten/${event.params.id}/foto`)}?foto=${what}`);

export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		const { activity: a, initiative } = await manage(event);
		const photo = await activityPhotoSummary(event.locals.db, a.id);
		const saved = event.url.searchParams.get('foto');
		return {
			initiative: { slug: initiative.slug, name: initiative.name },
			activity: { id: a.id, title: a.title },
			photo: photo && { ...photo, src: activityPhotoPath(initiative.slug, a.id, photo.id) },
			maxMegabytes: PHOTO_LIMITS.maxBytes / 1024 / 1024,
			saved: saved === 'geplaatst' || saved === 'weg' ? saved : null
		};
	});

export const actions: Actions = {
	plaatsen: (event) =>
		guarded(event, async () => {
			const { activity: a } = await manage(event);
			const upload = await readPhotoUpload(event.request);
			if (!upload.ok) return upload.failure;
			const result = await setActivityPhoto(event.locals.db, event.locals.viewer, a.id, upload);
			if (!result.ok) return photoRefused(result.error, upload.alt);
			done(event, 'geplaatst');
		}),

	weghalen: (event) =>
		guarded(event, async () => {
			const { activity: a } = await manage(event);
			await removeActivityPhoto(event.locals.db, event.locals.viewer, a.id);
			done(event, 'weg');
		})
};
