import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anchorDay, listWindow, monthWindow, networkParams, parseNetworkQuery, weekWindow } from './query.ts';
import { amsterdamMoment, dayKey } from '../time.ts';

const at = (date: string, time: string) => {
	const [year, month, day] = date.split('-').map(Number);
	const [hour, minute] = time.split(':').map(Number);
	return amsterdamMoment({ year, month, day }, { hour, minute })!;
};
const parse = (search: string) => parseNetworkQuery(new URLSearchParams(search));
const days = (w: { start: Date; to: Date }) => [dayKey(w.start), dayKey(new Date(w.to.getTime() - 1))];

describe('the choices of the network list in the address', () => {
	it('reads every choice', () => {
		const q = parse('plaats=Zwolle&afstand=10&soort=ontmoeting&soort=ontdekking&thema=wandelen&wanneer=weekend&kosten=gratis&waar=online&toegankelijk=prikkelarm&weergave=week&pagina=3');
		expect(q).toMatchObject({
			place: 'Zwolle',
			distance: 10,
			kinds: ['ontmoeting', 'ontdekking'],
			themes: ['wandelen'],
			when: 'weekend',
			free: true,
			where: 'online',
			accessibility: ['prikkelarm'],
			view: 'week',
			page: 3,
			badDate: null
		});
	});

	it('ignores what it does not know, and says when a date does not exist', () => {
		const q = parse('soort=feest&thema=x&wanneer=ooit&kosten=duur&waar=maan&weergave=jaar&pagina=-4&toegankelijk=lift');
		expect(q).toMatchObject({ kinds: [], themes: [], when: null, free: false, where: null, view: 'lijst', page: 1, accessibility: [] });
		expect(parse('datum=2026-02-31')).toMatchObject({ when: null, date: null, badDate: '2026-02-31' });
		expect(parse('wanneer=datum&datum=')).toMatchObject({ when: null, date: null, badDate: null });
	});

	it('a date alone means that day; "vandaag" wins over a date typed earlier', () => {
		expect(parse('datum=2026-12-01')).toMatchObject({ when: 'datum', date: { year: 2026, month: 12, day: 1 } });
		expect(parse('datum=1-12-2026')).toMatchObject({ when: 'datum', date: { year: 2026, month: 12, day: 1 } });
		expect(parse('wanneer=vandaag&datum=2026-12-01')).toMatchObject({ when: 'vandaag' });
	});

	it('"gratis" as a feature of the place means free of cost', () => {
		expect(parse('toegankelijk=gratis')).toMatchObject({ free: true, accessibility: [] });
	});

	it('never fails on any address, and writing a query back gives the same query', () => {
		const keys = ['plaats', 'afstand', 'soort', 'thema', 'wanneer', 'datum', 'kosten', 'waar', 'toegankelijk', 'weergave', 'pagina', 'x'];
		const values = fc.oneof(fc.string(), fc.constantFrom('ontmoeting', 'wandelen', 'vandaag', 'weekend', 'datum', '2026-12-01', 'gratis', 'online', 'prikkelarm', 'maand', 'alle', '10', '2'));
		fc.assert(
			fc.property(fc.array(fc.tuple(fc.constantFrom(...keys), values), { maxLength: 12 }), (pairs) => {
				const q = parseNetworkQuery(new URLSearchParams(pairs));
				const again = parseNetworkQuery(networkParams(q));
				expect({ ...again, badDate: null }).toEqual({ ...q, badDate: null });
			}),
			{ numRuns: 2000 }
		);
	});
});

describe('which days a choice means (Europe/Amsterdam)', () => {
	// Wednesday 2 December 2026, 13:00.
	const now = at('2026-12-02', '13:00');

	it('today from now, tomorrow, the weekend, the rest of the week, a day, the coming four weeks', () => {
		const today = listWindow({ when: 'vandaag', date: null }, now);
		expect(days(today)).toEqual(['2026-12-02', '2026-12-02']);
		expect(today.from).toEqual(now);
		expect(days(listWindow({ when: 'morgen', date: null }, now))).toEqual(['2026-12-03', '2026-12-03']);
		expect(days(listWindow({ when: 'weekend', date: null }, now))).toEqual(['2026-12-05', '2026-12-06']);
		expect(days(listWindow({ when: 'week', date: null }, now))).toEqual(['2026-12-02', '2026-12-06']);
		const chosen = listWindow({ when: 'datum', date: { year: 2026, month: 11, day: 20 } }, now);
		expect(days(chosen)).toEqual(['2026-11-20', '2026-11-20']);
		// A day in the past shows all of it.
		expect(chosen.from).toEqual(chosen.start);
		expect(days(listWindow({ when: null, date: null }, now))).toEqual(['2026-12-02', '2026-12-29']);
	});

	it('on a Sunday, "this weekend" and "this week" are what is left of today', () => {
		const sunday = at('2026-12-06', '10:00');
		expect(days(listWindow({ when: 'weekend', date: null }, sunday))).toEqual(['2026-12-06', '2026-12-06']);
		expect(days(listWindow({ when: 'week', date: null }, sunday))).toEqual(['2026-12-06', '2026-12-06']);
		expect(days(listWindow({ when: 'weekend', date: null }, at('2026-12-05', '10:00')))).toEqual(['2026-12-05', '2026-12-06']);
	});

	it('a week runs Monday to Sunday, a month from the first to the last day, across summer time', () => {
		expect(days(weekWindow({ year: 2026, month: 12, day: 2 }))).toEqual(['2026-11-30', '2026-12-06']);
		const march = monthWindow({ year: 2027, month: 3, day: 15 });
		expect(days(march)).toEqual(['2027-03-01', '2027-03-31']);
		expect(march.days).toHaveLength(31);
		// The week with the change to winter time has 7 days and one more hour.
		const october = weekWindow({ year: 2026, month: 10, day: 25 });
		expect(october.to.getTime() - october.start.getTime()).toBe((7 * 24 + 1) * 3600_000);
	});

	it('a week or month view is about the chosen day, else the day "wanneer" points to, else today', () => {
		expect(anchorDay({ when: null, date: null }, now)).toEqual({ year: 2026, month: 12, day: 2 });
		expect(anchorDay({ when: 'weekend', date: null }, now)).toEqual({ year: 2026, month: 12, day: 5 });
		expect(anchorDay({ when: 'datum', date: { year: 2027, month: 1, day: 9 } }, now)).toEqual({ year: 2027, month: 1, day: 9 });
	});
});
