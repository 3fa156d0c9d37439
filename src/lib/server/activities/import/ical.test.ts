import { describe, expect, it } from 'vitest';
import type { Draft, DraftRow } from './draft.ts';
import { parseIcal } from './ical.ts';
import { readImportFile, validateRow } from './service.ts';
import { amsterdamMoment } from '../time.ts';

const NOW = new Date('2026-11-24T12:00:00Z');
const options = { kind: 'ontdekking', visibility: 'public' } as const;
const at = (date: string, time: string) => {
	const [year, month, day] = date.split('-').map(Number);
	const [hour, minute] = time.split(':').map(Number);
	return amsterdamMoment({ year, month, day }, { hour, minute })!;
};

/** A calendar with these VEVENT bodies (lines joined with CRLF). */
function calendar(...events: string[][]): string {
	const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//NL'];
	for (const e of events) lines.push('BEGIN:VEVENT', 'DTSTAMP:20261101T120000Z', ...e, 'END:VEVENT');
	return [...lines, 'END:VCALENDAR', ''].join('\r\n');
}

function read(text: string): Draft {
	const result = parseIcal(text, NOW);
	if (!result.ok) throw new Error(`not read: ${result.error}`);
	return result.draft;
}

function valid(row: DraftRow) {
	const { input, errors } = validateRow(row, options);
	expect(errors).toEqual([]);
	return input!;
}

/** Amsterdam's rules written out as a VTIMEZONE under a name that is no IANA zone (as Outlook does). */
const OUTLOOK_ZONE = [
	'BEGIN:VTIMEZONE',
	'TZID:Mijn eigen zone',
	'BEGIN:STANDARD',
	'DTSTART:16011028T030000',
	'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10',
	'TZOFFSETFROM:+0200',
	'TZOFFSETTO:+0100',
	'END:STANDARD',
	'BEGIN:DAYLIGHT',
	'DTSTART:16010325T020000',
	'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3',
	'TZOFFSETFROM:+0100',
	'TZOFFSETTO:+0200',
	'END:DAYLIGHT',
	'END:VTIMEZONE'
];

describe('an iCalendar file', () => {
	it('turns TZID, UTC and floating times into the right moments in Amsterdam', () => {
		const text = calendar(
			['UID:amsterdam', 'SUMMARY:Amsterdam', 'DTSTART;TZID=Europe/Amsterdam:20261201T190000', 'DTEND;TZID=Europe/Amsterdam:20261201T210000'],
			['UID:utc', 'SUMMARY:UTC', 'DTSTART:20261201T180000Z', 'DTEND:20261201T200000Z'],
			['UID:floating', 'SUMMARY:Zwevend', 'DTSTART:20261201T190000', 'DTEND:20261201T210000'],
			['UID:london', 'SUMMARY:Londen', 'DTSTART;TZID=Europe/London:20270601T180000', 'DURATION:PT2H'],
			['UID:mozilla', 'SUMMARY:Mozilla', 'DTSTART;TZID=/mozilla.org/20050126_1/Europe/Amsterdam:20270601T190000', 'DTEND;TZID=/mozilla.org/20050126_1/Europe/Amsterdam:20270601T200000'],
			['UID:windows', 'SUMMARY:Windows', 'DTSTART;TZID=W. Europe Standard Time:20270601T190000', 'DTEND;TZID=W. Europe Standard Time:20270601T200000']
		);
		const rows = read(text).rows.map(valid);
		expect(rows.slice(0, 3).map((r) => [r.startsAt, r.endsAt])).toEqual(Array(3).fill([at('2026-12-01', '19:00'), at('2026-12-01', '21:00')]));
		expect(rows[3].startsAt).toEqual(at('2027-06-01', '19:00')); // 18:00 in London is 19:00 here
		expect(rows[3].endsAt).toEqual(at('2027-06-01', '21:00'));
		expect(rows[4].startsAt).toEqual(at('2027-06-01', '19:00'));
		expect(rows[5].startsAt).toEqual(at('2027-06-01', '19:00'));
	});

	it('uses the file’s own VTIMEZONE for a zone it does not know by name, in summer and in winter', () => {
		const text = [
			'BEGIN:VCALENDAR',
			'VERSION:2.0',
			'PRODID:-//test//NL',
			...OUTLOOK_ZONE,
			'BEGIN:VEVENT',
			'UID:winter',
			'SUMMARY:Winter',
			'DTSTART;TZID=Mijn eigen zone:20261201T190000',
			'DTEND;TZID=Mijn eigen zone:20261201T200000',
			'END:VEVENT',
			'BEGIN:VEVENT',
			'UID:zomer',
			'SUMMARY:Zomer',
			'DTSTART;TZID=Mijn eigen zone:20270601T190000',
			'DTEND;TZID=Mijn eigen zone:20270601T200000',
			'END:VEVENT',
			'END:VCALENDAR'
		].join('\r\n');
		const [winter, summer] = read(text).rows.map(valid);
		expect(winter.startsAt).toEqual(at('2026-12-01', '19:00'));
		expect(summer.startsAt).toEqual(at('2027-06-01', '19:00'));
	});

	it('assumes Amsterdam for a zone it cannot know, and says so', () => {
		const [row] = read(calendar(['UID:x', 'SUMMARY:X', 'DTSTART;TZID=Nergens:20261201T190000', 'DTEND;TZID=Nergens:20261201T200000'])).rows;
		expect(valid(row).startsAt).toEqual(at('2026-12-01', '19:00'));
		expect(row.notes).toContain('import_note_zone_guessed');
	});

	it('keeps a weekly rule across the change to summer time, with its end, cancelled dates and a moved date', () => {
		const text = calendar(
			[
				'UID:wandel@voorbeeld',
				'SUMMARY:Wandelen',
				'LOCATION:Stadspark',
				'DTSTART;TZID=Europe/Amsterdam:20261201T190000',
				'DTEND;TZID=Europe/Amsterdam:20261201T203000',
				'RRULE:FREQ=WEEKLY;BYDAY=TU;UNTIL=20270406T170000Z',
				'EXDATE;TZID=Europe/Amsterdam:20261222T190000,20261229T190000'
			],
			['UID:wandel@voorbeeld', 'SUMMARY:Wandelen (later)', 'RECURRENCE-ID;TZID=Europe/Amsterdam:20270105T190000', 'DTSTART;TZID=Europe/Amsterdam:20270107T200000', 'DTEND;TZID=Europe/Amsterdam:20270107T213000'],
			['UID:wandel@voorbeeld', 'RECURRENCE-ID:20270112T180000Z', 'STATUS:CANCELLED', 'DTSTART:20270112T180000Z', 'DTEND:20270112T193000Z']
		);
		const d = read(text);
		expect(d.rows).toHaveLength(1);
		const [row] = d.rows;
		expect(row.key).toBe('ical:wandel@voorbeeld');
		// 17:00 UTC on 6 April is 19:00 summer time: the last walk.
		expect(row.values).toMatchObject({ title: 'Wandelen', place: 'Stadspark', repeat: 'weekly', ends: 'until', untilDate: '2027-04-06' });
		const input = valid(row);
		expect(input.rrule).toMatch(/^FREQ=WEEKLY;BYDAY=TU;UNTIL=/);
		expect(row.exceptions).toEqual([
			{ at: at('2026-12-22', '19:00').toISOString() },
			{ at: at('2026-12-29', '19:00').toISOString() },
			{ at: at('2027-01-05', '19:00').toISOString(), startsAt: at('2027-01-07', '20:00').toISOString(), endsAt: at('2027-01-07', '21:30').toISOString() },
			{ at: at('2027-01-12', '19:00').toISOString() }
		]);
	});

	it('an UNTIL at the exact start of the last date keeps that date; one just before it does not', () => {
		const rule = (until: string) =>
			read(calendar(['UID:u', 'SUMMARY:U', 'DTSTART;TZID=Europe/Amsterdam:20261201T190000', 'DTEND;TZID=Europe/Amsterdam:20261201T200000', `RRULE:FREQ=WEEKLY;UNTIL=${until}`])).rows[0].values.untilDate;
		expect(rule('20261215T180000Z')).toBe('2026-12-15');
		expect(rule('20261215T175959Z')).toBe('2026-12-14');
		expect(rule('20261215')).toBe('2026-12-15');
	});

	it('keeps every other week and "every first Tuesday", with a count', () => {
		const [biweekly, monthly, setpos] = read(
			calendar(
				['UID:a', 'SUMMARY:A', 'DTSTART;TZID=Europe/Amsterdam:20261201T190000', 'DTEND;TZID=Europe/Amsterdam:20261201T200000', 'RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=6'],
				['UID:b', 'SUMMARY:B', 'DTSTART;TZID=Europe/Amsterdam:20261201T190000', 'DTEND;TZID=Europe/Amsterdam:20261201T200000', 'RRULE:FREQ=MONTHLY;BYDAY=1TU'],
				['UID:c', 'SUMMARY:C', 'DTSTART;TZID=Europe/Amsterdam:20261201T190000', 'DTEND;TZID=Europe/Amsterdam:20261201T200000', 'RRULE:FREQ=MONTHLY;BYDAY=TU;BYSETPOS=1']
			)
		).rows;
		expect(valid(biweekly).rrule).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=6');
		expect(valid(monthly).rrule).toBe('FREQ=MONTHLY;BYDAY=+1TU');
		expect(valid(setpos).rrule).toBe('FREQ=MONTHLY;BYDAY=+1TU');
	});

	it('a rule the form cannot say becomes its first date only, and the preview says so', () => {
		const unsupported = ['FREQ=DAILY', 'FREQ=WEEKLY;BYDAY=MO,WE', 'FREQ=MONTHLY;BYMONTHDAY=1', 'FREQ=WEEKLY;INTERVAL=3', 'FREQ=MONTHLY;BYDAY=2TU', 'FREQ=YEARLY'];
		const rows = read(
			calendar(...unsupported.map((r, i) => [`UID:r${i}`, 'SUMMARY:R', 'DTSTART;TZID=Europe/Amsterdam:20261201T190000', 'DTEND;TZID=Europe/Amsterdam:20261201T200000', `RRULE:${r}`, 'EXDATE;TZID=Europe/Amsterdam:20261208T190000']))
		).rows;
		for (const row of rows) {
			expect(row.notes).toContain('import_note_first_date_only');
			expect(row.exceptions).toEqual([]);
			const input = valid(row);
			expect(input.rrule ?? null).toBeNull();
			expect(input.startsAt).toEqual(at('2026-12-01', '19:00'));
		}
	});

	it('a whole-day event, an event over several days and one without a start are mistakes; a cancelled one is marked', () => {
		const rows = read(
			calendar(
				['UID:dag', 'SUMMARY:Dag', 'DTSTART;VALUE=DATE:20261201', 'DTEND;VALUE=DATE:20261202'],
				['UID:lang', 'SUMMARY:Weekend', 'DTSTART:20261205T090000Z', 'DTEND:20261206T150000Z'],
				['UID:geen', 'SUMMARY:Geen begin', 'DTEND:20261206T150000Z'],
				['UID:af', 'SUMMARY:Afgelast', 'STATUS:CANCELLED', 'DTSTART:20261205T090000Z', 'DTEND:20261205T100000Z']
			)
		).rows;
		expect(validateRow(rows[0], options).errors).toEqual([{ field: 'row', key: 'import_error_all_day' }]);
		expect(validateRow(rows[1], options).errors).toEqual([{ field: 'endTime', key: 'import_error_several_days' }]);
		expect(validateRow(rows[2], options).errors[0]).toEqual({ field: 'date', key: 'activity_error_date_missing' });
		expect(rows[3].cancelled).toBe(true);
	});

	it('leaves out events that are over, counts them, and gives each row its line in the file', () => {
		const text = calendar(
			['UID:oud', 'SUMMARY:Oud', 'DTSTART:20250101T090000Z', 'DTEND:20250101T100000Z'],
			['UID:nieuw', 'SUMMARY:Nieuw', 'DTSTART:20261205T090000Z', 'DTEND:20261205T100000Z']
		);
		const d = read(text);
		expect(d.pastLeftOut).toBe(1);
		expect(d.rows.map((r) => r.values.title)).toEqual(['Nieuw']);
		expect(text.split('\r\n')[d.rows[0].line - 1]).toBe('BEGIN:VEVENT');
		expect(d.rows[0].line).toBe(11);
	});

	it('an online link as place goes to the online link; kind is the coordinator’s choice', () => {
		const [row] = read(calendar(['UID:o', 'SUMMARY:Online', 'LOCATION:https://meet.example/abc', 'DTSTART:20261205T090000Z', 'DTEND:20261205T100000Z'])).rows;
		expect(row.values).toMatchObject({ place: '', onlineUrl: 'https://meet.example/abc' });
		expect(valid(row).kind).toBe('ontdekking');
	});

	it('is recognised from its content, with or without a byte-order mark; garbage is not read', () => {
		const text = calendar(['UID:x', 'SUMMARY:X', 'DTSTART:20261205T090000Z', 'DTEND:20261205T100000Z']);
		const bytes = new TextEncoder().encode(`\uFEFF${text}`);
		expect(readImportFile(bytes, NOW)).toMatchObject({ ok: true, draft: { format: 'ical' } });
		expect(parseIcal('BEGIN:VCALENDAR\r\nthis is not\r\nEND:VCALENDAR', NOW)).toMatchObject({ ok: false, error: 'unreadable_ical' });
		expect(parseIcal('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n', NOW)).toMatchObject({ ok: false, error: 'no_rows' });
	});

	it('an event whose date, length or repeat is no value is a line with a mistake; the other events are read', () => {
		const rows = read(
			calendar(
				['UID:a', 'SUMMARY:Kapotte datum', 'DTSTART:garbage', 'DTEND:20261205T100000Z'],
				['UID:b', 'SUMMARY:Eindeloos', 'DTSTART:20261205T090000Z', 'DURATION:P99999999W'],
				['UID:c', 'SUMMARY:Rare herhaling', 'DTSTART:20261205T090000Z', 'DTEND:20261205T100000Z', 'RRULE:FREQ=WEEKLY;UNTIL=nooit'],
				['UID:d', 'SUMMARY:Goed', 'DTSTART:20261205T090000Z', 'DTEND:20261205T100000Z']
			)
		).rows;
		expect(rows.map((r) => [r.values.title, r.problems.map((p) => p.key)])).toEqual([
			['Kapotte datum', ['import_error_unreadable_event']],
			['Eindeloos', ['import_error_unreadable_event']],
			['Rare herhaling', ['import_error_unreadable_event']],
			['Goed', []]
		]);
		expect(valid(rows[3]).title).toBe('Goed');
	});

	it('a title with a control character is a mistake on that line; a UID with one still gives a key that can be stored', () => {
		const [row] = read(calendar(['UID:a\\nb\u0000', 'SUMMARY:Wandelen\\nBEGIN:VEVENT', 'DTSTART:20261205T090000Z', 'DTEND:20261205T100000Z'])).rows;
		expect(row.key).toMatch(/^ical:sha256:[0-9a-f]{64}$/);
		expect(validateRow(row, options).errors).toEqual([{ field: 'title', key: 'form_error_characters' }]);
	});
});
