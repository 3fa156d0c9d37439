import { describe, expect, it } from 'vitest';
import { SealBroken, newKey, openJson, openSealed, seal, sealJson } from './crypto.ts';
import { KeyMissing, Keyring } from './keyring.ts';

describe('sealing the herstelruimte', () => {
	const key = newKey();

	it('opens what it sealed, and never shows the text in the sealed value', () => {
		const sealed = sealJson(key, { text: 'Wat mij helpt: de zee' }, 'space-block:a:b');
		expect(sealed).not.toContain('zee');
		expect(openJson(key, sealed, 'space-block:a:b')).toEqual({ text: 'Wat mij helpt: de zee' });
	});

	it('seals the same text differently each time', () => {
		expect(seal(key, 'hoop', 'x')).not.toBe(seal(key, 'hoop', 'x'));
	});

	it('does not open with another key, in another row or person, or after a changed byte', () => {
		const sealed = seal(key, 'mijn zus bellen', 'space-block:anna:1');
		expect(() => openSealed(newKey(), sealed, 'space-block:anna:1')).toThrow(SealBroken);
		expect(() => openSealed(key, sealed, 'space-block:anna:2')).toThrow(SealBroken);
		expect(() => openSealed(key, sealed, 'space-block:bert:1')).toThrow(SealBroken);
		const parts = sealed.split('.');
		parts[3] = (parts[3][0] === 'A' ? 'B' : 'A') + parts[3].slice(1);
		expect(() => openSealed(key, parts.join('.'), 'space-block:anna:1')).toThrow(SealBroken);
		expect(() => openSealed(key, 'geen-geheim', 'space-block:anna:1')).toThrow(SealBroken);
	});

	it('wraps a data key for one person only, and knows which server key wrapped it', () => {
		const ring = new Keyring(newKey());
		const data = newKey();
		const wrapped = ring.wrap(data, 'anna');
		expect(ring.unwrap(wrapped, 'anna')).toEqual(data);
		expect(() => ring.unwrap(wrapped, 'bert')).toThrow(SealBroken);
		expect(() => new Keyring(newKey()).unwrap(wrapped, 'anna')).toThrow(KeyMissing);
		// After a rotation both keys are known until it is done.
		expect(new Keyring(newKey(), [ring.current.key]).unwrap(wrapped, 'anna')).toEqual(data);
	});
});
