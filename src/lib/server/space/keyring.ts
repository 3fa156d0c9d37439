import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { KEY_BYTES, keyId, newKey, openSealed, seal } from './crypto.ts';

/*
 * The server key: it wraps every person's data key and never lives in the
 * database. From the SPACE_KEY environment variable when set (base64, 32
 * bytes), otherwise from `space.key` in the data folder: made on first use,
 * readable by its owner only (mode 0600). A backup of the database alone
 * therefore opens nothing; losing the key loses every space.
 *
 * `space.key.new` exists only while `npm run keys -- rotate` runs: when it
 * stopped halfway, the rows may already be wrapped by the new key, so the
 * keyring knows both until the rotation is done.
 */

export const KEY_FILE = 'space.key';
const NEXT_FILE = 'space.key.new';

export interface ServerKey {
	id: string;
	key: Buffer;
}

export class KeyMissing extends Error {}

/** The server keys this process knows: `current` wraps, every key unwraps what it wrapped. */
export class Keyring {
	readonly current: ServerKey;
	private readonly byId: Map<string, ServerKey>;

	constructor(current: Buffer, others: Buffer[] = []) {
		this.current = { id: keyId(current), key: current };
		this.byId = new Map([...others, current].map((key) => [keyId(key), { id: keyId(key), key }]));
	}

	/** Wrap a person's data key with the current server key. */
	wrap(dataKey: Buffer, userId: string): { keyId: string; wrapped: string } {
		return { keyId: this.current.id, wrapped: seal(this.current.key, dataKey, wrapContext(userId)) };
	}

	/** Unwrap a person's data key; KeyMissing when it was wrapped by a server key we do not have. */
	unwrap(wrapped: { keyId: string; wrapped: string }, userId: string): Buffer {
		const server = this.byId.get(wrapped.keyId);
		if (!server) throw new KeyMissing(`no server key ${wrapped.keyId}: restore the space.key (or SPACE_KEY) that belongs to this database`);
		return openSealed(server.key, wrapped.wrapped, wrapContext(userId));
	}
}

const wrapContext = (userId: string) => `space-data-key:${userId}`;

/** Decode a server key written as base64 (the key file, SPACE_KEY). */
export function parseServerKey(text: string, where: string): Buffer {
	const key = Buffer.from(text.trim(), 'base64');
	if (key.length !== KEY_BYTES) throw new Error(`${where} must hold a ${KEY_BYTES}-byte key in base64 (make one with: npm run keys -- new)`);
	return key;
}

/** Write a key file that only its owner may read; `wx` so two processes starting at once cannot both make one. */
function writeKeyFile(file: string, key: Buffer, flag: 'wx' | 'w'): void {
	mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
	writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag });
}

function readKeyFile(file: string): Buffer | undefined {
	try {
		const text = readFileSync(file, 'utf8');
		if (statSync(file).mode & 0o077) throw new Error(`${file} may be read by others: chmod 600 ${file}`);
		return parseServerKey(text, file);
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw e;
	}
}

/** The keyring for these settings: SPACE_KEY, else the key file in `dataDir` (made when missing). */
export function loadKeyring(settings: { spaceKey?: string; dataDir: string }): Keyring {
	const next = readKeyFile(path.join(settings.dataDir, NEXT_FILE));
	if (settings.spaceKey) return new Keyring(parseServerKey(settings.spaceKey, 'SPACE_KEY'), next ? [next] : []);
	const file = path.join(settings.dataDir, KEY_FILE);
	let key = readKeyFile(file);
	if (!key) {
		try {
			writeKeyFile(file, newKey(), 'wx');
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
		}
		key = readKeyFile(file)!;
	}
	return new Keyring(key, next ? [next] : []);
}

/**
 * Rotation on the key file, step 1: a new key beside the current one, known
 * to every keyring loaded from now on. Returns the keyring that wraps with it.
 */
export function stageNextKey(dataDir: string, current: Keyring): Keyring {
	const next = newKey();
	writeKeyFile(path.join(dataDir, NEXT_FILE), next, 'w');
	return new Keyring(next, [current.current.key]);
}

/** Rotation on the key file, last step: the new key becomes `space.key`; the old one is kept beside it for old backups. Returns its file name. */
export function commitNextKey(dataDir: string): string {
	const retired = `${KEY_FILE}.retired-${new Date().toISOString().replace(/[:.]/g, '-')}`;
	renameSync(path.join(dataDir, KEY_FILE), path.join(dataDir, retired));
	renameSync(path.join(dataDir, NEXT_FILE), path.join(dataDir, KEY_FILE));
	return retired;
}
