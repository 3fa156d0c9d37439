import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localizeHref } from '../../paraglide/runtime.js';
import { localPath } from './local-path.ts';

const SITE = 'https://herstelplein.nl';

/** Where a browser on our site goes with this Location. */
const destination = (location: string) => new URL(location, `${SITE}/inloggen`);

/** Pieces that make redirect targets lead elsewhere, in any order and encoding. */
const piece = fc.constantFrom('/', '//', '\\', '.', '..', '%2e', '%2E%2e', '%2f', '%5c', '\t', '\n', '\r', ' ', '\u0000', '%09', '@', ':', 'evil.example', 'https:', 'javascript:', '?', '#', 'initiatieven', 'é');
const target = fc.oneof(
	fc.array(piece, { maxLength: 8 }).map((p) => p.join('')),
	fc.array(piece, { maxLength: 8 }).map((p) => `/${p.join('')}`),
	fc.string({ unit: 'binary', maxLength: 40 })
);

describe('where to go after signing in', () => {
	it('whatever the target, a browser stays on this site, with and without a language in front', () => {
		fc.assert(
			fc.property(target, (value) => {
				const path = localPath(value);
				expect(path.startsWith('/') && !path.startsWith('//')).toBe(true);
				expect(path).not.toMatch(/[\p{Cc}\\]/u);
				expect(destination(path).origin).toBe(SITE);
				expect(destination(localizeHref(path)).origin).toBe(SITE);
			}),
			{ numRuns: 5000 }
		);
	});

	it('targets that lead to another site go home instead', () => {
		for (const value of ['/\t/evil.example', '/%09/evil.example', '/.//evil.example', '//evil.example', '/\\evil.example', '/\\/evil.example', '/..//evil.example', '/%2e%2e//evil.example', '/a/../..//evil.example', 'https://evil.example', 'evil.example', '/\r\n/evil.example', '/%2F%2Fevil.example', '/%5Cevil.example', '/%E0%A4%A', '']) {
			expect(localPath(value), JSON.stringify(value)).toBe('/');
		}
		expect(localPath(42)).toBe('/');
		expect(localPath(`/${'a'.repeat(600)}`)).toBe('/');
	});

	it('a path of our own is kept, with its query and anchor', () => {
		for (const value of ['/', '/initiatieven/de-kroon', '/initiatieven/de-kroon/activiteiten?vanaf=2026-12-01#dag', '/en/account']) expect(localPath(value)).toBe(value);
		expect(localPath('/initiatieven?plaats=Zwolle Zuid')).toBe('/initiatieven?plaats=Zwolle%20Zuid');
	});
});
