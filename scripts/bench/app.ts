// The production build as an operator starts it, and signing in through its real form.
import path from 'node:path';
import { serverNodeFlags } from '../node-flags.ts';
import { freePort, memoryOf, startNode, waitFor200, type Child } from './processes.ts';

/** Every app process of a run gets this public address, so form posts through the proxy pass the origin check. */
export const ORIGIN = 'http://herstelplein.bench';

export interface RunningApp extends Child {
	base: string;
	port: number;
	startMs: number;
	memory(): { rssMb: number; peakMb: number };
}

/** `own`: settings of this run only (`PAGE_CACHE_MB=0` for the uncached scale curve). */
export async function startApp(env: { DATA_DIR: string; DATABASE_URL?: string }, own: Record<string, string> = {}): Promise<RunningApp> {
	const port = await freePort();
	const base = `http://127.0.0.1:${port}`;
	const since = performance.now();
	// With the V8 flags of `npm start`, so the memory measured is the memory an operator gets.
	const child = startNode([...serverNodeFlags, path.resolve('scripts/start.js')], {
		PORT: String(port),
		HOST: '127.0.0.1',
		ORIGIN,
		TRUST_PROXY: '',
		LOG_LEVEL: 'warn',
		DEMO: '',
		DATABASE_URL: env.DATABASE_URL ?? '',
		DATA_DIR: env.DATA_DIR,
		...own
	});
	try {
		const startMs = await waitFor200(`${base}/healthz`, child, since);
		return { ...child, base, port, startMs, memory: () => memoryOf(child.pid) };
	} catch (e) {
		await child.stop();
		throw e;
	}
}

/** `name=value` pairs from a response's Set-Cookie headers. */
function cookiesOf(res: Response): Array<{ name: string; value: string }> {
	return res.headers.getSetCookie().map((c) => {
		const [pair] = c.split(';');
		const at = pair.indexOf('=');
		return { name: pair.slice(0, at), value: pair.slice(at + 1) };
	}).filter((c) => c.value);
}

/** Sign in with the real form (`/inloggen?/wachtwoord`); returns the session cookies. */
export async function signIn(base: string, email: string, password: string): Promise<Array<{ name: string; value: string }>> {
	const res = await fetch(`${base}/inloggen?/wachtwoord`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: ORIGIN, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ email, password, next: '/' })
	});
	await res.arrayBuffer();
	const cookies = cookiesOf(res);
	if (res.status !== 303 || !cookies.length) throw new Error(`signing in as ${email} failed: HTTP ${res.status}`);
	return cookies;
}

export const cookieHeader = (cookies: Array<{ name: string; value: string }>) => cookies.map((c) => `${c.name}=${c.value}`).join('; ');
