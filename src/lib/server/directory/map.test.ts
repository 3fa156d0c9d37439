import { describe, expect, it } from 'vitest';
import { allowTiles, isMapPath, mapSettings, tileSource } from './map.ts';

describe('map tiles and the content security policy', () => {
	it('finds the tile host, with subdomain placeholders as a wildcard', () => {
		expect(tileSource('https://tile.openstreetmap.org/{z}/{x}/{y}.png')).toBe('https://tile.openstreetmap.org');
		expect(tileSource('https://{s}.tile.example.nl/{z}/{x}/{y}.png')).toBe('https://*.tile.example.nl');
		expect(tileSource('/tegels/{z}/{x}/{y}.png')).toBeNull();
	});

	it('asks first only for tiles from another host', () => {
		expect(mapSettings({ MAP_TILE_URL: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', MAP_ATTRIBUTION: 'x' }).foreignHost).toBe('tile.openstreetmap.org');
		expect(mapSettings({ MAP_TILE_URL: '/tegels/{z}/{x}/{y}.png', MAP_ATTRIBUTION: 'x' }).foreignHost).toBeNull();
	});

	it('shows no tiles at all when the operator turned them off', () => {
		expect(mapSettings({ MAP_TILE_URL: 'off', MAP_ATTRIBUTION: 'x' })).toEqual({ tileUrl: null, attribution: 'x', foreignHost: null });
		expect(tileSource('off')).toBeNull();
	});

	it('adds the tile host to img-src and changes nothing else', () => {
		const policy = "default-src 'self'; img-src 'self' data:; script-src 'self' 'nonce-abc'";
		expect(allowTiles(policy, 'https://tile.openstreetmap.org')).toBe("default-src 'self'; img-src 'self' data: https://tile.openstreetmap.org; script-src 'self' 'nonce-abc'");
		expect(allowTiles(policy, null)).toBe(policy);
	});

	it('knows the map page in both languages', () => {
		expect(isMapPath('/initiatieven/kaart')).toBe(true);
		expect(isMapPath('/en/initiatieven/kaart')).toBe(true);
		expect(isMapPath('/initiatieven/kaartjes')).toBe(false);
		expect(isMapPath('/initiatieven')).toBe(false);
	});
});
