import { expect, request as requests, test, type APIRequestContext } from '@playwright/test';
import { freshPostgres } from '../helpers/databases.ts';
import { linkFromOutbox } from './outbox.ts';
import { startApp, type RunningApp } from './server.ts';

/*
 * Input an attacker sends (or a pasted text brings along), through real HTTP,
 * on both databases: a NUL where the database expects text, dates far out,
 * calendar files with garbage, redirect targets that lead elsewhere. Always a
 * 4xx with a message, never a 500; redirects stay on this site.
 */

const PASSWORD = 'een lange zin als wachtwoord';
const url = process.env.DATABASE_URL;

const databases = [
	{ name: 'PGlite', skip: false },
	{ name: 'PostgreSQL', skip: !url }
];

for (const database of databases) {
	test.describe(`hostile input on ${database.name}`, () => {
		test.skip(database.skip, 'DATABASE_URL is not set');
		let app: RunningApp;
		let postgres: Awaited<ReturnType<typeof freshPostgres>> | undefined;
		let coordinator: APIRequestContext;
		let slug: string;

		/** Post like a browser without JavaScript: accepts HTML, follows no redirect. */
		const post = (context: APIRequestContext, path: string, form: Record<string, string>) =>
			context.post(app.baseURL + path, { headers: { origin: app.baseURL, accept: 'text/html' }, form, maxRedirects: 0 });
		const get = (context: APIRequestContext, path: string) => context.get(app.baseURL + path, { headers: { accept: 'text/html' }, maxRedirects: 0 });

		test.beforeAll(async () => {
			if (database.name === 'PostgreSQL') postgres = await freshPostgres(url, 'hp_e2e');
			app = await startApp({ ORIGIN: '{baseURL}', ...(postgres ? { DATABASE_URL: postgres.url } : {}) });
			// The first account is the association's admin: its initiative is published at once.
			coordinator = await requests.newContext();
			expect((await post(coordinator, '/aanmelden', { name: 'Coördinator', email: 'coordinator@voorbeeld.nl', password: PASSWORD, next: '/' })).status()).toBe(303);
			// Starting an initiative needs a confirmed address: open the link from the welcome mail, signed in.
			const confirmed = await get(coordinator, await linkFromOutbox(app.dataDir, 'coordinator@voorbeeld.nl', '/e-mail-bevestigen'));
			expect(await confirmed.text()).toContain('Je e-mailadres is bevestigd');
			const made = await post(coordinator, '/initiatieven/nieuw', { name: 'Het Anker', town: 'Zwolle', slug: 'het-anker', description: '', joinPolicy: 'open' });
			expect(made.status()).toBe(303);
			slug = 'het-anker';
		});
		test.afterAll(async () => {
			await coordinator?.dispose();
			await app?.stop();
			await postgres?.drop();
		});

		test('a NUL in a token or a text field is refused with a message and a 400; what was typed stays', async () => {
			const reset = await post(coordinator, '/wachtwoord-herstellen', { token: 'a\u0000b', password: PASSWORD });
			expect(reset.status()).toBe(400);
			expect(await reset.text()).toContain('Hier staat een teken in dat we niet kunnen bewaren');

			const initiative = await post(coordinator, '/initiatieven/nieuw', { name: 'De\u0000Kroon', town: 'Zwolle Zuid', slug: '', description: 'Koffie', joinPolicy: 'open' });
			expect(initiative.status()).toBe(400);
			const html = await initiative.text();
			expect(html).toContain('Hier staat een teken in dat we niet kunnen bewaren');
			expect(html).toContain('value="Zwolle Zuid"');

			const contact = await post(coordinator, `/initiatieven/${slug}/contact`, { name: 'Sam', email: 'sam@voorbeeld.nl', message: 'Hallo daar\u0000, ik wil graag komen.' });
			expect(contact.status()).toBe(400);
			expect(await contact.text()).toContain('Hier staat een teken in dat we niet kunnen bewaren');
		});

		test('a title with a line break and calendar lines is refused; long text keeps its line breaks', async () => {
			const activity = {
				title: 'Wandelen\r\nBEGIN:VEVENT\r\nSUMMARY:Nep',
				description: 'Eerste regel\r\nTweede regel',
				kind: 'ontmoeting',
				date: '2030-03-05',
				startTime: '10:00',
				endTime: '12:00',
				repeat: 'once',
				place: 'Park',
				visibility: 'public'
			};
			const refused = await post(coordinator, `/initiatieven/${slug}/activiteiten/nieuw`, activity);
			expect(refused.status()).toBe(400);
			expect(await refused.text()).toContain('Hier staat een teken in dat we niet kunnen bewaren');
			const saved = await post(coordinator, `/initiatieven/${slug}/activiteiten/nieuw`, { ...activity, title: 'Wandelen' });
			expect(saved.status()).toBe(303);
			const feed = await (await coordinator.get(`${app.baseURL}/initiatieven/${slug}/activiteiten.ics`)).text();
			expect(feed.match(/^BEGIN:VEVENT/gm)).toHaveLength(1);
			expect(feed).toContain('DESCRIPTION:Eerste regel\\nTweede regel');
		});

		test('an address with a NUL is a 404 page, not an error', async () => {
			const anonymous = await requests.newContext();
			for (const path of ['/initiatieven/%00/activiteiten', '/initiatieven/%00', `/initiatieven/${slug}/activiteiten/%00`, '/uitnodiging/%00', '/agenda/%00.ics', '/account/e-mail/bevestigen?token=%00']) {
				for (const context of [anonymous, coordinator]) {
					const response = await get(context, path);
					expect(response.status(), path).toBe(404);
					expect(await response.text(), path).toMatch(/lang="nl"/);
				}
			}
			const action = await post(coordinator, '/initiatieven/%00/leden?/verwijderen', { userId: 'x' });
			expect(action.status()).toBe(404);
			await anonymous.dispose();
		});

		test('a date far ahead in the address gives a page, not an error', async () => {
			const start = '2200-12-28';
			const series = { title: 'Elke week', description: '', kind: 'ontmoeting', date: start, startTime: '10:00', endTime: '11:00', repeat: 'weekly', ends: 'never', place: 'Park', visibility: 'members' };
			expect((await post(coordinator, `/initiatieven/${slug}/activiteiten/nieuw`, series)).status()).toBe(303);
			for (const query of ['vanaf=2200-12-31', 'vanaf=2200-12-01', 'vanaf=9999-01-01']) {
				const response = await get(coordinator, `/initiatieven/${slug}/activiteiten?${query}`);
				expect(response.status(), query).toBe(200);
			}
			expect((await get(coordinator, `/initiatieven/${slug}/activiteiten/opkomst?maand=2200-12`)).status()).toBe(200);
			expect((await get(coordinator, '/activiteiten?datum=2200-12-31&weergave=maand')).status()).toBe(200);
		});

		test('a calendar file with a date that is no date shows that line as a mistake', async () => {
			const ics = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', 'UID:kapot-1', 'SUMMARY:Kapotte datum', 'DTSTART:garbage', 'DTEND:20300101T100000Z', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
			const response = await coordinator.post(`${app.baseURL}/initiatieven/${slug}/activiteiten/importeren?/bekijken`, {
				headers: { origin: app.baseURL, accept: 'text/html' },
				multipart: { file: { name: 'agenda.ics', mimeType: 'text/calendar', buffer: Buffer.from(ics) }, url: '', kind: 'ontmoeting', visibility: 'members' }
			});
			expect(response.status()).toBe(200);
			expect(await response.text()).toContain('We kunnen de datum, de tijd of de herhaling van deze afspraak niet lezen.');
		});

		test('after signing up or in, a target that leads to another site goes home instead', async () => {
			const targets = ['/\t/evil.example', '/.//evil.example', '//evil.example', '/\\evil.example', '/..//evil.example', '/%2e%2e//evil.example', 'https://evil.example/'];
			for (const [i, next] of targets.entries()) {
				const person = await requests.newContext();
				const signUp = await post(person, '/aanmelden', { name: 'Sam', email: `sam${i}@voorbeeld.nl`, password: PASSWORD, next });
				expect(signUp.status(), next).toBe(303);
				expect(signUp.headers().location, next).toBe('/');
				const signIn = await post(person, '/inloggen?/wachtwoord', { email: `sam${i}@voorbeeld.nl`, password: PASSWORD, next });
				expect(signIn.status(), next).toBe(303);
				expect(signIn.headers().location, next).toBe('/');
				// Signed in, the forms send you on at once: the same check.
				for (const page of ['/aanmelden', '/inloggen']) {
					const response = await get(person, `${page}?naar=${encodeURIComponent(next)}`);
					expect(response.status(), `${page} ${next}`).toBe(303);
					expect(response.headers().location, `${page} ${next}`).toBe('/');
				}
				await person.dispose();
			}
			for (const raw of ['/%09/evil.example', '%2F%09%2Fevil.example', '/.//evil.example', '%2F%5Cevil.example']) {
				const response = await get(coordinator, `/inloggen?naar=${raw}`);
				expect(response.status(), raw).toBe(303);
				expect(response.headers().location, raw).toBe('/');
			}
			// A path of our own is kept.
			const own = await get(coordinator, `/inloggen?naar=${encodeURIComponent(`/initiatieven/${slug}?x=1`)}`);
			expect(own.headers().location).toBe(`/initiatieven/${slug}?x=1`);
		});
	});
}
