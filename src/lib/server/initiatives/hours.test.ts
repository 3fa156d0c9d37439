import { describe, expect, it } from 'vitest';
import { dayStatus, localMoment, openNow, openToday, publicHoliday, type Schedule } from './hours.ts';

/** Tuesday and Thursday 10:00–16:00, Thursday evening too; closed in the summer. */
const schedule: Schedule = {
	hours: [
		{ weekday: 2, opensAt: '10:00:00', closesAt: '16:00:00' },
		{ weekday: 4, opensAt: '19:00', closesAt: '21:30' },
		{ weekday: 4, opensAt: '10:00', closesAt: '16:00' }
	],
	closures: [{ startsOn: '2026-07-20', endsOn: '2026-08-09', note: 'Zomersluiting' }],
	closedOnHolidays: true
};

describe('walk-in hours', () => {
	it('reads moments in Amsterdam time, in winter and in summer', () => {
		expect(localMoment(new Date('2026-01-13T09:30:00Z'))).toEqual({ date: '2026-01-13', weekday: 2, time: '10:30' });
		expect(localMoment(new Date('2026-06-30T08:30:00Z'))).toEqual({ date: '2026-06-30', weekday: 2, time: '10:30' });
		expect(localMoment(new Date('2026-11-29T23:30:00Z')).date).toBe('2026-11-30');
	});

	it('is open during a period and says until when', () => {
		expect(openNow(schedule, new Date('2026-11-24T10:00:00Z'))).toEqual({ open: true, closesAt: '16:00' });
		// Summer time: 10:30 local is 08:30 UTC.
		expect(openNow(schedule, new Date('2026-06-30T08:30:00Z'))).toEqual({ open: true, closesAt: '16:00' });
	});

	it('closes at the closing minute and names the next opening', () => {
		const after = openNow(schedule, new Date('2026-11-24T15:00:00Z'));
		expect(after).toMatchObject({ open: false, next: { date: '2026-11-26', opensAt: '10:00' } });
		const between = openNow(schedule, new Date('2026-11-26T16:30:00Z'));
		expect(between).toMatchObject({ open: false, next: { date: '2026-11-26', opensAt: '19:00' } });
	});

	it('is closed on public holidays unless the initiative opens then', () => {
		// Thursday 14 May 2026 is Hemelvaartsdag.
		const ascension = new Date('2026-05-14T09:00:00Z');
		expect(openNow(schedule, ascension)).toMatchObject({ open: false, today: { kind: 'holiday', holiday: 'Hemelvaartsdag' } });
		expect(openNow({ ...schedule, closedOnHolidays: false }, ascension)).toEqual({ open: true, closesAt: '16:00' });
		expect(publicHoliday('2026-12-25', 'en')).toBe('Christmas Day');
		expect(publicHoliday('2026-05-05')).toBeUndefined();
	});

	it('is closed during a closure, with its note, and finds the first day after', () => {
		const summer = openNow(schedule, new Date('2026-07-21T09:00:00Z'));
		expect(summer).toMatchObject({ open: false, today: { kind: 'closure', note: 'Zomersluiting' }, next: { date: '2026-08-11' } });
		expect(dayStatus(schedule, '2026-08-09').kind).toBe('closure');
		expect(dayStatus(schedule, '2026-08-11').kind).toBe('open');
	});

	it('knows whether it opens today', () => {
		expect(openToday(schedule, new Date('2026-11-24T20:00:00Z'))).toBe(true);
		expect(openToday(schedule, new Date('2026-11-25T10:00:00Z'))).toBe(false);
		expect(openNow({ hours: [], closures: [], closedOnHolidays: true }, new Date())).toEqual({
			open: false,
			today: { kind: 'no-hours' }
		});
	});
});
