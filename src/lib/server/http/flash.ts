import { redirect, type Cookies } from '@sveltejs/kit';
import { localizeHref } from '../../paraglide/runtime.js';

/*
 * Post/redirect/get with a message: after a form post the route redirects
 * (303) and the page the person lands on shows what happened at its top
 * (root layout), without JavaScript. The message travels in a cookie that
 * lives one minute and is read once. It holds only a key from this list, never
 * text, so nobody can make the site say something else by setting it.
 */

export const FLASH_KEYS = [
	'signed_up',
	'waitlisted',
	'signed_off',
	'series_signed_up',
	'series_stopped',
	'joined',
	'joined_signed_up',
	'join_asked',
	'join_accepted',
	'join_declined',
	'email_confirmed',
	'confirm_sent'
] as const;
export type FlashKey = (typeof FLASH_KEYS)[number];

const COOKIE = 'melding';

const isFlashKey = (value: unknown): value is FlashKey => (FLASH_KEYS as readonly unknown[]).includes(value);

export function setFlash(cookies: Cookies, key: FlashKey): void {
	cookies.set(COOKIE, key, { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 60 });
}

/** Set the message and go to `path` (a path on this site, not yet localised). */
export function redirectWithFlash(cookies: Cookies, path: string, key: FlashKey): never {
	setFlash(cookies, key);
	redirect(303, localizeHref(path));
}

/** The message waiting for this page, read once. */
export function takeFlash(cookies: Cookies): FlashKey | null {
	const value = cookies.get(COOKIE);
	if (value === undefined) return null;
	cookies.delete(COOKIE, { path: '/' });
	return isFlashKey(value) ? value : null;
}
