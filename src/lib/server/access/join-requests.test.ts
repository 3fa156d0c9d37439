import { describe, expect, it } from 'vitest';
import type { SignedIn } from '../accounts/viewer.ts';
import type { Role } from './core.ts';
import { mayAskToJoin, wayIn, type WayIn } from './join-requests.ts';

/*
 * The way into an initiative (access/join-requests.ts), in plain words, for
 * every persona. Who may see and answer the requests (only the initiative's
 * own coordinators) is proven on the database in tests/integration/dead-ends.test.ts.
 */

const person: SignedIn = { userId: 'u', name: 'Dewi', email: 'd@voorbeeld.test', locale: 'nl', isAdmin: false };
const admin: SignedIn = { ...person, isAdmin: true };

const PERSONAS: Array<{ who: string; viewer: SignedIn | null; role: Role | null }> = [
	{ who: 'an anonymous visitor', viewer: null, role: null },
	{ who: 'a signed-in person in no initiative', viewer: person, role: null },
	{ who: 'a member of another initiative', viewer: person, role: null },
	{ who: 'a coordinator of another initiative', viewer: person, role: null },
	{ who: 'a member', viewer: person, role: 'member' },
	{ who: 'a coordinator', viewer: person, role: 'coordinator' },
	{ who: 'the association admin (no member)', viewer: admin, role: null }
];

const EXPECTED: Record<string, Record<'open' | 'invite' | 'pending', WayIn>> = {
	'an anonymous visitor': { open: 'sign_in', invite: 'sign_in', pending: 'none' },
	'a signed-in person in no initiative': { open: 'join', invite: 'ask', pending: 'none' },
	'a member of another initiative': { open: 'join', invite: 'ask', pending: 'none' },
	'a coordinator of another initiative': { open: 'join', invite: 'ask', pending: 'none' },
	'a member': { open: 'member', invite: 'member', pending: 'member' },
	'a coordinator': { open: 'member', invite: 'member', pending: 'member' },
	'the association admin (no member)': { open: 'join', invite: 'ask', pending: 'none' }
};

describe('the way into an initiative', () => {
	for (const { who, viewer, role } of PERSONAS) {
		it(`${who}: an open initiative, one by invitation, and one not public yet`, () => {
			expect(wayIn({ status: 'published', joinPolicy: 'open' }, role, viewer)).toBe(EXPECTED[who].open);
			expect(wayIn({ status: 'published', joinPolicy: 'invite' }, role, viewer)).toBe(EXPECTED[who].invite);
			expect(wayIn({ status: 'pending', joinPolicy: 'invite' }, role, viewer)).toBe(EXPECTED[who].pending);
		});
	}

	it('only a signed-in non-member may ask, and only an initiative by invitation that is public', () => {
		expect(mayAskToJoin({ status: 'published', joinPolicy: 'invite' }, null, person)).toBe(true);
		expect(mayAskToJoin({ status: 'published', joinPolicy: 'invite' }, null, null)).toBe(false);
		expect(mayAskToJoin({ status: 'published', joinPolicy: 'invite' }, 'member', person)).toBe(false);
		expect(mayAskToJoin({ status: 'published', joinPolicy: 'open' }, null, person)).toBe(false);
		expect(mayAskToJoin({ status: 'unpublished', joinPolicy: 'invite' }, null, person)).toBe(false);
	});
});
