import { describe, expect, it } from 'vitest';
import type { SignedIn } from '../accounts/viewer.ts';
import { NotFound, requireAdmin, requireSignedIn, SignInRequired } from './core.ts';

/* The two guards every capability shares (access/core.ts), in plain words. */

const person: SignedIn = { userId: 'dewi', name: 'Dewi', email: 'dewi@voorbeeld.test', locale: 'nl', isAdmin: false };
const admin: SignedIn = { ...person, userId: 'beheer', name: 'Beheer', isAdmin: true };

describe('requireSignedIn', () => {
	it('an anonymous visitor is asked to sign in first', () => {
		expect(() => requireSignedIn(null)).toThrow(SignInRequired);
	});
	it('a signed-in person passes as who they are', () => {
		expect(requireSignedIn(person)).toBe(person);
	});
});

describe('requireAdmin: only the association admin', () => {
	it('an anonymous visitor is asked to sign in first', () => {
		expect(() => requireAdmin(null)).toThrow(SignInRequired);
	});
	it('a signed-in person who is not the admin finds nothing there', () => {
		expect(() => requireAdmin(person)).toThrow(NotFound);
	});
	it('the association admin passes', () => {
		expect(requireAdmin(admin)).toBe(admin);
	});
});
