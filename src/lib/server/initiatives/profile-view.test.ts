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
	it('open now, until when', () => {
		// Monday 2 February 2026, 11:00 in Amsterdam.
		expect(hoursView(schedule, new Date('2026-02-02T10:00:00Z'), 'nl').now).toEqual({ open: true, text: 'Nu open tot 16:00' });
	});

	it('closed now, and when it opens again', () => {
		// Monday 17:00: next is Thursday.
		expect(hoursView(schedule, new Date('2026-02-02T16:00:00Z'), 'nl').now?.text).toBe('Nu gesloten — weer open donderdag 10:00');
		// Sunday: tomorrow.
		expect(hoursView(schedule, new Date('2026-02-01T10:00:00Z'), 'nl').now?.text).toBe('Nu gesloten — weer open morgen 10:00');
		// Monday 08:00: today.
		expect(hoursView(schedule, new Date('2026-02-02T07:00:00Z'), 'en').now?.text).toBe('Closed now — open again today at 10:00');
	});

	it('says why a day is closed: a holiday or a closure', () => {
		// Second Christmas day 2030 is a Thursday.
		const boxingDay = hoursView(schedule, new Date('2030-12-26T10:00:00Z'), 'nl');
		expect(boxingDay.todayNote).toBe('Gesloten: Tweede kerstdag');
		const summer = hoursView(schedule, new Date('2026-07-27T10:00:00Z'), 'nl');
		expect(summer.todayNote).toBe('Zomersluiting tot en met 9 augustus');
		expect(summer.now?.text).toBe('Nu gesloten — weer open maandag 10 augustus 10:00');
		expect(hoursView(schedule, new Date('2026-07-01T10:00:00Z'), 'nl').upcoming).toEqual(['Zomersluiting: van 20 juli tot en met 9 augustus']);
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
