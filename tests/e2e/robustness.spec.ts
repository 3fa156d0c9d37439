import { expect, test } from './fixtures.ts';
import { newPerson } from './helpers.ts';

/** Requests a browser would never send, or a person could mistype: always a 4xx with a Dutch page, never a 500. */
test.describe('bad requests', () => {
	test('malformed addresses and ids give a 404 or 400, never a 500', async ({ request }) => {
		const cases: Array<[string, number]> = [
			['/bestaat-niet', 404],
			['/%E0%A4%A', 400],
			['/initiatieven/Geen%20Slug!', 404],
			// Signed out: first sign in, whether the initiative exists or not.
			['/initiatieven/bestaat-niet/leden', 303],
			['/initiatieven/bestaat-niet/uitnodigen', 303],
			[`/uitnodiging/${'a'.repeat(3000)}`, 200],
			['/initiatieven?pagina=-5', 200],
			['/initiatieven?pagina=999999999999999999999', 200],
			['/inloggen/link?token=', 200],
			// A NUL is in no address of ours (hooks.ts).
			['/wachtwoord-herstellen?token=%00', 404]
		];
		for (const [path, status] of cases) {
			const response = await request.get(path, { headers: { accept: 'text/html' }, maxRedirects: 0 });
			expect(response.status(), path).toBe(status);
			if (status >= 400) expect(await response.text(), path).toMatch(/lang="nl"/);
		}
	});

	test('broken form bodies to member pages give a 400, never a 500', async ({ request, baseURL }) => {
		const origin = { origin: baseURL!, accept: 'text/html' };
		const targets = ['/initiatieven/nieuw', '/beheer?/status', '/initiatieven/de-kroon/leden?/verwijderen', '/uitnodiging/abc?/aanmelden'];
		for (const path of targets) {
			const multipart = await request.post(path, { headers: { ...origin, 'content-type': 'multipart/form-data; boundary=x' }, data: 'rommel', maxRedirects: 0 });
			expect(multipart.status(), path).toBeLessThan(500);
			expect(multipart.status(), path).toBeGreaterThanOrEqual(300);
			const plain = await request.post(path, { headers: { ...origin, 'content-type': 'application/x-www-form-urlencoded' }, data: '%%%', maxRedirects: 0 });
			expect(plain.status(), path).toBeLessThan(500);
		}
	});

	test('a double submit with a made-up invite makes no account', async ({ page, request, baseURL }) => {
		// A made-up invite: both posts get the clear "unknown invite" answer and no account is made.
		const person = newPerson('Dubbel');
		const form = { name: person.name, email: person.email, password: person.password };
		const [a, b] = await Promise.all([
			request.post('/uitnodiging/verzonnen?/aanmelden', { headers: { origin: baseURL!, accept: 'text/html' }, form }),
			request.post('/uitnodiging/verzonnen?/aanmelden', { headers: { origin: baseURL!, accept: 'text/html' }, form })
		]);
		expect([a.status(), b.status()]).toEqual([400, 400]);
		await page.goto('/inloggen');
		const signIn = page.locator('form[action="?/wachtwoord"]');
		await signIn.getByLabel('E-mailadres').fill(person.email);
		await signIn.getByLabel('Wachtwoord').fill(person.password);
		await signIn.getByRole('button', { name: 'Inloggen' }).click();
		await expect(page.getByText('Dit e-mailadres en wachtwoord horen niet bij elkaar.')).toBeVisible();
	});
});

test('every page is sent with strict security headers and a nonce-based Content-Security-Policy', async ({ request }) => {
	for (const path of ['/', '/hulp', '/inloggen', '/initiatieven', '/initiatieven/kaart', '/bestaat-niet']) {
		const response = await request.get(path);
		const headers = response.headers();
		// Pages send no script (csr = false); where one does (the map), only with the page's nonce.
		expect(headers['content-security-policy'], path).toMatch(/script-src 'self'( 'nonce-[^']+')?(;|$)/);
		expect(headers['content-security-policy'], path).not.toContain('unsafe-inline');
		expect(headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
		expect(headers['content-security-policy'], path).toContain("default-src 'self'");
		expect(headers['referrer-policy'], path).toBe('same-origin');
		expect(headers['x-content-type-options'], path).toBe('nosniff');
		expect(headers['x-request-id'], path).toMatch(/^[0-9a-f-]{36}$/);
	}
});

test('static files (favicon, /_app/immutable/…) carry the same security headers as pages', async ({ request }) => {
	const page = await (await request.get('/')).text();
	const asset = /\/_app\/immutable\/[^"'\s]+/.exec(page)?.[0];
	expect(asset, 'the home page links a built file').toBeDefined();
	for (const path of ['/favicon.svg', asset!]) {
		const response = await request.get(path);
		expect(response.status(), path).toBe(200);
		const headers = response.headers();
		expect(headers['x-content-type-options'], path).toBe('nosniff');
		expect(headers['referrer-policy'], path).toBe('same-origin');
		// Plain http on the machine itself: no HSTS (that comes over https, see proxy.spec.ts).
		expect(headers['strict-transport-security'], path).toBeUndefined();
	}
});
