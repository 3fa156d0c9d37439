import { and, eq } from 'drizzle-orm';
import { activityPhotoAccess, requireActivityManager } from '../access/activities.ts';
import { NotFound } from '../access/core.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { log } from '../log/index.ts';
import { acceptPhoto, type PhotoError } from '../initiatives/photos.ts';
import { initiativePhotoPath, mainPhotos, type PhotoSummary } from '../initiatives/profile.ts';
import { activityPhoto } from './schema.ts';

/**
 * An activity's own photo: at most one, put there by a host or a coordinator,
 * checked and re-encoded as every photo is (initiatives/photos.ts). Its page
 * shows it instead of the initiative's main photo.
 */

/** Put a photo on the activity, in place of the one it had. */
export async function setActivityPhoto(
	db: Db,
	viewer: Viewer,
	activityId: string,
	input: { bytes: Uint8Array; alt: string }
): Promise<{ ok: true; id: string } | { ok: false; error: Exclude<PhotoError, 'too_many'> }> {
	await requireActivityManager(db, viewer, activityId);
	const accepted = await acceptPhoto(input);
	if (!accepted.ok) return accepted;
	// A new row (a new id, so a new address): a cached copy of the old photo is never shown as the new one.
	const id = await db.transaction(async (tx) => {
		await tx.delete(activityPhoto).where(eq(activityPhoto.activityId, activityId));
		const [row] = await tx
			.insert(activityPhoto)
			.values({ activityId, alt: accepted.alt, ...accepted.photo })
			.returning({ id: activityPhoto.id });
		return row.id;
	});
	log.info({ activity: activityId, photo: id, bytes: accepted.photo.data.byteLength }, 'activity photo added');
	return { ok: true, id };
}

/** Take the activity's photo away; its page shows the initiative's photo again. */
export async function removeActivityPhoto(db: Db, viewer: Viewer, activityId: string): Promise<void> {
	await requireActivityManager(db, viewer, activityId);
	await db.delete(activityPhoto).where(eq(activityPhoto.activityId, activityId));
}

/** The activity's photo without its bytes, for a page that already checked the viewer may see the activity. */
export async function activityPhotoSummary(db: Db, activityId: string): Promise<PhotoSummary | null> {
	const [row] = await db
		.select({ id: activityPhoto.id, alt: activityPhoto.alt, width: activityPhoto.width, height: activityPhoto.height })
		.from(activityPhoto)
		.where(eq(activityPhoto.activityId, activityId));
	return row ?? null;
}

/** The photo's bytes, for whoever may see the activity (access/activities.ts); NotFound for anyone else. */
export async function activityPhotoFor(db: Db, viewer: Viewer, activityId: string, photoId: string) {
	const { access, public: open } = await activityPhotoAccess(db, viewer, activityId);
	const [row] = await db
		.select({ data: activityPhoto.data, contentType: activityPhoto.contentType, createdAt: activityPhoto.createdAt })
		.from(activityPhoto)
		.where(and(eq(activityPhoto.id, photoId), eq(activityPhoto.activityId, activityId)));
	if (!row) throw new NotFound();
	return { ...row, public: open, slug: access.initiative.slug };
}

/** Where an activity's photo is served (routes/…/activiteiten/[id]/foto/[photo]). */
export const activityPhotoPath = (slug: string, activityId: string, photoId: string) => `/initiatieven/${slug}/activiteiten/${activityId}/foto/${photoId}`;

/**
 * The photo an activity's page shows: its own, else its initiative's main
 * photo; null when neither has one. For a viewer who may see the activity.
 */
export async function shownActivityPhoto(
	db: Db,
	a: { id: string; initiativeId: string },
	slug: string
): Promise<(PhotoSummary & { src: string }) | null> {
	const [own, main] = await Promise.all([activityPhotoSummary(db, a.id), mainPhotos(db, [a.initiativeId])]);
	if (own) return { ...own, src: activityPhotoPath(slug, a.id, own.id) };
	const theirs = main.get(a.initiativeId);
	return theirs ? { ...theirs, src: initiativePhotoPath(slug, theirs.id) } : null;
}
