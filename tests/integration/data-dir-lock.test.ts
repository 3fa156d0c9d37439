import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '#lib/server/db/index.ts';
import { DataDirInUse } from '#lib/server/db/lock.ts';

/** A process that opens the data folder, as the app does; resolves once it has it. */
async function holder(dir: string): Promise<ChildProcess> {
	const child = spawn(process.execPath, ['tests/helpers/hold-data-dir.ts', dir], { stdio: ['ignore', 'pipe', 'inherit'] });
	await new Promise<void>((resolve, reject) => {
		child.once('exit', (code) => reject(new Error(`holder exited with ${code}`)));
		createInterface({ input: child.stdout! }).on('line', (line) => line === 'ready' && resolve());
	});
	child.removeAllListeners('exit');
	return child;
}

function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	child.kill(signal);
	return exited;
}

// The lock only exists for the embedded database: PostgreSQL has its own.
describe('the lock on the embedded database folder', () => {
	let dir: string;
	const children: ChildProcess[] = [];
	// One folder for all: making a new database is the slow part of opening one.
	beforeAll(async () => {
		dir = await mkdtemp(path.join(tmpdir(), 'hp-lock-'));
	});
	afterEach(() => Promise.all(children.splice(0).map((c) => stop(c, 'SIGKILL'))));
	afterAll(() => rm(dir, { recursive: true, force: true }));

	it('does not keep the app from starting when the lock file names a live process that is not the app', async () => {
		// After kill -9 the old lock file kept the dead app's process id; in a container that id is soon another process's.
		const unrelated = spawn(process.execPath, ['-e', 'setInterval(() => {}, 60000)'], { stdio: 'ignore' });
		children.push(unrelated);
		await writeFile(path.join(dir, 'herstelplein.lock'), String(unrelated.pid));
		const database = await openDatabase({ dataDir: dir });
		await database.close();
	}, 60_000);

	it('is let go by a process killed with kill -9: the next start needs no cleaning up', async () => {
		const first = await holder(dir);
		children.push(first);
		await stop(first, 'SIGKILL');
		const database = await openDatabase({ dataDir: dir });
		await database.close();
	}, 60_000);

	it('refuses a second process while the first still runs, and the first keeps its database', async () => {
		const running = await holder(dir);
		children.push(running);
		const second = openDatabase({ dataDir: dir });
		await expect(second).rejects.toThrow(DataDirInUse);
		await expect(second).rejects.toThrow(`in use by another running process (process ${running.pid})`);
		// Also in this same process, a second open of the folder is refused.
		await stop(running, 'SIGTERM');
		const database = await openDatabase({ dataDir: dir });
		await expect(openDatabase({ dataDir: dir })).rejects.toThrow(DataDirInUse);
		await database.close();
	}, 60_000);
});
