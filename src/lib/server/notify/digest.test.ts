import { describe, expect, it } from 'vitest';
import { lastDigestMoment } from './digest.ts';
import { noticeLinkPath, verifyNoticeLink } from './preferences.ts';

const SECRET = 's'.repeat(32);

describe('the daily digest', () => {
	it('goes out at 18:00 in Amsterdam, in winter and in summer time', () => {
		// Winter: 18:00 in Amsterdam is 17:00 UTC.
		expect(lastDigestMoment(new Date('2026-12-04T17:30:00Z')).toISOString()).toBe('2026-12-04T17:00:00.000Z');
		expect(lastDigestMoment(new Date('2026-12-04T17:00:00Z')).toISOString()).toBe('2026-12-04T17:00:00.000Z');
		// Before today's moment: yesterday's.
		expect(lastDigestMoment(new Date('2026-12-04T16:59:00Z')).toISOString()).toBe('2026-12-03T17:00:00.000Z');
		// Summer: 16:00 UTC.
		expect(lastDigestMoment(new Date('2026-07-01T16:10:00Z')).toISOString()).toBe('2026-07-01T16:00:00.000Z');
		// Just after midnight in Amsterdam (still the day before in UTC).
		expect(lastDigestMoment(new Date('2026-12-04T23:30:00Z')).toISOString()).toBe('2026-12-04T17:00:00.000Z');
	});
});

describe('the link in a notice mail', () => {
	it('changes one kind for one person, and nothing else', () => {
		const url = new URL(noticeLinkPath(SECRET, 'messages', 'anna'), 'http://x');
		expect(url.pathname).toBe('/e-mail-instellen');
		const token = url.searchParams.get('token')!;
		expect(verifyNoticeLink(SECRET, url.searchParams.get('soort'), token)).toEqual({ kind: 'messages', userId: 'anna' });
		expect(verifyNoticeLink(SECRET, 'post-ending', token)).toBeNull();
		expect(verifyNoticeLink(SECRET, 'no-such-kind', token)).toBeNull();
		expect(verifyNoticeLink('t'.repeat(32), 'messages', token)).toBeNull();
	});
});
