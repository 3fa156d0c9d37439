import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/*
 * The two links a guest (someone without an account) gets by e-mail:
 *
 * - "confirm": a random token, shown once in the mail; only its SHA-256 hash is
 *   stored with the request, so a copy of the database cannot confirm anything.
 * - "cancel": the sign-up's id with an HMAC over it (like the "no more
 *   reminders" link), so every later mail can carry it without storing it.
 *   It can do one thing: cancel that one sign-up. Once the sign-up is gone
 *   (cancelled, or removed after the date) it finds nothing.
 *
 * Opening either link changes nothing (mail scanners open links too); the
 * button on the page does.
 */

export const GUEST_CONFIRM_PATH = '/gast/bevestigen';
export const GUEST_CANCEL_PATH = '/gast/afmelden';

/** A new confirmation token and the hash to store. */
export function newConfirmToken(): { token: string; hash: string } {
	const token = randomBytes(32).toString('base64url');
	return { token, hash: hashConfirmToken(token) };
}

export const hashConfirmToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Whether a string can be a confirmation token at all (before it reaches the database). */
export const isConfirmToken = (token: string) => /^[A-Za-z0-9_-]{43}$/.test(token);

export const guestConfirmPath = (token: string) => `${GUEST_CONFIRM_PATH}?token=${encodeURIComponent(token)}`;

const PURPOSE = 'herstelplein:guest-cancel:';
const sign = (secret: string, signupId: string) => createHmac('sha256', secret).update(PURPOSE + signupId).digest('base64url');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The token in a guest's "cancel" link: the sign-up's id and its signature. */
export function guestCancelToken(secret: string, signupId: string): string {
	return `${signupId}.${sign(secret, signupId)}`;
}

export const guestCancelPath = (secret: string, signupId: string) => `${GUEST_CANCEL_PATH}?token=${encodeURIComponent(guestCancelToken(secret, signupId))}`;

/** The sign-up a cancel token is for, or null when the token is not genuine. */
export function verifyGuestCancelToken(secret: string, token: string): string | null {
	const [signupId, mac, ...rest] = token.split('.');
	if (!signupId || !mac || rest.length || !UUID.test(signupId)) return null;
	const expected = Buffer.from(sign(secret, signupId));
	const given = Buffer.from(mac);
	return given.length === expected.length && timingSafeEqual(given, expected) ? signupId : null;
}
