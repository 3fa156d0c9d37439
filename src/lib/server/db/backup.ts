import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, readFile, rename, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { log } from '../log/index.ts';
import { DataDirInUse, lockDataDir } from './lock.ts';

/**
 * `npm run backup` and `npm run restore`. The embedded database can be opened
 * by one process only, so while the app runs the app itself makes the copy:
 * it answers on a Unix socket in the data folder (`backup.sock`, readable and
 * writable by the folder's owner only, so it lets nobody do what they could
 * not already do with the folder). When no app runs, the backup command takes
 * the lock and copies the folder itself. PostgreSQL goes through its own
 * pg_dump and pg_restore.
 */

/** A backup or restore that cannot be done, with what to do about it. */
export class BackupError extends Error {}

/** Unix socket paths are limited to about 100 bytes. */
const MAX_SOCKET_PATH = 100;

function socketPath(dataDir: string): string {
	return path.resolve(dataDir, 'backup.sock');
}

/**
 * The whole embedded database as a gzipped tar. PGlite runs one transaction
 * at a time: taken inside a transaction of its own, the copy falls between two
 * of the app's transactions, and the checkpoint before it means a restore has
 * nothing to replay.
 */
function dump(client: PGlite): Promise<Buffer> {
	return client.transaction(async (tx) => {
		await tx.exec('CHECKPOINT');
		return Buffer.from(await (await client.dumpDataDir('gzip')).arrayBuffer());
	});
}

/**
 * Answer backup requests for the open database on `backup.sock` until the
 * returned function is called. Only for the process that holds the lock.
 */
export async function serveBackups(dataDir: string, client: PGlite): Promise<() => Promise<void>> {
	const file = socketPath(dataDir);
	if (file.length > MAX_SOCKET_PATH) {
		log.warn({ dataDir }, 'the data folder path is too long for the backup socket: npm run backup works only while the app is stopped');
		return async () => {};
	}
	// A socket left by a process that died: we hold the lock, so nobody answers on it.
	await rm(file, { force: true });
	const server = net.createServer((socket) => {
		socket.on('error', () => socket.destroy());
		socket.once('data', async (request) => {
			if (String(request).trim() !== 'backup') return socket.destroy();
			try {
				const bytes = await dump(client);
				socket.write(`${JSON.stringify({ bytes: bytes.length })}\n`);
				socket.end(bytes);
				log.info({ bytes: bytes.length }, 'backup made');
			} catch (err) {
				log.error({ err }, 'backup failed');
				socket.end(`${JSON.stringify({ error: 'the backup failed; see the app log' })}\n`);
			}
		});
	});
	try {
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(file, resolve);
		});
		await chmod(file, 0o600);
	} catch (err) {
		// The app works without it; only a backup while it runs does not.
		log.warn({ err }, 'no backup socket: npm run backup works only while the app is stopped');
		server.close();
		return async () => {};
	}
	// A forgotten close must not keep a script alive.
	server.unref();
	return () => new Promise<void>((resolve) => server.close(() => resolve()));
}

/** Ask the running app for a backup. */
function requestBackup(dataDir: string): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const socket = net.connect(socketPath(dataDir));
		const chunks: Buffer[] = [];
		socket.on('connect', () => socket.write('backup\n'));
		socket.on('data', (chunk: Buffer) => chunks.push(chunk));
		socket.on('error', () =>
			reject(new BackupError(`The app that has ${dataDir} open does not answer backup requests. Stop it, then run npm run backup again.`))
		);
		socket.on('end', () => {
			const all = Buffer.concat(chunks);
			const newline = all.indexOf(10);
			let header: { bytes?: number; error?: string } = {};
			try {
				header = JSON.parse(all.subarray(0, newline).toString());
			} catch {
				/* no header: cut off */
			}
			const bytes = all.subarray(newline + 1);
			if (header.bytes !== undefined && header.bytes === bytes.length) resolve(bytes);
			else reject(new BackupError(`The running app could not make the backup: ${header.error ?? 'the answer was cut off'}.`));
		});
	});
}

/** Write a file whole or not at all: a backup cut off halfway must not look like a backup. */
async function writeWhole(file: string, bytes: Buffer): Promise<void> {
	await writeFile(`${file}.partial`, bytes, { mode: 0o600 });
	await rename(`${file}.partial`, file);
}

/** Back up the embedded database in `dataDir` to `file`, whether the app runs or not. */
export async function backupEmbedded(dataDir: string, file: string): Promise<void> {
	const folder = path.join(dataDir, 'pglite');
	if (!existsSync(path.join(folder, 'PG_VERSION'))) throw new BackupError(`There is no database in ${dataDir} (DATA_DIR).`);
	let release: () => Promise<void>;
	try {
		release = await lockDataDir(dataDir);
	} catch (e) {
		if (!(e instanceof DataDirInUse)) throw e;
		return writeWhole(file, await requestBackup(dataDir));
	}
	try {
		const client = await PGlite.create(folder);
		try {
			await writeWhole(file, await dump(client));
		} finally {
			await client.close();
		}
	} finally {
		await release();
	}
}

const isPgDump = (bytes: Buffer) => bytes.subarray(0, 5).toString() === 'PGDMP';
const isGzip = (bytes: Buffer) => bytes[0] === 0x1f && bytes[1] === 0x8b;

/**
 * Replace the embedded database in `dataDir` with the one in `file`; the app
 * must be stopped. The database that was there is kept beside it
 * (`pglite.before-restore-…`), never thrown away. Returns that folder's name.
 */
export async function restoreEmbedded(dataDir: string, file: string): Promise<string | undefined> {
	const bytes = await readFile(file);
	if (isPgDump(bytes)) throw new BackupError(`${file} is a PostgreSQL backup: restore it with DATABASE_URL set.`);
	if (!isGzip(bytes)) throw new BackupError(`${file} is not a backup made by npm run backup.`);
	let release: () => Promise<void>;
	try {
		release = await lockDataDir(dataDir);
	} catch (e) {
		if (e instanceof DataDirInUse) throw new BackupError(`The app is running on ${dataDir}. Stop it first, then restore.`);
		throw e;
	}
	try {
		const incoming = path.join(dataDir, 'pglite.restoring');
		await rm(incoming, { recursive: true, force: true });
		// Starting it once checks that the copy is a working database before it replaces anything.
		const client = await PGlite.create(incoming, { loadDataDir: new Blob([bytes]) });
		await client.query('select 1');
		await client.close();
		const folder = path.join(dataDir, 'pglite');
		let keptAs: string | undefined;
		if (existsSync(folder)) {
			keptAs = `pglite.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
			await rename(folder, path.join(dataDir, keptAs));
		}
		await rename(incoming, folder);
		return keptAs;
	} finally {
		await release();
	}
}

/** The connection for pg_dump and pg_restore; the password goes in the environment, not on the command line others can see. */
function libpq(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
	const parsed = new URL(url);
	const password = decodeURIComponent(parsed.password);
	parsed.password = '';
	return { dbname: parsed.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

function run(tool: 'pg_dump' | 'pg_restore', args: string[], env: NodeJS.ProcessEnv): Promise<void> {
	return new Promise((resolve, reject) => {
		const child = spawn(tool, args, { env, stdio: ['ignore', 'inherit', 'inherit'] });
		child.on('error', (e: NodeJS.ErrnoException) =>
			reject(
				e.code === 'ENOENT'
					? new BackupError(
							`${tool} is not installed. Install the PostgreSQL client tools of your server's version (Debian, Ubuntu: apt install postgresql-client), or use your database host's own backups.`
						)
					: e
			)
		);
		child.on('exit', (code) => (code === 0 ? resolve() : reject(new BackupError(`${tool} stopped with exit code ${code}; its message is above.`))));
	});
}

/** Back up a PostgreSQL database with pg_dump (custom format, for pg_restore). */
export async function backupPostgres(url: string, file: string): Promise<void> {
	const { dbname, env } = libpq(url);
	await rm(`${file}.partial`, { force: true });
	await run('pg_dump', ['--format=custom', `--file=${file}.partial`, `--dbname=${dbname}`], env);
	await rename(`${file}.partial`, file);
}

/** Restore a pg_dump backup into a PostgreSQL database, replacing the tables in it, in one transaction. */
export async function restorePostgres(url: string, file: string): Promise<void> {
	const bytes = await readFile(file).then((b) => b.subarray(0, 5));
	if (isGzip(bytes)) throw new BackupError(`${file} is a backup of the embedded database: restore it without DATABASE_URL, with DATA_DIR.`);
	if (!isPgDump(bytes)) throw new BackupError(`${file} is not a backup made by npm run backup.`);
	const { dbname, env } = libpq(url);
	await run('pg_restore', ['--clean', '--if-exists', '--no-owner', '--single-transaction', '--exit-on-error', `--dbname=${dbname}`, file], env);
}
