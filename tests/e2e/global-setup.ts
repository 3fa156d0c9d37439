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
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '', ORIGIN: baseURL, LOG_LEVEL: 'warn' },
		stdio: ['ignore', 'inherit', 'inherit']
	});
	const stop = async () => {
		if (server.exitCode === null) {
			server.kill('SIGTERM');
			await new Promise((r) => server.once('exit', r));
		}
		rmSync(dataDir, { recursive: true, force: true });
	};
	try {
		await waitUntilHealthy(baseURL, server);
		await makeAdmin(baseURL);
	} catch (e) {
		await stop();
		throw e;
	}
	process.env.BASE_URL = baseURL;
	process.env.E2E_DATA_DIR = dataDir;
	return stop;
}

async function waitUntilHealthy(baseURL: string, server: ReturnType<typeof spawn>) {
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
}

/**
 * The first account on a new installation becomes association admin: make it
 * here, so that the accounts the tests make are ordinary members.
 */
async function makeAdmin(baseURL: string) {
	const admin = { name: 'Beheer', email: 'beheer@herstelplein.test', password: 'beheer-wachtwoord-1' };
	const signUp = await fetch(`${baseURL}/aanmelden`, {
		method: 'POST',
		headers: { origin: baseURL, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ ...admin, next: '/' }),
		redirect: 'manual'
	});
	if (signUp.status !== 303) throw new Error(`could not make the admin account: ${signUp.status}`);
	process.env.E2E_ADMIN_EMAIL = admin.email;
	process.env.E2E_ADMIN_PASSWORD = admin.password;
}
