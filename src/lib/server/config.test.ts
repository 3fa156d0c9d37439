import { describe, expect, it } from 'vitest';
import { parseConfig } from './config.ts';

describe('configuration from the environment', () => {
	it('has defaults that run on this machine with nothing set', () => {
		const config = parseConfig({});
		expect(config).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', TRUST_PROXY: false, DEMO: false });
		expect(config.DATABASE_URL).toBeUndefined();
		expect(config.ORIGIN).toBeUndefined();
		expect(config.dataDir).toMatch(/\/data$/);
	});

	it('reads the settings an operator gives', () => {
		const config = parseConfig({ PORT: '8080', DATABASE_URL: 'postgres://u@db/hp', ORIGIN: 'https://herstelplein.nl/', TRUST_PROXY: '1', DATA_DIR: '/srv/hp' });
		expect(config).toMatchObject({ PORT: 8080, DATABASE_URL: 'postgres://u@db/hp', ORIGIN: 'https://herstelplein.nl', TRUST_PROXY: true, dataDir: '/srv/hp' });
	});

	it('treats empty values as not set', () => {
		const config = parseConfig({ DATABASE_URL: '', ORIGIN: '', SMTP_URL: '', AUTH_SECRET: '' });
		expect([config.DATABASE_URL, config.ORIGIN, config.SMTP_URL, config.AUTH_SECRET]).toEqual([undefined, undefined, undefined, undefined]);
	});

	it('shows OpenStreetMap tiles (after consent) and no online geocoder by default', () => {
		const config = parseConfig({});
		expect(config.MAP_TILE_URL).toBe('https://tile.openstreetmap.org/{z}/{x}/{y}.png');
		expect(config.MAP_ATTRIBUTION).toContain('OpenStreetMap-bijdragers');
		expect(config.GEOCODER).toBe('off');
		expect(parseConfig({ GEOCODER: 'pdok', MAP_TILE_URL: '/tegels/{z}/{x}/{y}.png' })).toMatchObject({ GEOCODER: 'pdok', MAP_TILE_URL: '/tegels/{z}/{x}/{y}.png' });
		expect(() => parseConfig({ MAP_TILE_URL: 'http://tiles.example/{z}/{x}/{y}.png' })).toThrow(/MAP_TILE_URL/);
		expect(parseConfig({ MAP_TILE_URL: 'off' }).MAP_TILE_URL).toBe('off');
		expect(() => parseConfig({ GEOCODER: 'google' })).toThrow(/GEOCODER/);
	});

	it('refuses wrong values with a message that names the variable', () => {
		expect(() => parseConfig({ PORT: 'abc' })).toThrow(/PORT/);
		expect(() => parseConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
		expect(() => parseConfig({ ORIGIN: 'not a url' })).toThrow(/ORIGIN/);
		expect(() => parseConfig({ AUTH_SECRET: 'short' })).toThrow(/AUTH_SECRET/);
	});
});
