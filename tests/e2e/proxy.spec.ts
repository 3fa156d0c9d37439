import { readdirSync } from 'node:fs';
import http from 'node:http';
import { expect, test } from '@playwright/test';
import { startApp, type RunningApp } from './server.ts';

/*
 * Behind a TLS proxy (nginx, Caddy) the app sees plain http from the proxy.
 * Our server (scripts/start.js) only believes the proxy's X-Forwarded-* headers
 * with TRUST_PROXY=1 (or takes the address from ORIGIN), so form posts from
 * https://example.org pass the CSRF check there and nowhere else.
 */

interface Reply {
	status: number;
	headers: http.IncomingHttpHeaders;
}

/** A raw request: fetch cannot set Host, a proxy does. */
function send(port: number, path: string, headers: Record<string, string>, body = '', method = 'POST'): Promise<Reply> {
	return new Promise((resolve, reject) => {
		const req = http.request(
			{ host: '127.0.0.1', port, method, path, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } },
			(res) => {
				res.resume();
				res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
			}
		);
		req.on('error', reject);
		req.end(body);
	});
}

const viaProxy = {
	origin: 'https://example.org',
	host: 'example.org',
	'x-forwarded-proto': 'https',
	'x-forwarded-host': 'example.org',
	'x-forwarded-for': '203.0.113.7',
	'content-type': 'application/x-www-form-urlencoded',
	accept: 'text/html'
};
const signUp = new URLSearchParams({ name: 'Sam', email: 'proxy@voorbeeld.nl', password: 'een lange zin als wachtwoord', next: '/' }).toString();
const signIn = new URLSearchParams({ email: 'proxy@voorbeeld.nl', password: 'een lange zin als wachtwoord', next: '/' }).toString();

test.describe('behind a TLS proxy, with TRUST_PROXY=1', () => {
	let app: RunningApp;
	test.beforeAll(async () => {
		app = await startApp({ TRUST_PROXY: '1' });
	});
	test.afterAll(async () => app?.stop());

	test('a form posted over https through the proxy is accepted, with a Secure session cookie', async () => {
		const created = await send(app.port, '/aanmelden', viaProxy, signUp);
		expect(created.status).toBe(303);
		const response = await send(app.port, '/inloggen?/wachtwoord', viaProxy, signIn);
		expect(response.status).toBe(303);
		const cookie = (response.headers['set-cookie'] ?? []).find((c) => c.includes('session_token='));
		expect(cookie).toBeDefined();
		expect(cookie).toMatch(/;\s*Secure/i);
		expect(cookie).toMatch(/;\s*HttpOnly/i);
		expect(response.headers['strict-transport-security']).toBeDefined();
	});

	test('static files served over https through the proxy carry HSTS and nosniff too', async () => {
		// A built file from the production build the app runs.
		const asset = `/_app/immutable/assets/${readdirSync('build/client/_app/immutable/assets')[0]}`;
		for (const path of ['/favicon.svg', asset, '/']) {
			const response = await send(app.port, path, viaProxy, '', 'GET');
			expect(response.status, path).toBe(200);
			expect(response.headers['strict-transport-security'], path).toMatch(/max-age=\d+/);
			expect(response.headers['x-content-type-options'], path).toBe('nosniff');
		}
	});

	test('a wrong password through the proxy is a normal form error, not a 403', async () => {
		const response = await send(app.port, '/inloggen?/wachtwoord', viaProxy, 'email=a%40b.nl&password=verkeerd');
		expect(response.status).toBe(400);
	});

	test('another site is still refused', async () => {
		const response = await send(app.port, '/inloggen?/wachtwoord', { ...viaProxy, origin: 'https://kwaadwillend.example' }, signIn);
		expect(response.status).toBe(403);
	});
});

test.describe('without TRUST_PROXY', () => {
	let app: RunningApp;
	test.beforeAll(async () => {
		app = await startApp();
	});
	test.afterAll(async () => app?.stop());

	test('the same request is refused: forwarded headers from anyone are not believed', async () => {
		const response = await send(app.port, '/inloggen?/wachtwoord', viaProxy, signIn);
		expect(response.status).toBe(403);
	});

	test('plain http on the machine itself works', async () => {
		const response = await send(
			app.port,
			'/inloggen?/wachtwoord',
			{ origin: app.baseURL, host: `127.0.0.1:${app.port}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
			'email=a%40b.nl&password=verkeerd'
		);
		expect(response.status).toBe(400);
	});
});

test.describe('with ORIGIN=https://example.org', () => {
	let app: RunningApp;
	test.beforeAll(async () => {
		app = await startApp({ ORIGIN: 'https://example.org' });
	});
	test.afterAll(async () => app?.stop());

	test('a form from that origin is accepted, one from another is refused', async () => {
		const { 'x-forwarded-proto': _p, 'x-forwarded-host': _h, ...plain } = viaProxy;
		expect((await send(app.port, '/inloggen?/wachtwoord', plain, 'email=a%40b.nl&password=verkeerd')).status).toBe(400);
		expect((await send(app.port, '/inloggen?/wachtwoord', { ...plain, origin: 'http://example.org' }, signIn)).status).toBe(403);
	});
});
