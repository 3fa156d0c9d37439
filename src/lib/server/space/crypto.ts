import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/*
 * Encryption at rest for the herstelruimte: AES-256-GCM from node:crypto.
 * Every text is sealed with the person's own data key; that key is stored
 * only wrapped (sealed) by the server key, which never lives in the database
 * (keyring.ts). The "context" is authenticated with the text (GCM's
 * additional data): a sealed value copied into another row or another
 * person's space does not open.
 */

/** Format marker at the start of every sealed value, so a later format can live beside this one. */
const FORMAT = 'g1';
const IV_BYTES = 12;
export const KEY_BYTES = 32;

/** A new random 256-bit key. */
export function newKey(): Buffer {
	return randomBytes(KEY_BYTES);
}

/** A short public name for a key (not secret: a hash prefix), stored beside what it wrapped. */
export function keyId(key: Buffer): string {
	return createHash('sha256').update('herstelplein-space-key-id').update(key).digest('hex').slice(0, 16);
}

/** Seal `plain` with `key`, bound to `context`. Output: `g1.<iv>.<tag>.<ciphertext>` in base64url. */
export function seal(key: Buffer, plain: string | Buffer, context: string): string {
	const iv = randomBytes(IV_BYTES);
	const cipher = createCipheriv('aes-256-gcm', key, iv);
	cipher.setAAD(Buffer.from(context));
	const body = Buffer.concat([cipher.update(plain), cipher.final()]);
	return [FORMAT, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

/** A sealed value that does not open: wrong key, wrong context, or changed bytes. */
export class SealBroken extends Error {
	constructor() {
		super('sealed value does not open with this key and context');
	}
}

/** Open what `seal` made; throws SealBroken when key, context or bytes do not match. */
export function openSealed(key: Buffer, sealed: string, context: string): Buffer {
	const [format, iv, tag, body] = sealed.split('.');
	if (format !== FORMAT || iv === undefined || tag === undefined || body === undefined) throw new SealBroken();
	try {
		const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
		decipher.setAAD(Buffer.from(context));
		decipher.setAuthTag(Buffer.from(tag, 'base64url'));
		return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]);
	} catch {
		throw new SealBroken();
	}
}

/** Seal a JSON value. */
export function sealJson(key: Buffer, value: unknown, context: string): string {
	return seal(key, JSON.stringify(value), context);
}

/** Open a sealed JSON value. */
export function openJson<T>(key: Buffer, sealed: string, context: string): T {
	return JSON.parse(openSealed(key, sealed, context).toString('utf8')) as T;
}
