import { createHash } from 'node:crypto';
import { TZDate } from '@date-fns/tz';
import { parse } from 'csv-parse/sync';
import { m } from '../../../paraglide/messages.js';
import { THEMES } from '../../initiatives/schema.ts';
import { MAX_ROWS, type DraftResult, type DraftRow, type RowProblem } from './draft.ts';
import { ACTIVITY_ACCESSIBILITY, ACTIVITY_KINDS } from '../schema.ts';
import { parseDate, parseTime, ZONE } from '../time.ts';

/**
 * Activities from a spreadsheet saved as CSV (Excel, LibreOffice, Google
 * Sheets). Dutch Excel writes semicolons and often no byte-order mark;
 * others write commas: both work. Each row becomes the activity form's
 * fields, as a coordinator would type them, so the form's own rules check it.
 */

type Field = string;

/** The columns we know: the name in the template, other names people use, and the form field. */
const COLUMNS: Array<{ name: string; field: Field; aliases?: string[] }> = [
	{ name: 'titel', field: 'title', aliases: ['naam', 'activiteit', 'title'] },
	{ name: 'datum', field: 'date', aliases: ['dag', 'date'] },
	{ name: 'begin', field: 'startTime', aliases: ['begintijd', 'start', 'starttijd', 'van'] },
	{ name: 'eind', field: 'endTime', aliases: ['eindtijd', 'einde', 'end'] },
	{ name: 'soort', field: 'kind', aliases: ['kind'] },
	{ name: 'thema', field: 'theme', aliases: ['theme'] },
	{ name: 'plaats', field: 'place', aliases: ['locatie', 'adres', 'waar', 'place'] },
	{ name: 'online_link', field: 'onlineUrl', aliases: ['link', 'online', 'onlinelink'] },
	{ name: 'max_deelnemers', field: 'capacity', aliases: ['plaatsen', 'plekken', 'capaciteit', 'max_aantal', 'maximaal'] },
	{ name: 'kosten', field: 'cost', aliases: ['prijs', 'cost'] },
	{ name: 'meenemen', field: 'bring', aliases: ['wat_meenemen', 'meebrengen'] },
	{ name: 'toegankelijkheid', field: 'accessibility', aliases: ['toegankelijk'] },
	{ name: 'herhaling', field: 'repeat', aliases: ['herhalen', 'hoe_vaak', 'repeat'] },
	{ name: 'tot_en_met', field: 'ends', aliases: ['tot_en_met_datum', 'einddatum', 'laatste_datum', 'tm'] },
	{ name: 'beschrijving', field: 'description', aliases: ['omschrijving', 'toelichting', 'description'] }
];

/** Without these a row is no activity. */
const REQUIRED = ['titel', 'datum', 'begin', 'eind'];

/** Where a form field's column comes in the template: to list a row's mistakes in that order. */
export function columnIndex(field: string): number {
	const i = COLUMNS.findIndex((c) => c.name === columnOf(field));
	return i < 0 ? COLUMNS.length : i;
}

/** The column name for a form field (for messages). */
export function columnOf(field: string): string {
	if (field === 'untilDate' || field === 'count') return 'tot_en_met';
	return COLUMNS.find((c) => c.field === field)?.name ?? field;
}

/** Lower case, no accents, words joined by `_`: "Max. deelnemers" → `max_deelnemers`. */
function normalName(text: string): string {
	return text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '_')
		.replace(/^_|_$/g, '');
}

/** A word to compare: lower case, letters and digits only, anything in brackets left out. */
const word = (text: string) => normalName(text.replace(/\(.*?\)/g, '')).replace(/_/g, '');

const byName = new Map<string, (typeof COLUMNS)[number]>();
for (const c of COLUMNS) for (const n of [c.name, ...(c.aliases ?? [])]) byName.set(word(n), c);

type Messages = Record<string, (inputs?: object, options?: { locale?: 'nl' | 'en' }) => string>;
const messages = m as unknown as Messages;
const labels = (key: string) => ['nl', 'en'].map((locale) => word(messages[key]?.({}, { locale: locale as 'nl' | 'en' }) ?? ''));

/** Words for a list of keys: the key itself and its Dutch and English labels. */
function dictionary(keys: readonly string[], messagePrefix: string): Map<string, string> {
	const map = new Map<string, string>();
	for (const key of keys) for (const w of [word(key), ...labels(`${messagePrefix}${key.replace(/-/g, '_')}`)]) if (w) map.set(w, key);
	return map;
}

let words: { kinds: Map<string, string>; themes: Map<string, string>; access: Map<string, string> } | undefined;
const dictionaries = () =>
	(words ??= {
		kinds: dictionary(ACTIVITY_KINDS, 'activity_kind_'),
		themes: dictionary(THEMES, 'theme_'),
		access: dictionary(ACTIVITY_ACCESSIBILITY, 'access_')
	});

const REPEAT_WORDS: Record<string, string> = {
	'': 'once',
	eenmalig: 'once',
	eenkeer: 'once',
	nee: 'once',
	geen: 'once',
	once: 'once',
	wekelijks: 'weekly',
	elkeweek: 'weekly',
	iedereweek: 'weekly',
	weekly: 'weekly',
	tweewekelijks: 'biweekly',
	omdeweek: 'biweekly',
	omdetweeweken: 'biweekly',
	elketweeweken: 'biweekly',
	iederetweeweken: 'biweekly',
	biweekly: 'biweekly',
	maandelijks: 'monthly',
	elkemaand: 'monthly',
	iederemaand: 'monthly',
	monthly: 'monthly'
};

/**
 * An amount as people write it: `2,50`, `€ 2,50`, `2.50`, `5,-`, `gratis`.
 * Written back the Dutch way (`2,50`; `0` is free); null when it is no amount.
 */
export function normalCost(text: string): string | null {
	const t = text.trim().toLowerCase();
	if (t === '') return '';
	if (t === 'gratis' || t === 'free' || t === 'nvt' || t === 'n.v.t.') return '0';
	const match = /^(?:€|eur|euro)?\s*(\d{1,4})(?:[.,](\d{1,2}|-{1,2}))?\s*(?:€|eur|euro)?$/.exec(t);
	if (!match) return null;
	const cents = match[2] && /\d/.test(match[2]) ? match[2].padEnd(2, '0') : '00';
	return cents === '00' ? match[1] : `${match[1]},${cents}`;
}

/** A date as people write it; a two-digit year means this century (`1-12-26`). */
function normalDate(text: string): string {
	const t = text.trim();
	const short = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{2})$/.exec(t);
	return short ? `${short[1]}-${short[3]}-20${short[4]}` : t;
}

/** A time as people write it: `19:30`, `19.30`, `19u30`, `19 uur`, `19:30:00`. */
function normalTime(text: string): string {
	const t = text.trim().toLowerCase();
	const hours = /^(\d{1,2})\s*(?:u|uur|h)$/.exec(t);
	if (hours) return `${hours[1]}:00`;
	const dutch = /^(\d{1,2})\s*u\s*(\d{2})$/.exec(t);
	return dutch ? `${dutch[1]}:${dutch[2]}` : t;
}

/** The separator of a CSV: the one that occurs most in its first line, outside quotes. */
function separator(text: string): string {
	const firstLine = text.split(/\r?\n/, 1)[0].replace(/"[^"]*"/g, '');
	const counts = [';', ',', '\t'].map((s) => [s, firstLine.split(s).length - 1] as const);
	counts.sort((a, b) => b[1] - a[1]);
	return counts[0][1] > 0 ? counts[0][0] : ';';
}

/**
 * Who a spreadsheet row is on a later import: its title, day and start
 * time. Changing the description or the place then updates the activity;
 * a new time or title makes a new one.
 */
export function csvRowKey(values: Record<string, string | string[]>): string {
	const v = (field: string) => String(values[field] ?? '');
	const date = parseDate(v('date'));
	const time = parseTime(v('startTime'));
	const day = date ? `${date.year}-${date.month}-${date.day}` : v('date').trim();
	const at = time ? `${time.hour}:${time.minute}` : v('startTime').trim();
	const identity = [v('title').trim().toLowerCase().replace(/\s+/g, ' '), day, at].join('|');
	return `csv:${createHash('sha256').update(identity).digest('hex').slice(0, 40)}`;
}

/** One cell into form fields; problems go to `problems`. */
function readCell(field: Field, raw: string, values: DraftRow['values'], problems: RowProblem[]) {
	const value = raw.trim();
	const dict = dictionaries();
	switch (field) {
		case 'kind': {
			if (!value) return; // the coordinator's choice on the import page
			const kind = dict.kinds.get(word(value));
			if (!kind) problems.push({ field, key: 'import_error_kind' });
			values.kind = kind ?? value;
			return;
		}
		case 'theme': {
			const theme = value ? dict.themes.get(word(value)) : '';
			if (theme === undefined) problems.push({ field, key: 'import_error_theme' });
			values.theme = theme ?? value;
			return;
		}
		case 'accessibility': {
			const parts = value.split(/[,;/]/).map((p) => p.trim()).filter(Boolean);
			const keys = parts.map((p) => dict.access.get(word(p)));
			if (keys.some((k) => !k)) problems.push({ field, key: 'import_error_accessibility' });
			values.accessibility = keys.filter((k): k is string => !!k);
			return;
		}
		case 'cost': {
			const cost = normalCost(value);
			if (cost === null) problems.push({ field, key: 'import_error_cost' });
			values.cost = cost ?? value;
			return;
		}
		case 'repeat': {
			const repeat = REPEAT_WORDS[word(value)];
			if (!repeat) problems.push({ field, key: 'import_error_repeat' });
			values.repeat = repeat ?? value;
			return;
		}
		case 'ends': {
			const count = /^(\d{1,4})\s*(?:x|keer|maal)?$/i.exec(value);
			if (!value) values.ends = 'never';
			else if (count) Object.assign(values, { ends: 'count', count: count[1] });
			else Object.assign(values, { ends: 'until', untilDate: normalDate(value) });
			return;
		}
		case 'date':
			values.date = normalDate(value);
			return;
		case 'startTime':
		case 'endTime':
			values[field] = normalTime(value);
			return;
		default:
			values[field] = raw;
	}
}

/** Text as the parser reads it: without a byte-order mark. */
const withoutBom = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/** Read a CSV into a draft: per row the form's fields, or what is wrong with the file as a whole. */
export function parseCsv(input: string): DraftResult {
	const text = withoutBom(input);
	let records: Array<{ record: string[]; info: { lines: number } }>;
	try {
		records = parse(text, { delimiter: separator(text), relax_column_count: true, relax_quotes: true, skip_empty_lines: true, info: true }) as unknown as typeof records;
	} catch (e) {
		return { ok: false, error: 'unreadable_csv', line: Number((e as { lines?: number }).lines) || 1 };
	}
	const [header, ...body] = records;
	if (!header) return { ok: false, error: 'no_rows' };
	const columns = header.record.map((name) => byName.get(word(name)));
	const known = new Set(columns.filter(Boolean).map((c) => c!.name));
	const missing = REQUIRED.filter((name) => !known.has(name));
	if (missing.length) return { ok: false, error: 'missing_columns', columns: missing };
	const unknownColumns = [...new Set(header.record.filter((name, i) => name.trim() && !columns[i]).map((n) => n.trim()))];

	const rows: DraftRow[] = [];
	for (const { record, info } of body) {
		if (record.every((cell) => !cell.trim())) continue; // ";;;" left by a spreadsheet
		if (rows.length >= MAX_ROWS) return { ok: false, error: 'too_many_rows' };
		const values: DraftRow['values'] = {};
		const problems: RowProblem[] = [];
		const used = new Set<string>();
		columns.forEach((column, i) => {
			if (!column || used.has(column.field)) return; // the first of two columns with one name counts
			used.add(column.field);
			readCell(column.field, record[i] ?? '', values, problems);
		});
		// csv-parse counts to the end of a record; a quoted cell may hold line breaks.
		const line = info.lines - record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
		rows.push({ line, key: csvRowKey(values), values, problems, notes: [], exceptions: [] });
	}
	if (!rows.length) return { ok: false, error: 'no_rows' };
	return { ok: true, draft: { format: 'csv', rows, unknownColumns, pastLeftOut: 0 } };
}

/** One CSV field: quoted when needed. */
function csvField(value: string): string {
	return /[";\n\r,]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * The template to download: the Dutch column names and two example rows
 * (a weekly walk and a one-off workshop) on coming dates, with semicolons
 * and a byte-order mark so Excel set to Dutch opens it in columns with
 * accents intact.
 */
export function csvTemplate(now: Date = new Date()): string {
	const today = new TZDate(now.getTime(), ZONE);
	const next = (weekday: number) => {
		const d = new TZDate(today.getFullYear(), today.getMonth(), today.getDate() + 7 + ((weekday - today.getDay() + 7) % 7), 12, 0, ZONE);
		return { text: `${d.getDate()}-${d.getMonth() + 1}-${d.getFullYear()}`, date: d };
	};
	const walk = next(2);
	const until = new TZDate(walk.date.getFullYear(), walk.date.getMonth() + 3, walk.date.getDate(), 12, 0, ZONE);
	const rows = [
		COLUMNS.map((c) => c.name),
		['Samen wandelen', walk.text, '10:00', '11:30', 'ontmoeting', 'wandelen', 'Ingang Stadspark', '', '12', 'gratis', 'Goede schoenen', 'prikkelarm', 'wekelijks', `${until.getDate()}-${until.getMonth() + 1}-${until.getFullYear()}`, 'We lopen een uur door het park en drinken daarna samen koffie.'],
		['Schilderen met acryl', next(4).text, '19:30', '21:30', 'ontplooiing', 'creatief', '', '', '8', '€ 2,50', 'Oude kleren', '', 'eenmalig', '', 'Samen schilderen; verf en doeken zijn er.']
	];
	return `\uFEFF${rows.map((r) => r.map(csvField).join(';')).join('\r\n')}\r\n`;
}
