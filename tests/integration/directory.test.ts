import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { NotFound, SignInRequired } from '#lib/server/access/core.ts';
import { directoryCsv, openDataFeed } from '#lib/server/directory/export.ts';
import { createInitiative } from '#lib/server/initiatives/service.ts';
import { makePerson } from '../helpers/people.ts';
import type { Database } from '#lib/server/db/index.ts';
import { parseDirectoryQuery } from '#lib/server/directory/query.ts';
import { searchDirectory } from '#lib/server/directory/search.ts';
import { findPlace } from '#lib/server/directory/places.ts';
import { closure, initiative, openingHours, type Accessibility, type Theme } from '#lib/server/initiatives/schema.ts';
import { databases } from '../helpers/databases.ts';

/** Wednesday 25 November 2026, 11:00 in Amsterdam (10:00 UTC). */
const WEDNESDAY_11 = new Date('2026-11-25T10:00:00Z');
const query = (search: string) => parseDirectoryQuery(new URLSearchParams(search));

interface Seed {
	slug: string;
	town: string;
	status?: 'published' | 'pending' | 'unpublished';
	themes?: Theme[];
	accessibility?: Accessibility[];
	hours?: Array<[number, string, string]>;
	closedToday?: boolean;
	noCoordinates?: boolean;
}

const SEEDS: Seed[] = [
	{ slug: 'kroon-zwolle', town: 'Zwolle', themes: ['inloop', 'wandelen'], accessibility: ['rolstoeltoegankelijk', 'gratis'], hours: [[3, '10:00', '16:00']] },
	{ slug: 'veerhuis-hattem', town: 'Hattem', themes: ['creatief'], accessibility: ['rolstoeltoegankelijk'], hours: [[3, '13:00', '16:00']] },
	{ slug: 'vecht-dalfsen', town: 'Dalfsen', themes: ['wandelen'], accessibility: ['prikkelarm'], hours: [[3, '09:00', '12:00']], closedToday: true },
	{ slug: 'hanze-kampen', town: 'Kampen', themes: ['koken'], accessibility: ['prikkelarm', 'rolstoeltoegankelijk'], hours: [[4, '10:00', '12:00']] },
	{ slug: 'anker-deventer', town: 'Deventer', themes: ['wandelen'] },
	{ slug: 'open-huis-amsterdam', town: 'Amsterdam', themes: ['wandelen'], hours: [[3, '10:00', '17:00']] },
	{ slug: 'verbinding-maastricht', town: 'Maastricht' },
	{ slug: 'wacht-zwolle', town: 'Zwolle', status: 'pending', themes: ['wandelen'] },
	{ slug: 'offline-zwolle', town: 'Zwolle', status: 'unpublished', themes: ['wandelen'] },
	{ slug: 'zonder-plek', town: 'Ergens', noCoordinates: true }
];

for (const target of databases) {
	describe.skipIf(target.skip)(`directory search on ${target.name}`, () => {
		let database: Database & { drop(): Promise<void> };
		const search = (text: string, pageSize?: number) => searchDirectory(database.db, query(text), { at: WEDNESDAY_11, pageSize });
		const slugs = async (text: string) => (await search(text)).items.map((i) => i.slug);

		beforeAll(async () => {
			database = await target.open();
			for (const seed of SEEDS) {
				const place = findPlace(seed.town);
				const [row] = await database.db
					.insert(initiative)
					.values({
						slug: seed.slug,
						name: seed.slug.replace(/-/g, ' '),
						town: seed.town,
						description: `Over ${seed.slug}.\n\nMeer tekst.`,
						latitude: seed.noCoordinates ? null : place!.latitude,
						longitude: seed.noCoordinates ? null : place!.longitude,
						themes: seed.themes ?? [],
						accessibility: seed.accessibility ?? [],
						status: seed.status ?? 'published'
					})
					.returning();
				for (const [weekday, opensAt, closesAt] of seed.hours ?? []) await database.db.insert(openingHours).values({ initiativeId: row.id, weekday, opensAt, closesAt });
				if (seed.closedToday) await database.db.insert(closure).values({ initiativeId: row.id, startsOn: '2026-11-23', endsOn: '2026-11-27', note: 'Even dicht' });
			}
		});
		afterAll(() => database?.drop());

		it('finds initiatives near a place, nearest first, with their distance', async () => {
			const result = await search('plaats=zwolle');
			expect(result.location).toMatchObject({ kind: 'found', name: 'Zwolle' });
			expect(result.items.map((i) => i.slug)).toEqual(['kroon-zwolle', 'veerhuis-hattem', 'vecht-dalfsen', 'hanze-kampen']);
			const distances = result.items.map((i) => i.distanceKm!);
			expect(distances[0]).toBeLessThan(0.01);
			expect(distances).toEqual([...distances].sort((a, b) => a - b));
			expect(distances[3]).toBeGreaterThan(10);
			expect(distances[3]).toBeLessThan(25);
		});

		it('keeps to the chosen radius, or searches the whole country', async () => {
			expect(await slugs('plaats=Zwolle&afstand=5')).toEqual(['kroon-zwolle', 'veerhuis-hattem']);
			expect(await slugs('plaats=Zwolle&afstand=50')).toContain('anker-deventer');
			expect(await slugs('plaats=Zwolle&afstand=50')).not.toContain('open-huis-amsterdam');
			const all = await slugs('plaats=Zwolle&afstand=alle');
			expect(all.at(-1)).toBe('verbinding-maastricht');
			expect(all).toHaveLength(7);
		});

		it('never shows initiatives that wait for approval or were taken offline', async () => {
			for (const text of ['plaats=Zwolle', 'plaats=Zwolle&afstand=alle', '', 'thema=wandelen']) {
				const found = await slugs(text);
				expect(found).not.toContain('wacht-zwolle');
				expect(found).not.toContain('offline-zwolle');
			}
		});

		it('without a place lists everything by name, also initiatives without coordinates', async () => {
			const found = await slugs('');
			expect(found).toEqual([...found].sort());
			expect(found).toContain('zonder-plek');
			expect((await search('')).items.every((i) => i.distanceKm === null)).toBe(true);
		});

		it('filters by theme (any of them) and by accessibility (all of them)', async () => {
			expect(await slugs('plaats=Zwolle&thema=wandelen')).toEqual(['kroon-zwolle', 'vecht-dalfsen']);
			expect(await slugs('plaats=Zwolle&thema=wandelen&thema=koken')).toEqual(['kroon-zwolle', 'vecht-dalfsen', 'hanze-kampen']);
			expect(await slugs('plaats=Zwolle&toegankelijk=rolstoeltoegankelijk')).toEqual(['kroon-zwolle', 'veerhuis-hattem', 'hanze-kampen']);
			expect(await slugs('plaats=Zwolle&toegankelijk=rolstoeltoegankelijk&toegankelijk=prikkelarm')).toEqual(['hanze-kampen']);
			expect(await slugs('plaats=Zwolle&thema=onzin')).toHaveLength(4);
		});

		it('filters on open now and open today, with closures, and marks them in the results', async () => {
			// Wednesday 11:00: De Kroon is open; Hattem opens at 13:00; Dalfsen has a closure; Kampen only on Thursday.
			expect(await slugs('plaats=Zwolle&open=nu')).toEqual(['kroon-zwolle']);
			expect(await slugs('plaats=Zwolle&open=vandaag')).toEqual(['kroon-zwolle', 'veerhuis-hattem']);
			const items = (await search('plaats=Zwolle')).items;
			expect(items.map((i) => [i.slug, i.walkIn?.text ?? null])).toEqual([
				['kroon-zwolle', expect.stringMatching(/^Nu open tot /)],
				['veerhuis-hattem', expect.stringMatching(/^Vandaag open van 13:00 tot /)],
				['vecht-dalfsen', null],
				['hanze-kampen', null]
			]);
		});

		it('shows a bounded page with a next page, also with the open filter', async () => {
			const first = await search('plaats=Zwolle&afstand=alle', 3);
			expect(first.items).toHaveLength(3);
			expect(first.hasNext).toBe(true);
			const third = await search('plaats=Zwolle&afstand=alle&pagina=3', 3);
			expect(third.items.map((i) => i.slug)).toEqual(['verbinding-maastricht']);
			expect(third.hasNext).toBe(false);
			const open = await search('afstand=alle&open=vandaag&pagina=2', 2);
			expect(open.items.map((i) => i.slug)).toEqual(['veerhuis-hattem']);
			expect(open.hasNext).toBe(false);
		});

		it('a new initiative is found near its town at once, once it is published', async () => {
			const admin = await makePerson(database.db, 'Beheer', { isAdmin: true });
			const created = await createInitiative(database.db, admin, { name: 'Nieuw in Zwolle', town: 'zwolle', slug: '', description: '', joinPolicy: 'open' });
			expect(created.ok).toBe(true);
			expect(await slugs('plaats=Zwolle&afstand=5')).toContain('nieuw-in-zwolle');
			await database.db.delete(initiative).where(eq(initiative.slug, 'nieuw-in-zwolle'));
		});

		it('understands everyday place names and explains what it cannot find', async () => {
			expect((await search('plaats=Den%20Bosch')).location).toMatchObject({ kind: 'found', name: "'s-Hertogenbosch" });
			const unknown = await search('plaats=Zwole');
			expect(unknown.location.kind).toBe('unknown');
			expect(unknown.location.kind === 'unknown' && unknown.location.suggestions).toContain('Zwolle');
			expect(unknown.items).toEqual([]);
			expect((await search('plaats=8011')).location.kind).toBe('postcode');
			expect((await search('plaats=8011%20AB')).location.kind).toBe('postcode');
		});

		it('uses a configured geocoder for postcodes, and falls back when it fails', async () => {
			const zwolle = findPlace('Zwolle')!;
			const found = await searchDirectory(database.db, query('plaats=8011'), { at: WEDNESDAY_11, geocoder: async () => ({ name: '8011', latitude: zwolle.latitude, longitude: zwolle.longitude }) });
			expect(found.items[0].slug).toBe('kroon-zwolle');
			const failed = await searchDirectory(database.db, query('plaats=8011'), { at: WEDNESDAY_11, geocoder: async () => undefined });
			expect(failed.location.kind).toBe('postcode');
		});
	});
}

for (const target of databases) {
	describe.skipIf(target.skip)(`directory exports on ${target.name}`, () => {
		let database: Database & { drop(): Promise<void> };
		const read = async (chunks: AsyncGenerator<string>) => {
			let text = '';
			for await (const chunk of chunks) text += chunk;
			return text;
		};

		beforeAll(async () => {
			database = await target.open();
			const rows = await database.db
				.insert(initiative)
				.values([
					{ slug: 'de-kroon', name: 'De Kroon', town: 'Zwolle', address: 'Kamperstraat 12', postcode: '8011 LK', latitude: 52.51, longitude: 6.09, themes: ['wandelen'], status: 'published', phone: '038 123' },
					{ slug: 'formule', name: '=HYPERLINK("x")', town: 'Kampen; "oud"', status: 'published' },
					{ slug: 'wacht', name: 'Wacht Nog', town: 'Almere', status: 'pending' },
					{ slug: 'offline', name: 'Offline', town: 'Assen', status: 'unpublished' }
				])
				.returning();
			await database.db.insert(openingHours).values({ initiativeId: rows[0].id, weekday: 1, opensAt: '10:00', closesAt: '16:00' });
			// More than one batch, to see that paging through the table misses nothing.
			await database.db.insert(initiative).values(Array.from({ length: 450 }, (_, i) => ({ slug: `veel-${i}`, name: `Veel ${String(i).padStart(3, '0')}`, town: 'Utrecht', status: 'published' as const })));
		});
		afterAll(() => database?.drop());

		it('only the association admin gets the CSV, with every initiative and its status', async () => {
			const member = await makePerson(database.db, 'Anna');
			const admin = await makePerson(database.db, 'Beheer', { isAdmin: true });
			expect(() => directoryCsv(database.db, null, 'https://hp.test')).toThrow(SignInRequired);
			expect(() => directoryCsv(database.db, member, 'https://hp.test')).toThrow(NotFound);
			const csv = await read(directoryCsv(database.db, admin, 'https://hp.test'));
			const lines = csv.trimEnd().split('\r\n');
			expect(lines[0].startsWith('\uFEFFnaam;status;plaats')).toBe(true);
			expect(lines).toHaveLength(1 + 454);
			expect(lines.find((l) => l.startsWith('De Kroon;'))).toBe(
				'De Kroon;published;Zwolle;Kamperstraat 12;8011 LK;52.51;6.09;wandelen;;ma 10:00-16:00;038 123;;https://hp.test/initiatieven/de-kroon;' + new Date().toISOString().slice(0, 10)
			);
			expect(csv).toContain(`"'=HYPERLINK(""x"")";published;"Kampen; ""oud"""`);
			expect(csv).toContain('Wacht Nog;pending');
			expect(csv).toContain('Offline;unpublished');
			expect(csv).not.toContain('Anna');
		});

		it('the open-data feed has published initiatives only, and no people', async () => {
			const feed = JSON.parse(await read(openDataFeed(database.db, 'https://hp.test')));
			const names = feed.initiatieven.map((i: { naam: string }) => i.naam);
			expect(names).toHaveLength(452);
			expect(new Set(names).size).toBe(452);
			expect(names).not.toContain('Wacht Nog');
			expect(names).not.toContain('Offline');
			expect(feed.initiatieven.find((i: { naam: string }) => i.naam === 'De Kroon')).toEqual({
				naam: 'De Kroon',
				url: 'https://hp.test/initiatieven/de-kroon',
				plaats: 'Zwolle',
				adres: 'Kamperstraat 12',
				postcode: '8011 LK',
				coordinaten: { breedtegraad: 52.51, lengtegraad: 6.09 },
				themas: ['wandelen'],
				toegankelijkheid: [],
				website: null,
				telefoon: '038 123',
				inloop: [{ weekdag: 1, open: '10:00', dicht: '16:00' }]
			});
		});
	});
}
