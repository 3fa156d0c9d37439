import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { localeOf, localePrefix, optOutToken, verifyOptOutToken } from './index.ts';

const SECRET = 's'.repeat(32);

describe('the notice room', () => {
	it('an opt-out token names its person, and only with the secret and the purpose it was made for', () => {
		fc.assert(
			fc.property(fc.uuid(), (userId) => {
				const token = optOutToken(SECRET, 'stop-reminders', userId);
				expect(verifyOptOutToken(SECRET, 'stop-reminders', token)).toBe(userId);
				expect(verifyOptOutToken('t'.repeat(32), 'stop-reminders', token)).toBeNull();
				// A token that stops one kind of mail cannot stop another.
				expect(verifyOptOutToken(SECRET, 'stop-messages', token)).toBeNull();
			}),
			{ numRuns: 50, seed: 7 }
		);
	});

	it('a made-up or changed token names nobody', () => {
		const token = optOutToken(SECRET, 'stop-reminders', 'anna');
		const other = optOutToken(SECRET, 'stop-reminders', 'bram');
		const forged = `${token.split('.')[0]}.${other.split('.')[1]}`;
		expect(verifyOptOutToken(SECRET, 'stop-reminders', forged)).toBeNull();
		fc.assert(
			fc.property(fc.string(), (garbage) => verifyOptOutToken(SECRET, 'stop-reminders', garbage) === null),
			{ numRuns: 200, seed: 7 }
		);
	});

	it('a mail goes out in the person’s language, Dutch when unknown, and its links open in that language', () => {
		expect(localeOf({ locale: 'en' })).toBe('en');
		expect(localeOf({ locale: null })).toBe('nl');
		expect(localeOf({})).toBe('nl');
		expect(localePrefix('nl')).toBe('');
		expect(localePrefix('en')).toBe('/en');
	});
});
