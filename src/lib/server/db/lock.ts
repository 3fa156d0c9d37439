import { mkdir, open } from 'node:fs/promises';
import path from 'node:path';
import { tryLock } from 'fs-native-extensions';

/** Raised when another running process already has the embedded database open. */
export class DataDirInUse extends Error {}

/**
 * The embedded database may be opened by one process at a time: a second one
 * (say, `npm run admin` while the server runs) would corrupt it. The lock is
 * the operating system's (an exclusive lock on `herstelplein.lock`, an open
 * file description lock on Linux): it lives as long as the open file, so a
 * process that dies, even by kill -9, lets go of it, and a process id in the
 * file (only there for people to read) never decides anything.
 *
 * Returns the function that releases the lock. The file stays: removing it
 * would let two processes lock two different files of the same name.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
	await mkdir(dataDir, { recursive: true });
	const file = await open(path.join(dataDir, 'herstelplein.lock'), 'a+');
	try {
		if (!tryLock(file.fd)) {
			const holder = (await file.readFile('utf8')).trim();
			throw new DataDirInUse(
				`The data folder ${dataDir} is in use by another running process${/^\d+$/.test(holder) ? ` (process ${holder})` : ''}. Stop that process first.`
			);
		}
		await file.truncate(0);
		await file.write(`${process.pid}\n`);
		// Closing the file is what releases the lock.
		return () => file.close();
	} catch (e) {
		await file.close();
		throw e;
	}
}
