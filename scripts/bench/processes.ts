// Child processes and temp folders of a bench run, and cleaning them up on any exit.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
export { freePort } from '../free-port.ts';
import { tmpdir } from 'node:os';
import path from 'node:path';

const cleanups = new Set<() => Promise<void>>();

/** Run `fn` when the run ends, also on an error or Ctrl-C; returns a function that runs it now. */
export function onCleanup(fn: () => Promise<void>): () => Promise<void> {
	let done = false;
	const once = async () => {
		if (done) return;
		done = true;
		cleanups.delete(once);
		await fn();
	};
	cleanups.add(once);
	return once;
}

export async function cleanupAll(): Promise<void> {
	for (const fn of [...cleanups].reverse()) await fn().catch((e) => console.error('cleanup failed:', (e as Error).message));
}

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.on(signal, () => {
		if (interrupted) return;
		interrupted = true;
		console.error(`\n${signal}: stopping the servers and removing temp folders…`);
		cleanupAll().finally(() => process.exit(130));
	});
}

export function tempDir(prefix: string): string {
	const dir = mkdtempSync(path.join(tmpdir(), prefix));
	onCleanup(async () => rmSync(dir, { recursive: true, force: true }));
	return dir;
}

/** Resident memory of a process in MB (VmRSS) and its peak so far (VmHWM). */
export function memoryOf(pid: number): { rssMb: number; peakMb: number } {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
	return { rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) };
}

export interface Child {
	process: ChildProcess;
	pid: number;
	stop(): Promise<void>;
}

/** Start a Node 24 process; it is stopped (TERM, then KILL after 10 s) at cleanup. */
export function startNode(args: string[], env: Record<string, string>, quiet = true): Child {
	const child = spawn(process.execPath, args, {
		env: { ...process.env, ...env },
		stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'pipe']
	});
	let stderr = '';
	child.stderr!.on('data', (chunk: Buffer) => {
		stderr = (stderr + chunk.toString()).slice(-4000);
	});
	child.on('exit', (code) => {
		if (code && code !== 0 && !stopping) console.error(`process ${args.join(' ')} exited with ${code}:\n${stderr}`);
	});
	let stopping = false;
	const stop = onCleanup(async () => {
		stopping = true;
		if (child.exitCode !== null || child.signalCode !== null) return;
		const exited = new Promise((r) => child.once('exit', r));
		child.kill('SIGTERM');
		const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
		await exited;
		clearTimeout(timer);
	});
	return { process: child, pid: child.pid!, stop };
}

/** Poll `url` until it answers 200; returns the ms since `since`. */
export async function waitFor200(url: string, child: Child, since: number, timeoutMs = 120_000): Promise<number> {
	for (;;) {
		if (child.process.exitCode !== null) throw new Error(`the process for ${url} exited with code ${child.process.exitCode}`);
		try {
			const res = await fetch(url);
			await res.arrayBuffer();
			if (res.status === 200) return Math.round(performance.now() - since);
		} catch {
			/* not listening yet */
		}
		if (performance.now() - since > timeoutMs) throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000} s`);
		await new Promise((r) => setTimeout(r, 25));
	}
}
