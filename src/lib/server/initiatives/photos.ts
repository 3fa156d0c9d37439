import { and, eq, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { NotFound } from '../access/core.ts';
import { initiativeFor, requireCoordinator } from '../access/initiatives.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { log } from '../log/index.ts';
import { initiative, initiativePhoto } from './schema.ts';

/**
 * Photos on an initiative's page. What comes in is only trusted after sharp
 * has decoded it: the name and the browser's content type say nothing. Every
 * photo is re-encoded (rotated upright, at most 1600 px, WebP), which drops
 * EXIF, GPS and any other metadata, and anything hidden after the image.
 */
export const PHOTO_LIMITS = {
	/** Largest upload we accept, before re-encoding. */
	maxBytes: 10 * 1024 * 1024,
	/** Photos per initiative. */
	maxPhotos: 6,
	/** Longest side after resizing. */
	maxSide: 1600,
	/** Refuse decompression bombs: at most this many pixels in the upload. */
	maxPixels: 50_000_000,
	maxAlt: 300
};

/** Formats we decode; anything else (SVG, PDF, text …) is not a photo to us. */
const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp', 'gif', 'heif', 'avif', 'tiff']);

export type PhotoError = 'not_image' | 'too_large' | 'too_many' | 'alt_missing' | 'alt_long';

export interface EncodedPhoto {
	data: Buffer;
	contentType: 'image/webp';
	width: number;
	height: number;
}

/** Decode and re-encode an upload; says what is wrong when it is not an image we take. */
export async function encodePhoto(bytes: Uint8Array): Promise<{ ok: true; photo: EncodedPhoto } | { ok: false; error: 'not_image' | 'too_large' }> {
	if (bytes.byteLength > PHOTO_LIMITS.maxBytes) return { ok: false, error: 'too_large' };
	if (bytes.byteLength === 0) return { ok: false, error: 'not_image' };
	try {
		const options = { failOn: 'error' as const, limitInputPixels: PHOTO_LIMITS.maxPixels, animated: false };
		const meta = await sharp(bytes, options).metadata();
		if (!meta.format || !ACCEPTED_FORMATS.has(meta.format)) return { ok: false, error: 'not_image' };
		const { data, info } = await sharp(bytes, options)
			.rotate()
			.resize({ width: PHOTO_LIMITS.maxSide, height: PHOTO_LIMITS.maxSide, fit: 'inside', withoutEnlargement: true })
			.webp({ quality: 80 })
			.toBuffer({ resolveWithObject: true });
		return { ok: true, photo: { data, contentType: 'image/webp', width: info.width, height: info.height } };
	} catch (e) {
		log.info({ err: (e as Error).message }, 'photo upload could not be decoded');
		return { ok: false, error: 'not_image' };
	}
}

/**
 * An upload and the description its uploader wrote, checked and re-encoded:
 * every photo on the platform (an initiative's, an activity's) comes in here.
 */
export async function acceptPhoto(input: {
	bytes: Uint8Array;
	alt: string;
}): Promise<{ ok: true; alt: string; photo: EncodedPhoto } | { ok: false; error: Exclude<PhotoError, 'too_many'> }> {
	const alt = input.alt.trim();
	if (!alt) return { ok: false, error: 'alt_missing' };
	if (alt.length > PHOTO_LIMITS.maxAlt) return { ok: false, error: 'alt_long' };
	const encoded = await encodePhoto(input.bytes);
	if (!encoded.ok) return encoded;
	return { ok: true, alt, photo: encoded.photo };
}

/** A coordinator adds a photo with a description of what is on it. */
export async function addPhoto(
	db: Db,
	viewer: Viewer,
	initiativeId: string,
	input: { bytes: Uint8Array; alt: string }
): Promise<{ ok: true; id: string } | { ok: false; error: PhotoError }> {
	await requireCoordinator(db, viewer, { id: initiativeId });
	if ((await countPhotos(db, initiativeId)) >= PHOTO_LIMITS.maxPhotos) return { ok: false, error: 'too_many' };
	const encoded = await acceptPhoto(input);
	if (!encoded.ok) return encoded;
	const { alt } = encoded;
	return db.transaction(async (tx) => {
		// Lock the initiative so two uploads at once cannot pass the limit together.
		await tx.select({ id: initiative.id }).from(initiative).where(eq(initiative.id, initiativeId)).for('update');
		if ((await countPhotos(tx, initiativeId)) >= PHOTO_LIMITS.maxPhotos) return { ok: false, error: 'too_many' } as const;
		const [row] = await tx
			.insert(initiativePhoto)
			.values({ initiativeId, alt, ...encoded.photo })
			.returning({ id: initiativePhoto.id });
		await tx.update(initiative).set({ updatedAt: new Date() }).where(eq(initiative.id, initiativeId));
		log.info({ initiative: initiativeId, photo: row.id, bytes: encoded.photo.data.byteLength }, 'photo added');
		return { ok: true, id: row.id } as const;
	});
}

async function countPhotos(db: Db, initiativeId: string): Promise<number> {
	const [row] = await db
		.select({ n: sql<number>`count(*)::int` })
		.from(initiativePhoto)
		.where(eq(initiativePhoto.initiativeId, initiativeId));
	return Number(row.n);
}

/** A coordinator removes a photo of their own initiative. */
export async function removePhoto(db: Db, viewer: Viewer, initiativeId: string, photoId: string): Promise<void> {
	await requireCoordinator(db, viewer, { id: initiativeId });
	await db.transaction(async (tx) => {
		const rows = await tx
			.delete(initiativePhoto)
			.where(and(eq(initiativePhoto.id, photoId), eq(initiativePhoto.initiativeId, initiativeId)))
			.returning({ id: initiativePhoto.id });
		if (!rows.length) throw new NotFound();
		await tx.update(initiative).set({ updatedAt: new Date() }).where(eq(initiative.id, initiativeId));
	});
}

/**
 * A photo's bytes, for whoever may see its initiative's page: anyone for a
 * published initiative, only members and the admin otherwise.
 */
export async function photoFor(db: Db, viewer: Viewer, slug: string, photoId: string) {
	const { initiative: found } = await initiativeFor(db, viewer, { slug });
	const [row] = await db
		.select({ data: initiativePhoto.data, contentType: initiativePhoto.contentType, createdAt: initiativePhoto.createdAt })
		.from(initiativePhoto)
		.where(and(eq(initiativePhoto.id, photoId), eq(initiativePhoto.initiativeId, found.id)));
	if (!row) throw new NotFound();
	return { ...row, public: found.status === 'published' };
}
