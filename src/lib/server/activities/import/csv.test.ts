import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvTemplate, normalCost, parseCsv } from './csv.ts';
import type { Draft } from './draft.ts';
import { readImportFile, validateRow } from './service.ts';
import { amsterdamMoment } from '../time.ts';

const options = { kind: 'ontmoeting', visibility: 'members' } as const;
const bytes = (text: string) => new TextEncoder().encode(text);

function draft(text: string): Draft {
	const result = parseCsv(text);
	if (!result.ok) throw new Error(`not read: ${result.error}`);
	return result.draft;
}

const HEADER = 'titel;datum;begin;eind;soort;thema;plaats;online_link;max_deelnemers;kosten;meenemen;herhaling;tot_en_met;beschrijving';

describe('a spreadsheet saved as CSV', () => {
	it('reads semicolons and commas, with and without a byte-order mark, to the same rows', () => {
		const semicolons = `${HEADER}\r\nWandelen;1-12-2026;10:00;11:30;ontmoeting;wandelen;Park;;12;gratis;Schoenen;wekelijks;;Een rondje\r\n`;
		const commas = semicolons.replace(/;/g, ',');
		const withBom = `\uFEFF${semicolons}`;
		const rows = [semicolons, commas, withBom].map((t) => draft(t).rows.map((r) => r.values));
		expect(rows[1]).toEqual(rows[0]);
		expect(rows[2]).toEqual(rows[0]);
		expect(rows[0][0]).toMatchObject({ title: 'Wandelen', date: '1-12-2026', startTime: '10:00', kind: 'ontmoeting', theme: 'wandelen', cost: '0', repeat: 'weekly', ends: 'never' });
	});

	it('takes Dutch dates, times with a dot, costs in euros and kinds and themes in any case', () => {
		const [row] = draft(`${HEADER}\nSchilderen;01-12-2026;19.30;21u;ONTPLOOIING;Samen koken en eten;;;8;€ 2,50;;Tweewekelijks;10;\n`).rows;
		expect(row.problems).toEqual([]);
		expect(row.values).toMatchObject({ date: '01-12-2026', startTime: '19.30', endTime: '21:00', kind: 'ontplooiing', theme: 'koken', cost: '2,50', repeat: 'biweekly', ends: 'count', count: '10' });
		const { input } = validateRow(row, options);
		expect(input?.startsAt).toEqual(amsterdamMoment({ year: 2026, month: 12, day: 1 }, { hour: 19, minute: 30 }));
		expect(input?.rrule).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=10');
		expect(input?.kind).toBe('ontplooiing');
	});

	it('takes the words the import page lists, as the forms show them: "aangepast toilet", "Dichtbij openbaar vervoer"', () => {
		const [row] = draft(`titel;datum;begin;eind;toegankelijkheid\nKoffie;1-12-2026;10:00;11:00;aangepast toilet, Dichtbij openbaar vervoer, prikkelarm\n`).rows;
		expect(row.problems).toEqual([]);
		expect(row.values.accessibility).toEqual(['invalidentoilet', 'ov-dichtbij', 'prikkelarm']);
	});

	it('writes amounts the Dutch way, and knows when something is no amount', () => {
		expect(['2,50', '€ 2,50', '€2.5', '2.50 euro', 'EUR 2,50'].map(normalCost)).toEqual(['2,50', '2,50', '2,50', '2,50', '2,50']);
		expect(['gratis', 'Gratis', '0', '', '5,-', '5'].map(normalCost)).toEqual(['0', '0', '0', '', '5', '5']);
		expect(['twee euro', '2,5,0', '-3', '€'].map(normalCost)).toEqual([null, null, null, null]);
		fc.assert(fc.property(fc.string(), (s) => normalCost(s) === null || /^(\d{1,4}(,\d{2})?)?$/.test(normalCost(s)!)));
	});

	it('a mistake names the row’s line and field, and one mistake never hides another', () => {
		const text = `${HEADER}\nGoed;1-12-2026;10:00;11:00;;;;;;;;;;\nFout;31-2-2026;10:00;9:00;feest;;;;nul;twee euro;;soms;;\n;1-12-2026;;;;;;;;;;;;\n`;
		const d = draft(text);
		expect(d.rows.map((r) => r.line)).toEqual([2, 3, 4]);
		const results = d.rows.map((r) => validateRow(r, options));
		expect(results[0].errors).toEqual([]);
		expect(results[0].input?.kind).toBe('ontmoeting'); // the choice on the page, for an empty "soort"
		const fields = Object.fromEntries(results[1].errors.map((e) => [e.field, e.key]));
		expect(fields).toMatchObject({
			date: 'activity_error_date',
			kind: 'import_error_kind',
			capacity: 'activity_error_capacity',
			cost: 'import_error_cost',
			repeat: 'import_error_repeat'
		});
		expect(Object.fromEntries(results[2].errors.map((e) => [e.field, e.key]))).toEqual({
			title: 'activity_error_title',
			startTime: 'activity_error_start_missing',
			endTime: 'activity_error_end_missing'
		});
	});

	it('counts lines of cells with line breaks, skips empty rows, and mentions unknown columns once', () => {
		const text = `titel;datum;begin;eind;kleur;;notities\n"Twee\nregels";1-12-2026;10:00;11:00;rood;;x\n;;;;;;\nDerde;2-12-2026;10:00;11:00;blauw;;y\n`;
		const d = draft(text);
		expect(d.rows.map((r) => [r.line, r.values.title])).toEqual([
			[2, 'Twee\nregels'],
			[5, 'Derde']
		]);
		expect(d.unknownColumns).toEqual(['kleur', 'notities']);
	});

	it('knows other names for columns and ignores case and accents in them', () => {
		const d = draft('Naam,Dag,Begintijd,Eindtijd,Locatie,Max. deelnemers,Omschrijving\nKoffie,1-12-2026,10:00,11:00,Buurthuis,10,Lekker\n');
		expect(d.rows[0].values).toMatchObject({ title: 'Koffie', date: '1-12-2026', startTime: '10:00', endTime: '11:00', place: 'Buurthuis', capacity: '10', description: 'Lekker' });
		expect(d.unknownColumns).toEqual([]);
	});

	it('a file without the needed columns, without rows, or with a broken quote says so', () => {
		expect(parseCsv('hallo wereld\ndit is geen lijst\n')).toMatchObject({ ok: false, error: 'missing_columns', columns: ['titel', 'datum', 'begin', 'eind'] });
		expect(parseCsv(`${HEADER}\n`)).toMatchObject({ ok: false, error: 'no_rows' });
		expect(parseCsv(`${HEADER}\nA;1-12-2026;10:00;11:00\n"B;2-12-2026\n`)).toMatchObject({ ok: false, error: 'unreadable_csv' });
	});

	it('a row is known again by its title, day and start, however they are written', () => {
		const a = draft(`${HEADER}\nWandelen;1-12-2026;10:00;11:00;;;Park;;;;;;;\n`).rows[0];
		const b = draft(`titel,datum,begin,eind,plaats\n wandelen ,2026-12-01,10.00,12:00,Bos\n`).rows[0];
		const c = draft(`${HEADER}\nWandelen;1-12-2026;10:30;11:00;;;Park;;;;;;;\n`).rows[0];
		expect(b.key).toBe(a.key);
		expect(c.key).not.toBe(a.key);
	});

	it('the template opens in Dutch Excel and reads back without a single mistake, on coming dates', () => {
		const now = new Date('2026-11-24T12:00:00Z');
		const template = csvTemplate(now);
		expect(template.startsWith(`\uFEFF${HEADER.replace('beschrijving', '')}`.replace('herhaling', 'toegankelijkheid;herhaling'))).toBe(true);
		const result = readImportFile(bytes(template), now);
		if (!result.ok) throw new Error(result.error);
		expect(result.draft.rows).toHaveLength(2);
		for (const row of result.draft.rows) {
			const { input, errors } = validateRow(row, options);
			expect(errors).toEqual([]);
			expect(input!.startsAt > now).toBe(true);
		}
	});
});

describe('what is not a list of activities', () => {
	it('an empty file, a PDF, an Excel workbook, binary garbage and a huge file each get their own answer', () => {
		expect(readImportFile(new Uint8Array())).toMatchObject({ ok: false, error: 'empty' });
		expect(readImportFile(bytes('  \n\n'))).toMatchObject({ ok: false, error: 'empty' });
		expect(readImportFile(bytes('%PDF-1.7\n%âãÏÓ\n1 0 obj'))).toMatchObject({ ok: false, error: 'not_text' });
		expect(readImportFile(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toMatchObject({ ok: false, error: 'spreadsheet' });
		expect(readImportFile(new Uint8Array([1, 0, 2, 0, 255, 0]))).toMatchObject({ ok: false, error: 'not_text' });
		expect(readImportFile(new Uint8Array(5 * 1024 * 1024).fill(65))).toMatchObject({ ok: false, error: 'too_large' });
	});

	it('reads a file Excel saved as Windows-1252, and one saved as UTF-16', () => {
		const latin = new Uint8Array([...bytes('titel;datum;begin;eind\nCaf'), 0xe9, ...bytes(';1-12-2026;10:00;11:00\n')]);
		const read = readImportFile(latin);
		expect(read.ok && read.draft.rows[0].values.title).toBe('Café');
		const text = '\uFEFFtitel\tdatum\tbegin\teind\r\nCafé\t1-12-2026\t10:00\t11:00\r\n';
		const utf16 = new Uint8Array(text.length * 2);
		for (let i = 0; i < text.length; i++) utf16.set([text.charCodeAt(i) & 255, text.charCodeAt(i) >> 8], i * 2);
		const read16 = readImportFile(utf16);
		expect(read16.ok && read16.draft.rows[0].values.title).toBe('Café');
	});

	it('never throws, whatever the bytes', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 400 }), (b) => {
				const result = readImportFile(b);
				expect(typeof result.ok).toBe('boolean');
			})
		);
		fc.assert(
			fc.property(fc.string({ maxLength: 300 }), (s) => {
				const result = readImportFile(bytes(`titel;datum;begin;eind\n${s}`));
				if (result.ok) for (const row of result.draft.rows) validateRow(row, options);
			})
		);
	});
});
