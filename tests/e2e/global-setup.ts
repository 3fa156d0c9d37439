import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

/**
 * Start the built app (`vite build` ran before) on a free port with a fresh
 * data folder. Browser tests always run against PGlite, the default a new user
 * gets; the same services are tested on PostgreSQL by the integration tests.
 */
export default async function globalSetup() {
	const port = await freePort();
	const dataDir = mkdtempSync(path.join(tmpdir(), 'hp-e2e-'));
	const baseURL = `http://127.0.0.1:${port}`;
	const server = spawn(process.execPath, ['scripts/start.js'], {
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' },
		stdio: ['ignore', 'inherit', 'inherit']
	});
	const deadline = Date.now() + 60_000;
	for (;;) {
		if (server.exitCode !== null) throw new Error(`the app exited with code ${server.exitCode}`);
		try {
			if ((await fetch(`${baseURL}/healthz`)).ok) break;
		} catch {
			/* not listening yet */
		}
		if (Date.now() > deadline) throw new Error('the app did not become healthy within 60 s');
		await new Promise((r) => setTimeout(r, 200));
	}
	process.env.BASE_URL = baseURL;
	process.env.E2E_DATA_DIR = dataDir;
	return async () => {
		server.kill('SIGTERM');
		await new Promise((r) => server.once('exit', r));
		rmSync(dataDir, { recursive: true, force: true });
	};
}
