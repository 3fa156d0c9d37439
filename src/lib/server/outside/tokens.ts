import { createHash, randomBytes } from 'node:crypto';

/*
 * The one secret link of a request from outside: a random token, shown once
 * in the confirmation mail; only its SHA-256 hash is stored, so a copy of the
 * database opens nothing. The same link confirms the request (a button on the
 * page, so mail scanners that open links confirm nothing) and then follows it.
 */

/** A new token and the hash to store. */
export function newOutsideToken(): { token: string; hash: string } {
	const token = randomBytes(32).toString('base64url');
	return { token, hash: hashOutsideToken(token) };
}

export const hashOutsideToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Whether a string can be a token at all (before it reaches the database). */
export const isOutsideToken = (token: unknown): token is string => typeof token === 'string' && /^[A-Za-z0-9_-]{43}$/.test(token);
