import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/server/db/index.ts';
import { contentChanged, pageCacheHandle, rememberForVersion, startPageCache, stopPageCache } from '#lib/server/pagecache/index.ts';
import { raiseVersion, readVersion, watchVersion } from '#lib/server/pagecache/version.ts';
import { databases } from '../helpers/databases.ts';

/** Ask the hook for `path` as SvelteKit would; `render` stands in for the app. */
async function ask(path: string, render: () => Response | Promise<Response>, options: { headers?: Record<string, string>; method?: string; signedIn?: boolean } = {}) {
	const url = new URL(`http://localhost${path}`);
	const request = new Request(url, { method: options.method ?? 'GET', headers: options.headers });
	let rendered = 0;
	const locals: Record<string, unknown> = {};
	const response = await pageCacheHandle({
		event: { request, url, locals } as never,
		resolve: (async () => {
			rendered++;
			if (options.signedIn) locals.viewer = { id: 'someone' };
			return render();
		}) as never
	});
	return { response, rendered, text: await response.text() };
}

const page = (text: string, headers: Record<string, string> = {}) => () => new Response(text, { headers: { 'content-type': 'text/html', ...headers } });

/** Ask for `path` twice, the app answering "een" and then "twee": "een" the second time means the page was kept. */
async function askedTwice(path: string) {
	await ask(path, page('een'));
	return (await ask(path, page('twee'))).text;
}

const waitFor = async (check: () => boolean, ms: number) => {
	const until = Date.now() + ms;
	while (!check() && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
	return check();
};

for (const target of databases) {
	describe.skipIf(target.skip)(`page cache on ${target.name}`, () => {
		let database: Database & { drop(): Promise<void> };

		beforeAll(async () => {
			database = await target.open();
			await startPageCache(database, { megabytes: 1, pollMs: 100 });
		});
		afterAll(async () => {
			await stopPageCache();
			await database?.drop();
		});

		it('raises one version in the database, from 0', async () => {
			const before = await readVersion(database.db);
			expect(await raiseVersion(database.db)).toBe(before + 1);
			expect(await readVersion(database.db)).toBe(before + 1);
		});

		it('serves a public page again until something changes, then renders it anew', async () => {
			const first = await ask('/initiatieven?q=wandelen', page('een'));
			expect([first.rendered, first.text]).toEqual([1, 'een']);
			const again = await ask('/initiatieven?q=wandelen', page('twee'));
			expect([again.rendered, again.text]).toEqual([0, 'een']);
			expect(again.response.headers.get('x-frame-options')).toBe('DENY');

			await contentChanged();
			const after = await ask('/initiatieven?q=wandelen', page('twee'));
			expect([after.rendered, after.text]).toEqual([1, 'twee']);
		});

		it('keys by path, query and language', async () => {
			await ask('/verhalen', page('nl'));
			expect((await ask('/en/verhalen', page('en'))).text).toBe('en');
			expect((await ask('/verhalen?pagina=2', page('twee'))).text).toBe('twee');
			expect((await ask('/verhalen', page('x'))).text).toBe('nl');
		});

		it('raises the version after every write request that was not refused, before its answer', async () => {
			const before = await readVersion(database.db);
			await ask('/initiatieven/de-kroon/activiteiten/nieuw', () => new Response(null, { status: 303, headers: { location: '/' } }), { method: 'POST' });
			expect(await readVersion(database.db)).toBe(before + 1);
			await ask('/inloggen', () => new Response('nee', { status: 400 }), { method: 'POST' });
			expect(await readVersion(database.db)).toBe(before + 1);
		});

		it('never serves or keeps a page for a cookie, a signed-in viewer, a cookie being set or a private page', async () => {
			await ask('/cijfers', page('openbaar'));
			const withCookie = await ask('/cijfers', page('met cookie'), { headers: { cookie: 'melding=signed_up' } });
			expect([withCookie.rendered, withCookie.text]).toEqual([1, 'met cookie']);

			await ask('/activiteiten', page('voor Anna'), { signedIn: true });
			expect((await ask('/activiteiten', page('voor iedereen'))).text).toBe('voor iedereen');

			await ask('/verhalen.atom', page('met cookie', { 'set-cookie': 'melding=x' }));
			expect((await ask('/verhalen.atom', page('zonder'))).rendered).toBe(1);

			await ask('/expertisepool', page('privé', { 'cache-control': 'private, no-store' }));
			expect((await ask('/expertisepool', page('openbaar'))).rendered).toBe(1);

			await ask('/', () => new Response('weg', { status: 404 }));
			expect((await ask('/', page('thuis'))).rendered).toBe(1);
		});

		it('keeps only public pages', async () => {
			for (const path of ['/account', '/initiatieven/nieuw', '/berichten', '/agenda/geheim.ics', '/initiatieven/de-kroon/leden', '/verhalen/mijn', '/herstelruimte/link/geheim', '/herstelruimte/gedeeld/5f0c1c64-1f3b-4d0e-9a53-5a1f3e0b7c21']) {
				await ask(path, page('een'));
				expect((await ask(path, page('twee'))).rendered, path).toBe(1);
			}
		});

		it('keeps the help pages and the blank herstelruimte on paper, the same for every visitor', async () => {
			for (const path of ['/hulp', '/en/hoe-werkt-het', '/hoe-werkt-het/coordinatoren', '/toegankelijkheid', '/herstelruimte/op-papier']) {
				expect(await askedTwice(path), path).toBe('een');
			}
		});

		it('keeps the search for an initiative to refer someone to (the directory\'s search, for a professional)', async () => {
			for (const path of ['/doorverwijzen', '/doorverwijzen?plaats=Zwolle&thema=wandelen', '/en/doorverwijzen?plaats=Zwolle']) {
				expect(await askedTwice(path), path).toBe('een');
			}
		});

		it('answers a matching If-None-Match with 304 and no body', async () => {
			const first = await ask('/initiatieven/de-kroon', page('De Kroon'));
			const etag = first.response.headers.get('etag');
			expect(etag).toBeTruthy();
			const second = await ask('/initiatieven/de-kroon', page('x'), { headers: { 'if-none-match': etag! } });
			expect([second.response.status, second.text, second.response.headers.get('etag')]).toEqual([304, '', etag]);
			await contentChanged();
			const third = await ask('/initiatieven/de-kroon', page('De Kroon, nieuw'), { headers: { 'if-none-match': etag! } });
			expect([third.response.status, third.text]).toEqual([200, 'De Kroon, nieuw']);
		});

		it('keeps no page that was rendered while a write committed', async () => {
			await ask('/activiteiten.ics', async () => {
				await contentChanged();
				return new Response('oud');
			});
			expect((await ask('/activiteiten.ics', page('nieuw'))).text).toBe('nieuw');
		});

		it('remembers a looked-up value (a session\'s viewer) until the next write, then looks again', async () => {
			let lookups = 0;
			const viewer = () => rememberForVersion('viewer:herstelplein.session_token=abc', async () => ({ name: `Anna ${++lookups}` }));
			expect(await viewer()).toEqual({ name: 'Anna 1' });
			expect(await viewer()).toEqual({ name: 'Anna 1' });
			await contentChanged(); // e.g. signing out
			expect(await viewer()).toEqual({ name: 'Anna 2' });
			expect(await rememberForVersion('viewer:herstelplein.session_token=def', async () => null)).toBeNull();
		});

		it.skipIf(target.name !== 'postgres')('hears a raise by another process at once, and a lost notification within the poll', async () => {
			const other = await watchVersion(database, { pollMs: 100 });
			const mine = await watchVersion(database, { pollMs: 60_000 });
			try {
				await other.raise();
				expect(await waitFor(() => mine.current() === other.current(), 500)).toBe(true);
				// A raise without a notification (as if it got lost): the look at the row finds it.
				await database.db.execute(sql`update content_version set version = version + 1 where id = 1`);
				expect(await waitFor(() => other.current() === mine.current() + 1, 1000)).toBe(true);
			} finally {
				await other.stop();
				await mine.stop();
			}
		});
	});
}
