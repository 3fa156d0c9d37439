import { fail } from '@sveltejs/kit';
import { m } from '../../paraglide/messages.js';
import { unreadableForm } from '../http/forms.ts';
import { cleanText } from '../http/text.ts';
import { PHOTO_LIMITS, type PhotoError } from './photos.ts';

/**
 * Photos over HTTP, the same for an initiative's photos and an activity's
 * photo: the form (a file and what is on it) — a refusal is a 4xx on the same
 * page with a Dutch message beside the field and the description as typed,
 * under `photo` in the action's data — and the answer that serves a photo.
 */

export interface PhotoFormFailure {
	photo: { errors: Record<string, string>; values: { alt: string } };
}

export type PhotoUpload = { ok: true; bytes: Uint8Array; alt: string } | { ok: false; failure: ReturnType<typeof refuse> };

const tooLarge = () => m.profile_photo_error_too_large({ megabytes: PHOTO_LIMITS.maxBytes / 1024 / 1024 });

const refuse = (status: number, errors: Record<string, string>, alt = '') => fail(status, { photo: { errors, values: { alt } } } satisfies PhotoFormFailure);

/** Read the multipart form: the file's bytes and the description, or the answer to give. */
export async function readPhotoUpload(request: Request): Promise<PhotoUpload | { ok: false; failure: ReturnType<typeof unreadableForm> }> {
	let form: FormData;
	try {
		form = await request.formData();
	} catch (e) {
		// A body over the server's limit is a clear 413 on the page, not an error page.
		if ((e as { status?: number }).status === 413) return { ok: false, failure: refuse(413, { photo: tooLarge() }) };
		return { ok: false, failure: unreadableForm() };
	}
	const file = form.get('photo');
	const typed = String(form.get('alt') ?? '');
	const alt = cleanText(typed, 'line');
	if (alt === null) return { ok: false, failure: refuse(400, { alt: m.form_error_characters() }, typed) };
	if (!(file instanceof File) || file.size === 0) return { ok: false, failure: refuse(400, { photo: m.profile_photo_error_missing() }, alt) };
	if (file.size > PHOTO_LIMITS.maxBytes) return { ok: false, failure: refuse(413, { photo: tooLarge() }, alt) };
	return { ok: true, bytes: new Uint8Array(await file.arrayBuffer()), alt };
}

/** The answer to a photo the service refused, next to the field it is about. */
export function photoRefused(error: PhotoError, alt: string) {
	const field = error === 'alt_missing' || error === 'alt_long' ? 'alt' : 'photo';
	const message = {
		not_image: () => m.profile_photo_error_not_image(),
		too_large: tooLarge,
		too_many: () => m.profile_photo_error_too_many({ max: PHOTO_LIMITS.maxPhotos }),
		alt_missing: () => m.profile_photo_error_alt(),
		alt_long: () => m.profile_photo_error_alt_long()
	}[error]();
	return refuse(error === 'too_large' ? 413 : 400, { [field]: message }, alt);
}


/**
 * A photo's bytes as an answer. A photo never changes (a new one gets a new
 * address), so shared caches may keep it for a while — but only when everyone
 * may see it; others' photos are for the people who may.
 */
export function photoResponse(photo: { data: Buffer; contentType: string; createdAt: Date; public: boolean }): Response {
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
}
