import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distanceKm, findPlace, normalisePlaceName, placeSpellingsNear, suggestPlaces } from './places.ts';

describe('Dutch places', () => {
	it('finds a place however it is typed', () => {
		expect(findPlace('Zwolle')?.province).toBe('Overijssel');
		expect(findPlace('  zwolle ')?.name).toBe('Zwolle');
		expect(findPlace('Den Bosch')?.name).toBe("'s-Hertogenbosch");
		expect(findPlace("'s-Hertogenbosch")?.name).toBe("'s-Hertogenbosch");
		expect(findPlace('den haag')?.name).toBe('Den Haag');
		expect(findPlace('Nergenshuizen')).toBeUndefined();
		expect(findPlace('')).toBeUndefined();
	});

	it('suggests the largest places first', () => {
		const names = suggestPlaces('ams').map((p) => p.name);
		expect(names[0]).toBe('Amsterdam');
		expect(names).toContain('Amstelveen');
	});

	it('measures distances between places', () => {
		const zwolle = findPlace('Zwolle')!;
		const deventer = findPlace('Deventer')!;
		expect(distanceKm(zwolle, deventer)).toBeGreaterThan(25);
		expect(distanceKm(zwolle, deventer)).toBeLessThan(35);
		expect(distanceKm(zwolle, zwolle)).toBe(0);
	});

	it('never throws on free input', () => {
		fc.assert(
			fc.property(fc.string(), (text) => {
				findPlace(text);
				suggestPlaces(text);
				expect(normalisePlaceName(text)).toBe(normalisePlaceName(normalisePlaceName(text)));
			})
		);
	});
});

describe('places near a centre, as people write them', () => {
	it('gives the spellings of the places within the distance, with everyday names, and none farther away', () => {
		const bosch = findPlace('Den Bosch')!;
		const near = placeSpellingsNear(bosch, 10);
		expect(near).toEqual(expect.arrayContaining(["'s-hertogenbosch", 's hertogenbosch', 'den bosch', 'vught']));
		expect(near).not.toContain('zwolle');
		expect(placeSpellingsNear(findPlace('Zwolle')!, 5)).toContain('zwolle');
	});
});
