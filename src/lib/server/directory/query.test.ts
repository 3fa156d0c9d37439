import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editDistance, locate, suggestionsFor } from './locate.ts';
import { DEFAULT_DISTANCE, directoryParams, parseDirectoryQuery } from './query.ts';
import { summarise } from './search.ts';

describe('the directory search in the address bar', () => {
	it('reads the Dutch parameters and ignores what it does not know', () => {
		const query = parseDirectoryQuery(new URLSearchParams('plaats=%20Den%20%20Bosch%20&afstand=10&thema=wandelen&thema=onzin&thema=wandelen&toegankelijk=prikkelarm&open=nu&pagina=2'));
		expect(query).toEqual({ place: 'Den Bosch', distance: 10, themes: ['wandelen'], accessibility: ['prikkelarm'], open: 'nu', page: 2 });
		expect(parseDirectoryQuery(new URLSearchParams('afstand=7&open=morgen&pagina=-3'))).toMatchObject({ distance: DEFAULT_DISTANCE, open: null, page: 1 });
		expect(parseDirectoryQuery(new URLSearchParams('afstand=alle')).distance).toBeNull();
	});

	it('never fails on free input, and writing a search back gives the same search', () => {
		fc.assert(
			fc.property(fc.array(fc.tuple(fc.constantFrom('plaats', 'afstand', 'thema', 'toegankelijk', 'open', 'pagina', 'x'), fc.string())), (pairs) => {
				const query = parseDirectoryQuery(new URLSearchParams(pairs));
				expect(query.page).toBeGreaterThanOrEqual(1);
				expect(parseDirectoryQuery(directoryParams(query))).toEqual(query);
			})
		);
	});
});

describe('understanding a place', () => {
	it('finds places by everyday names, asks for a name for postcodes, and suggests close names', async () => {
		expect(await locate('den bosch')).toMatchObject({ kind: 'found', name: "'s-Hertogenbosch" });
		expect(await locate('Almere')).toMatchObject({ kind: 'found' });
		expect(await locate('8011 AB')).toEqual({ kind: 'postcode' });
		expect(await locate('')).toEqual({ kind: 'anywhere' });
		expect(suggestionsFor('Zwole').map((p) => p.name)).toContain('Zwolle');
		expect(suggestionsFor('Amsterdm').map((p) => p.name)).toContain('Amsterdam');
		expect(editDistance('zwole', 'zwolle', 2)).toBe(1);
		expect(editDistance('abc', 'xyzxyz', 2)).toBe(3);
	});

	it('shortens a description to its first paragraph', () => {
		expect(summarise('Kort.\n\nDe rest.')).toBe('Kort.');
		const long = summarise('woord '.repeat(80));
		expect(long.length).toBeLessThanOrEqual(181);
		expect(long.endsWith('woord…')).toBe(true);
	});
});
