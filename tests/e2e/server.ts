import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { freePort } from '../../scripts/free-port.ts';
import { serverNodeFlags } from '../../scripts/node-flags.ts';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface RunningApp {
	baseURL: string;
	port: number;
	dataDir: string;
	stop(): Promise<void>;
	/** kill -9: no shutdown, nothing flushed or closed. A data folder passed in DATA_DIR stays for the next start. */
	crash(): Promise<void>;
}

/**
 * Start the built app with `node scripts/start.js` (as an operator would) on a
 * free port with its own fresh data folder, for tests that need their own
 * server: other settings, or their own rate-limit counts.
 */
export async function startApp(env: Record<string, string> = {}, options: { healthyWithinMs?: number } = {}): Promise<RunningApp> {
	const port = await freePort();
	const dataDir = mkdtempSync(path.join(tmpdir(), 'hp-e2e-'));
	const baseURL = `http://127.0.0.1:${port}`;
	// `{baseURL}` in a value stands for the address the app gets (e.g. ORIGIN).
	const own = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v.replaceAll('{baseURL}', baseURL)]));
	const server: ChildProcess = spawn(process.execPath, [...serverNodeFlags, 'scripts/start.js'], {
		env: { ...process.env, TRUST_PROXY: '', ORIGIN: '', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn', ...own },
		stdio: ['ignore', 'inherit', 'inherit']
	});
	const end = (signal: NodeJS.Signals) => async () => {
		if (server.exitCode === null && server.signalCode === null) {
			server.kill(signal);
			await new Promise((r) => server.once('exit', r));
		}
		rmSync(dataDir, { recursive: true, force: true });
	};
	const stop = end('SIGTERM');
	try {
		await waitUntilHealthy(baseURL, server, options.healthyWithinMs ?? 180_000);
	} catch (e) {
		await stop();
		throw e;
	}
	return { baseURL, port, dataDir, stop, crash: end('SIGKILL') };
}

async function waitUntilHealthy(baseURL: string, server: ChildProcess, withinMs: number): Promise<void> {
	const deadline = Date.now() + withinMs;
	for (;;) {
		if (server.exitCode !== null) throw new Error(`the app exited with code ${server.exitCode}`);
		try {
			if ((await fetch(`${baseURL}/healthz`)).ok) return;
		} catch {
			/* not listening yet */
		}
		if (Date.now() > deadline) throw new Error(`the app did not become healthy within ${withinMs / 1000} s`);
		await new Promise((r) => setTimeout(r, 200));
	}
}
