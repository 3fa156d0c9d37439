import { describe, expect, it } from 'vitest';
import type { Schedule } from './hours.ts';
import { hoursView, placeSearchLink, routeLink, structuredData } from './profile-view.ts';

const schedule: Schedule = {
	hours: [
		{ weekday: 1, opensAt: '10:00:00', closesAt: '16:00:00' },
		{ weekday: 4, opensAt: '10:00:00', closesAt: '12:00:00' }
	],
	closures: [{ startsOn: '2026-07-20', endsOn: '2026-08-09', note: 'Zomersluiting' }],
	closedOnHolidays: true
};

describe('walk-in hours in words', () => {
	/** The one line for a moment, as the initiative page and the directory both say it. */
	const line = (at: string, locale: 'nl' | 'en' = 'nl', s: Schedule = schedule) => hoursView(s, new Date(at), locale).now?.text;

	it('open now, until when', () => {
		// Monday 2 February 2026, 11:00 in Amsterdam.
		expect(hoursView(schedule, new Date('2026-02-02T10:00:00Z'), 'nl').now).toEqual({ open: true, text: 'Nu open tot 16:00' });
		expect(line('2026-02-02T10:00:00Z', 'en')).toBe('Open now until 16:00');
	});

	it('before opening says today from when to when, never "closed"', () => {
		// Monday 08:00.
		expect(hoursView(schedule, new Date('2026-02-02T07:00:00Z'), 'nl').now).toEqual({ open: false, text: 'Vandaag open van 10:00 tot 16:00' });
		expect(line('2026-02-02T07:00:00Z', 'en')).toBe('Open today from 10:00 to 16:00');
	});

	it('at the closing minute and after it: not open any more today, and when again', () => {
		// Monday 16:00 and 17:00: next is Thursday.
		expect(line('2026-02-02T15:00:00Z')).toBe('Vandaag niet meer open. Weer open donderdag om 10:00.');
		expect(line('2026-02-02T16:00:00Z', 'en')).toBe('Not open any more today. Open again Thursday at 10:00.');
		// Monday 15:59 is still open.
		expect(line('2026-02-02T14:59:00Z')).toBe('Nu open tot 16:00');
	});

	it('a day without walk-in says closed today, and tomorrow when that is next', () => {
		// Sunday 11:00: tomorrow.
		expect(line('2026-02-01T10:00:00Z')).toBe('Vandaag gesloten. Weer open morgen om 10:00.');
		expect(line('2026-02-01T10:00:00Z', 'en')).toBe('Closed today. Open again tomorrow at 10:00.');
	});

	it('around midnight the day turns over in Amsterdam time', () => {
		// Sunday 23:59 in Amsterdam (22:59 UTC in winter): still Sunday, closed.
		expect(line('2026-02-01T22:59:00Z')).toBe('Vandaag gesloten. Weer open morgen om 10:00.');
		// Monday 00:00 and 00:01: Monday, opening later today.
		expect(line('2026-02-01T23:00:00Z')).toBe('Vandaag open van 10:00 tot 16:00');
		expect(line('2026-02-01T23:01:00Z')).toBe('Vandaag open van 10:00 tot 16:00');
		// Summer time: Monday 29 June 2026 00:30 in Amsterdam is Sunday 22:30 UTC.
		expect(line('2026-06-28T22:30:00Z')).toBe('Vandaag open van 10:00 tot 16:00');
	});

	it('with several blocks a day, each moment names the right block', () => {
		// Thursday 10:00–12:00 and 19:00–21:30.
		const twice: Schedule = { ...schedule, hours: [...schedule.hours, { weekday: 4, opensAt: '19:00', closesAt: '21:30' }] };
		const thursday = (time: string) => line(`2026-02-05T${time}:00Z`, 'nl', twice); // UTC, one hour behind
		expect(thursday('08:00')).toBe('Vandaag open van 10:00 tot 12:00');
		expect(thursday('09:30')).toBe('Nu open tot 12:00');
		expect(thursday('12:00')).toBe('Vandaag open van 19:00 tot 21:30');
		expect(thursday('19:00')).toBe('Nu open tot 21:30');
		expect(thursday('20:30')).toBe('Vandaag niet meer open. Weer open maandag om 10:00.');
	});

	it('says why a day is closed: a holiday or a closure', () => {
		// Second Christmas day 2030 is a Thursday.
		const boxingDay = hoursView(schedule, new Date('2030-12-26T10:00:00Z'), 'nl');
		expect(boxingDay.todayNote).toBe('Gesloten: Tweede kerstdag');
		expect(boxingDay.now?.text).toBe('Vandaag gesloten. Weer open maandag om 10:00.');
		const summer = hoursView(schedule, new Date('2026-07-27T10:00:00Z'), 'nl');
		expect(summer.todayNote).toBe('Zomersluiting tot en met 9 augustus');
		expect(summer.now?.text).toBe('Vandaag gesloten. Weer open maandag 10 augustus om 10:00.');
		expect(hoursView(schedule, new Date('2026-07-01T10:00:00Z'), 'nl').upcoming).toEqual(['Zomersluiting: van 20 juli tot en met 9 augustus']);
	});

	it('closed for longer than three weeks names no next day', () => {
		const long: Schedule = { ...schedule, closures: [{ startsOn: '2026-03-01', endsOn: '2026-05-01', note: '' }] };
		expect(line('2026-03-02T10:00:00Z', 'nl', long)).toBe('Vandaag gesloten');
	});

	it('without hours there is no "now" line', () => {
		expect(hoursView({ hours: [], closures: [], closedOnHolidays: true }, new Date(), 'nl').now).toBeUndefined();
	});
});

describe('structured data', () => {
	it('cannot close its script element or start markup', () => {
		const json = structuredData({
			url: 'https://herstelplein.test/initiatieven/x',
			name: 'De </script><script>alert(1)</script> Kroon',
			description: 'A & B <!-- \u2028',
			address: '',
			postcode: '',
			town: 'Zwolle',
			latitude: 52.5,
			longitude: 6.1,
			phone: '',
			website: '',
			hours: [],
			photoUrls: []
		});
		expect(json).not.toMatch(/[<>&\u2028]/);
		const data = JSON.parse(json);
		expect(data['@graph'][0].name).toBe('De </script><script>alert(1)</script> Kroon');
		expect(data['@graph'][1]).toMatchObject({ '@type': 'Place', geo: { latitude: 52.5, longitude: 6.1 } });
	});
});

describe('route link', () => {
	it('goes to OpenStreetMap directions, by address or else by coordinates', () => {
		expect(routeLink({ address: 'Kerkstraat 1', postcode: '8011 AB', town: 'Zwolle', latitude: 52.5, longitude: 6.1 })).toBe(
			'https://www.openstreetmap.org/directions?to=Kerkstraat%201%2C%208011%20AB%20Zwolle'
		);
		expect(routeLink({ address: '', postcode: '', town: 'Zwolle', latitude: 52.51234567, longitude: 6.09 })).toBe(
			'https://www.openstreetmap.org/directions?route=%3B52.51235%2C6.09000'
		);
		expect(routeLink({ address: '', postcode: '', town: 'Zwolle', latitude: null, longitude: null })).toBeUndefined();
	});
});

describe('a place typed for an activity elsewhere', () => {
	it('is looked up on the map in the initiative’s town, unless the town is in it already', () => {
		expect(placeSearchLink('Het park, bij de vijver', 'Zwolle')).toBe('https://www.openstreetmap.org/search?query=Het%20park%2C%20bij%20de%20vijver%2C%20Zwolle');
		expect(placeSearchLink('Station Zwolle', 'Zwolle')).toBe('https://www.openstreetmap.org/search?query=Station%20Zwolle');
	});
});
