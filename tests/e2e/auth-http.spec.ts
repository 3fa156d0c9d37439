import { expect, request as requests, test } from '@playwright/test';
import type { APIRequestContext } from '@playwright/test';
import { startApp, type RunningApp } from './server.ts';

/*
 * The auth routes as a browser without JavaScript (or an attacker) talks to
 * them: raw form posts. Own server, so these requests have their own rate-limit
 * counts.
 */

let app: RunningApp;
test.beforeAll(async () => {
	app = await startApp();
});
test.afterAll(async () => app?.stop());

const PASSWORD = 'een lange zin als wachtwoord';

/** Post like a browser without JavaScript: accepts HTML, follows no redirect. */
function post(request: APIRequestContext, path: string, body: Record<string, string> | { raw: Buffer | string; type?: string }, origin = app.baseURL) {
	const headers: Record<string, string> = { origin, accept: 'text/html' };
	if ('raw' in body) {
		if (body.type) headers['content-type'] = body.type;
		return request.post(app.baseURL + path, { headers, data: body.raw, maxRedirects: 0 });
	}
	return request.post(app.baseURL + path, { headers, form: body, maxRedirects: 0 });
}

/** The visible text of the main content of an HTML page (scripts and nonces left out). */
function mainText(html: string): string {
	const main = /<main[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? '';
	return main
		.replace(/<script[\s\S]*?<\/script>/g, '')
		.replace(/<[^>]+>/g, ' ')
		.replace(/&amp;/g, '&')
		.replace(/\s+/g, ' ')
		.trim();
}

/** Make an account from a browser of its own, so the test's own requests stay signed out. */
async function signUp(_: APIRequestContext, email: string) {
	const other = await requests.newContext();
	const response = await post(other, '/aanmelden', { name: 'Sam', email, password: PASSWORD, next: '/' });
	expect(response.status()).toBe(303);
	await other.dispose();
}

test.describe('cross-site requests', () => {
	test('a form posted from another site is refused with 403; the same form from our own site works', async ({ request }) => {
		await signUp(request, 'csrf@voorbeeld.nl');
		const form = { email: 'csrf@voorbeeld.nl', password: PASSWORD, next: '/' };
		const cross = await post(request, '/inloggen?/wachtwoord', form, 'https://kwaadwillend.example');
		expect(cross.status()).toBe(403);
		expect(cross.headers()['set-cookie'] ?? '').not.toContain('session_token');

		const same = await post(request, '/inloggen?/wachtwoord', form);
		expect(same.status()).toBe(303);
		expect(same.headers()['set-cookie']).toContain('herstelplein.session_token=');
	});

	test('other sites cannot post the sign-up, reset or sign-out forms either', async ({ request }) => {
		for (const path of ['/aanmelden', '/inloggen?/link', '/wachtwoord-vergeten', '/wachtwoord-herstellen', '/inloggen/link', '/uitloggen']) {
			const response = await post(request, path, { email: 'iemand@voorbeeld.nl' }, 'https://kwaadwillend.example');
			expect(response.status(), path).toBe(403);
		}
	});
});

test.describe('what a response reveals', () => {
	for (const [path, name] of [
		['/inloggen?/link', 'a sign-in link'],
		['/wachtwoord-vergeten', 'a new password']
	] as const) {
		test(`asking for ${name} looks the same for an address with and without an account`, async ({ request }) => {
			const known = `bekend-${path.length}@voorbeeld.nl`;
			const unknown = `onbekend-${path.length}@voorbeeld.nl`;
			await signUp(request, known);
			const a = await post(request, path, { email: known });
			const b = await post(request, path, { email: unknown });
			expect(a.status()).toBe(200);
			expect(b.status()).toBe(a.status());
			const textA = mainText(await a.text()).replaceAll(known, 'ADRES');
			const textB = mainText(await b.text()).replaceAll(unknown, 'ADRES');
			expect(textA).toContain('Als er een account is met dit e-mailadres');
			expect(textB).toBe(textA);
		});
	}

	test('a wrong password and an unknown address give the same sign-in error', async ({ request }) => {
		await signUp(request, 'zelfde@voorbeeld.nl');
		const wrong = await post(request, '/inloggen?/wachtwoord', { email: 'zelfde@voorbeeld.nl', password: 'niet dit wachtwoord' });
		const unknown = await post(request, '/inloggen?/wachtwoord', { email: 'niemand@voorbeeld.nl', password: 'niet dit wachtwoord' });
		expect(wrong.status()).toBe(400);
		expect(unknown.status()).toBe(400);
		const textWrong = mainText(await wrong.text()).replace('zelfde@', 'X@');
		expect(textWrong).toContain('Dit e-mailadres en wachtwoord horen niet bij elkaar');
		expect(mainText(await unknown.text()).replace('niemand@', 'X@')).toBe(textWrong);
	});
});

test.describe('links that do not work (any more)', () => {
	test('a forged sign-in link sends the person to the sign-in page with a clear message', async ({ request }) => {
		for (const token of ['bedacht', 'x'.repeat(600), '']) {
			const response = await post(request, '/inloggen/link', { token });
			expect(response.status()).toBe(303);
			expect(response.headers().location).toBe('/inloggen?link-ongeldig');
		}
		const page = await request.get(`${app.baseURL}/inloggen?link-ongeldig`);
		expect(page.status()).toBe(200);
		expect(mainText(await page.text())).toContain('Deze link werkt niet meer');
		const en = await request.get(`${app.baseURL}/en/inloggen/link?token=bedacht`);
		expect(en.status()).toBe(200);
	});

	test('a forged password reset link gives a clear message and a way to ask for a new one', async ({ request }) => {
		const response = await post(request, '/wachtwoord-herstellen', { token: 'bedacht', password: 'een nieuw wachtwoord' });
		expect(response.status()).toBe(400);
		const html = await response.text();
		expect(mainText(html)).toContain('Deze link werkt niet meer');
		expect(html).toContain('href="/wachtwoord-vergeten"');
		const missing = await post(request, '/wachtwoord-herstellen', { password: 'een nieuw wachtwoord' });
		expect(missing.status()).toBe(400);
		expect(mainText(await missing.text())).toContain('Deze link werkt niet meer');
	});
});

test.describe('bad input', () => {
	const longEmail = `${'lang'.repeat(1500)}@voorbeeld.nl`;
	const forms: Array<[string, Record<string, string>]> = [
		['/aanmelden', { name: 'Sam', password: PASSWORD }],
		['/inloggen?/wachtwoord', { password: PASSWORD }],
		['/inloggen?/link', {}],
		['/wachtwoord-vergeten', {}]
	];

	for (const [path, rest] of forms) {
		test(`${path}: missing, long, odd or unicode input gives a 400 with a Dutch message and keeps the address`, async ({ request }) => {
			const cases: Array<[string, Record<string, string>, string | null]> = [
				['nothing', {}, null],
				['no address', { ...rest }, null],
				['empty address', { ...rest, email: '   ' }, null],
				['a very long address', { ...rest, email: longEmail }, longEmail],
				['unicode', { ...rest, email: 'jöran@exämple.nl', name: 'Jöran 🌱' }, 'jöran@exämple.nl'],
				['right-to-left and zero-width', { ...rest, email: '\u202Eadmin\u200B@voorbeeld.nl' }, null],
				['a NUL', { ...rest, email: 'a\u0000b@voorbeeld.nl', name: 'Sam\u0000' }, null],
				['a huge password', { ...rest, email: 'groot@voorbeeld', password: 'x'.repeat(100_000) }, 'groot@voorbeeld'],
				['markup', { ...rest, email: '"><script>alert(1)</script>' }, null]
			];
			for (const [what, form, kept] of cases) {
				const response = await post(request, path, form);
				expect(response.status(), `${path} with ${what}`).toBe(400);
				const html = await response.text();
				expect(html, `${path} with ${what}`).toContain('Kijk nog even naar dit:');
				expect(html).not.toContain('<script>alert(1)</script>');
				if (kept) expect(html, `${path} keeps the address typed (${what})`).toContain(`value="${kept}"`);
				expect(html).not.toContain('x'.repeat(1000));
			}
		});

		test(`${path}: a body that is not a form gives a 4xx, never a 500`, async ({ request }) => {
			const bodies: Array<[string, { raw: string | Buffer; type?: string }]> = [
				['JSON', { raw: '{"email":"a@b.nl"}', type: 'application/json' }],
				['plain text', { raw: 'email=a@b.nl', type: 'text/plain' }],
				['multipart garbage', { raw: '--xyz\r\ngarbage', type: 'multipart/form-data; boundary=xyz' }],
				['multipart without boundary', { raw: 'garbage', type: 'multipart/form-data' }],
				['random bytes', { raw: Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 7919) % 256)), type: 'application/x-www-form-urlencoded' }],
				['broken percent-encoding', { raw: 'email=%E0%A4%A&name=%', type: 'application/x-www-form-urlencoded' }],
				['no content type', { raw: '' }],
				['a body larger than the limit', { raw: `email=${'a'.repeat(1_000_000)}`, type: 'application/x-www-form-urlencoded' }]
			];
			for (const [what, body] of bodies) {
				const response = await post(request, path, body);
				expect(response.status(), `${path} with ${what}`).toBeGreaterThanOrEqual(400);
				expect(response.status(), `${path} with ${what}`).toBeLessThan(500);
			}
			const unreadable = await post(request, path, bodies[2][1]);
			expect(mainText(await unreadable.text())).toContain('We konden het formulier niet lezen');
		});
	}

	test('the sign-in link and sign-out forms survive bad bodies too', async ({ request }) => {
		for (const path of ['/inloggen/link', '/uitloggen', '/wachtwoord-herstellen']) {
			for (const type of ['multipart/form-data; boundary=xyz', 'text/plain', 'application/json']) {
				const response = await post(request, path, { raw: '--xyz\r\ngarbage', type });
				expect(response.status(), `${path} with ${type}`).toBeLessThan(500);
			}
		}
	});

	test('too many requests get a 429 with a Dutch message, and keep the address', async ({ request }) => {
		const email = 'vaak@voorbeeld.nl';
		for (let i = 0; i < 3; i++) expect((await post(request, '/wachtwoord-vergeten', { email })).status()).toBe(200);
		const limited = await post(request, '/wachtwoord-vergeten', { email });
		expect(limited.status()).toBe(429);
		const html = await limited.text();
		expect(mainText(html)).toContain('Je hebt het vaak achter elkaar geprobeerd');
		expect(html).toContain(`value="${email}"`);
	});
});
