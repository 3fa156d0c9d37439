import { createHash } from 'node:crypto';
import { TZDate } from '@date-fns/tz';
import ICAL from 'ical.js';
import { MAX_ROWS, type DraftException, type DraftResult, type DraftRow, type RowProblem } from './draft.ts';
import { buildRule, type RepeatPattern } from '../recurrence.ts';
import { toFormParts, ZONE } from '../time.ts';

/**
 * Activities from an iCalendar file or feed (Google Calendar, Outlook, Apple
 * Calendar, another Herstelplein). Each VEVENT becomes the activity form's
 * fields in Amsterdam time. A repeat rule is kept when the form can say it
 * too (every week, every other week, every month on the same week and
 * weekday); EXDATE becomes a cancelled date and a RECURRENCE-ID event a moved
 * one. iCalendar has no kind of activity: the coordinator picks one for all.
 */

type Time = InstanceType<typeof ICAL.Time>;
type Component = InstanceType<typeof ICAL.Component>;
type Zone = InstanceType<typeof ICAL.Timezone>;

/** Outlook names zones after Windows; these are the ones near us. */
const WINDOWS_ZONES: Record<string, string> = {
	'W. Europe Standard Time': 'Europe/Amsterdam',
	'Romance Standard Time': 'Europe/Brussels',
	'Central Europe Standard Time': 'Europe/Budapest',
	'GMT Standard Time': 'Europe/London',
	'Greenwich Standard Time': 'Etc/GMT',
	UTC: 'UTC'
};

function isIana(name: string): boolean {
	try {
		new Intl.DateTimeFormat('en', { timeZone: name });
		return true;
	} catch {
		return false;
	}
}

/** An IANA zone for a TZID: itself, the end of a prefixed one (`/mozilla.org/…/Europe/Amsterdam`), or a Windows name. */
function ianaZone(tzid: string): string | null {
	const name = tzid.replace(/^"|"$/g, '').trim();
	if (WINDOWS_ZONES[name]) return WINDOWS_ZONES[name];
	if (/^[A-Za-z_]+(\/[A-Za-z_+-]+)+$/.test(name) && isIana(name)) return name;
	const tail = /([A-Za-z_]+\/[A-Za-z_+-]+)$/.exec(name)?.[1];
	return tail && isIana(tail) ? tail : null;
}

interface Clock {
	/** VTIMEZONE definitions in the file, by TZID. */
	zones: Map<string, Zone>;
	/** Set when a TZID was unknown and Amsterdam time was assumed. */
	guessed: boolean;
}

/**
 * The real moment of an iCalendar date-time: UTC (`…Z`), in a named zone
 * (IANA rules first, else the file's own VTIMEZONE), or floating, which we
 * read as Amsterdam time. A DATE (whole day) means its start in Amsterdam.
 */
function momentOf(time: Time, tzid: string | null, clock: Clock): Date {
	const wall = [time.year, time.month - 1, time.day, time.isDate ? 0 : time.hour, time.isDate ? 0 : time.minute, time.isDate ? 0 : time.second] as const;
	if (!time.isDate && time.zone?.tzid === 'UTC') return new Date(Date.UTC(...wall));
	// ical.js keeps the TZID parameter on the time when no VTIMEZONE for it was registered.
	const name = tzid ?? (time as { timezone?: string }).timezone ?? null;
	if (!name || time.isDate) return new Date(new TZDate(...wall, ZONE).getTime());
	const iana = ianaZone(name);
	if (iana) return new Date(new TZDate(...wall, iana).getTime());
	const zone = clock.zones.get(name);
	if (zone) return new Date(Date.UTC(...wall) - zone.utcOffset(time) * 1000);
	clock.guessed = true;
	return new Date(new TZDate(...wall, ZONE).getTime());
}

function propertyMoment(component: Component, name: string, clock: Clock): { at: Date; isDate: boolean } | null {
	const property = component.getFirstProperty(name);
	const value = property?.getFirstValue() as Time | null | undefined;
	if (!property || !value || typeof value !== 'object' || !('year' in value)) return null;
	return { at: momentOf(value, (property.getParameter('tzid') as string | undefined) ?? null, clock), isDate: value.isDate };
}

const textOf = (component: Component, name: string) => {
	const value = component.getFirstPropertyValue(name);
	return typeof value === 'string' ? value : '';
};

const WEEKDAY_CODES = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

/** The parts of an RRULE string, as a map (`FREQ` → `WEEKLY`). */
function ruleParts(rule: string): Map<string, string> {
	return new Map(rule.split(';').map((p) => p.split('=') as [string, string]));
}

/**
 * The form's choice for a repeat rule, when the form can say the same:
 * weekly or every other week on the first date's weekday, or monthly on its
 * week and weekday (as `buildRule` makes it). Null otherwise.
 */
function repeatFor(recur: InstanceType<typeof ICAL.Recur>, startsAt: Date): RepeatPattern | null {
	const parts = recur.parts as Record<string, Array<string | number>>;
	const byday = (parts.BYDAY ?? []).map(String);
	const interval = recur.interval || 1;
	const others = Object.keys(parts).filter((k) => k !== 'BYDAY' && !(k === 'BYSETPOS' && recur.freq === 'MONTHLY'));
	if (others.length || byday.length > 1) return null;
	let pattern: RepeatPattern;
	let source: string;
	if (recur.freq === 'WEEKLY' && (interval === 1 || interval === 2)) {
		pattern = interval === 2 ? 'biweekly' : 'weekly';
		source = byday[0] ?? WEEKDAY_CODES[new TZDate(startsAt.getTime(), ZONE).getDay()];
	} else if (recur.freq === 'MONTHLY' && interval === 1 && byday.length === 1) {
		pattern = 'monthly';
		const setpos = (parts.BYSETPOS ?? []).map(Number);
		const match = /^([+-]?\d)?([A-Z]{2})$/.exec(byday[0]);
		if (!match || setpos.length > 1 || (setpos.length && match[1])) return null;
		source = `${Number(match[1] ?? setpos[0] ?? NaN)}${match[2]}`;
	} else return null;
	// `+1TU` and `1TU` say the same.
	const normal = (byday: string | undefined) => byday?.replace(/^\+/, '');
	const made = ruleParts(buildRule(pattern, startsAt, { kind: 'never' })!).get('BYDAY');
	return normal(made) === normal(source) ? pattern : null;
}

/** The last date (in Amsterdam) a rule's UNTIL lets in, for a series starting at `startsAt`. */
function untilDate(until: Time, startsAt: Date, clock: Clock): string {
	const end = momentOf(until, null, clock);
	const day = toFormParts(until.isDate ? new Date(end.getTime() + 12 * 3600_000) : end).date;
	if (until.isDate) return day;
	// UNTIL may fall before that day's start: then the day before is the last.
	const [y, mo, d] = day.split('-').map(Number);
	const start = new TZDate(startsAt.getTime(), ZONE);
	const thatDay = new TZDate(y, mo - 1, d, start.getHours(), start.getMinutes(), ZONE);
	return thatDay.getTime() <= end.getTime() ? day : toFormParts(new Date(new TZDate(y, mo - 1, d - 1, 12, 0, ZONE).getTime())).date;
}

/** The line each VEVENT starts on, in file order. */
function eventLines(text: string): number[] {
	const lines: number[] = [];
	text.split(/\r\n|\n|\r/).forEach((l, i) => {
		if (/^BEGIN:VEVENT\s*$/i.test(l)) lines.push(i + 1);
	});
	return lines;
}

/** An import key for a UID; a very long UID, or one with control characters (a NUL cannot be stored), is hashed. */
function keyOf(uid: string): string {
	return uid.length <= 300 && !/\p{Cc}/u.test(uid) ? `ical:${uid}` : `ical:sha256:${createHash('sha256').update(uid).digest('hex')}`;
}

/** Read an iCalendar text into a draft; events that already ended are left out (counted). */
export function parseIcal(text: string, now: Date = new Date()): DraftResult {
	let calendars: Component[];
	try {
		const parsed = ICAL.parse(text) as unknown[];
		const list = Array.isArray(parsed[0]) ? (parsed as unknown[][]) : [parsed];
		calendars = list.map((jcal) => new ICAL.Component(jcal as ConstructorParameters<typeof ICAL.Component>[0]));
	} catch {
		return { ok: false, error: 'unreadable_ical' };
	}
	if (!calendars.length || calendars.some((c) => c.name !== 'vcalendar')) return { ok: false, error: 'unreadable_ical' };
	const clock: Clock = { zones: new Map(), guessed: false };
	for (const c of calendars) {
		for (const tz of c.getAllSubcomponents('vtimezone')) {
			const tzid = tz.getFirstPropertyValue('tzid');
			if (typeof tzid === 'string') clock.zones.set(tzid, new ICAL.Timezone({ component: tz, tzid }));
		}
	}
	const lines = eventLines(text);
	const events = calendars.flatMap((c) => c.getAllSubcomponents('vevent')).map((component, i) => ({ component, line: lines[i] ?? 1 }));
	const overrides = new Map<string, Component[]>();
	for (const e of events) {
		if (!e.component.hasProperty('recurrence-id')) continue;
		const uid = textOf(e.component, 'uid');
		overrides.set(uid, [...(overrides.get(uid) ?? []), e.component]);
	}

	const rows: DraftRow[] = [];
	let pastLeftOut = 0;
	for (const { component, line } of events) {
		if (component.hasProperty('recurrence-id')) continue;
		clock.guessed = false;
		const row = readEventSafely(component, line, overrides, clock, now);
		if (!row) {
			pastLeftOut++;
			continue;
		}
		if (rows.length >= MAX_ROWS) return { ok: false, error: 'too_many_rows' };
		rows.push(row);
	}
	if (!rows.length && !pastLeftOut) return { ok: false, error: 'no_rows' };
	return { ok: true, draft: { format: 'ical', rows, unknownColumns: [], pastLeftOut } };
}

/**
 * ical.js reads a value only when asked for it, and throws then when it is no
 * value (`DTSTART:garbage`); a date far out of range gives no date at all.
 * Such an event is a line with a mistake, not the end of the whole import.
 */
function readEventSafely(component: Component, line: number, overrides: Map<string, Component[]>, clock: Clock, now: Date): DraftRow | null {
	try {
		return readEvent(component, line, overrides, clock, now);
	} catch {
		const uid = textOf(component, 'uid');
		return {
			line,
			key: keyOf(uid || `line:${line}`),
			values: { title: textOf(component, 'summary') },
			problems: [{ field: 'row', key: 'import_error_unreadable_event' }],
			notes: [],
			exceptions: []
		};
	}
}

/** One VEVENT (with its moved dates) as form fields; null when it ended before `now`. */
function readEvent(component: Component, line: number, overrides: Map<string, Component[]>, clock: Clock, now: Date): DraftRow | null {
	const uid = textOf(component, 'uid');
	const title = textOf(component, 'summary');
	const start = propertyMoment(component, 'dtstart', clock);
	let end = propertyMoment(component, 'dtend', clock);
	const duration = component.getFirstPropertyValue('duration') as InstanceType<typeof ICAL.Duration> | null;
	if (!end && start && duration && typeof duration === 'object' && 'toSeconds' in duration) end = { at: new Date(start.at.getTime() + duration.toSeconds() * 1000), isDate: start.isDate };
	const recur = component.getFirstPropertyValue('rrule') as InstanceType<typeof ICAL.Recur> | null;
	const key = keyOf(uid || `${title}|${start?.at.toISOString() ?? ''}`);
	if (!recur && end && end.at < now) return null;

	const problems: RowProblem[] = [];
	const notes: string[] = [];
	const exceptions: DraftException[] = [];
	const location = textOf(component, 'location').trim();
	const online = /^https?:\/\/\S+$/i.test(location);
	const values: DraftRow['values'] = {
		title,
		description: textOf(component, 'description').trim(),
		place: online ? '' : location,
		...(online ? { onlineUrl: location } : {}),
		date: '',
		startTime: '',
		endTime: '',
		repeat: 'once'
	};
	if (!uid) notes.push('import_note_no_uid');
	if (!start) problems.push({ field: 'date', key: 'activity_error_date_missing' });
	else if (start.isDate) problems.push({ field: 'row', key: 'import_error_all_day' });
	else {
		const from = toFormParts(start.at);
		Object.assign(values, { date: from.date, startTime: from.time });
		if (end) {
			const to = toFormParts(end.at);
			values.endTime = to.time;
			if (to.date !== from.date && end.at > start.at) problems.push({ field: 'endTime', key: 'import_error_several_days' });
		}
	}

	if (start && !start.isDate && recur) {
		const pattern = component.getAllProperties('rrule').length === 1 ? repeatFor(recur, start.at) : null;
		if (!pattern) notes.push('import_note_first_date_only');
		else {
			values.repeat = pattern;
			if (recur.count) Object.assign(values, { ends: 'count', count: String(recur.count) });
			else if (recur.until) Object.assign(values, { ends: 'until', untilDate: untilDate(recur.until, start.at, clock) });
			else values.ends = 'never';
			if (component.hasProperty('rdate')) notes.push('import_note_extra_dates_left_out');
			for (const property of component.getAllProperties('exdate')) {
				const tzid = (property.getParameter('tzid') as string | undefined) ?? null;
				for (const value of property.getValues() as Time[]) exceptions.push({ at: dateOfSeries(value, tzid, start.at, clock).toISOString() });
			}
			for (const o of overrides.get(uid) ?? []) {
				const moved = readOverride(o, start.at, clock);
				if (moved) exceptions.push(moved);
			}
		}
	}
	if (clock.guessed) notes.push('import_note_zone_guessed');
	const cancelled = textOf(component, 'status').toUpperCase() === 'CANCELLED';
	return { line, key, values, problems, notes, exceptions, ...(cancelled ? { cancelled } : {}) };
}

/** A date of the series an EXDATE or RECURRENCE-ID names; a whole day means the series' time on that day. */
function dateOfSeries(value: Time, tzid: string | null, seriesStart: Date, clock: Clock): Date {
	if (!value.isDate) return momentOf(value, tzid, clock);
	const s = new TZDate(seriesStart.getTime(), ZONE);
	return new Date(new TZDate(value.year, value.month - 1, value.day, s.getHours(), s.getMinutes(), ZONE).getTime());
}

/** A RECURRENCE-ID event: its date cancelled, or moved to its own times (null when only its text differs). */
function readOverride(component: Component, seriesStart: Date, clock: Clock): DraftException | null {
	const property = component.getFirstProperty('recurrence-id');
	const value = property?.getFirstValue() as Time | undefined;
	if (!property || !value || typeof value !== 'object') return null;
	const at = dateOfSeries(value, (property.getParameter('tzid') as string | undefined) ?? null, seriesStart, clock);
	if (textOf(component, 'status').toUpperCase() === 'CANCELLED') return { at: at.toISOString() };
	const start = propertyMoment(component, 'dtstart', clock);
	const end = propertyMoment(component, 'dtend', clock);
	if (!start || !end || start.isDate || end.at <= start.at) return null;
	return { at: at.toISOString(), startsAt: start.at.toISOString(), endsAt: end.at.toISOString() };
}
