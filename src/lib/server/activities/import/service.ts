import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { requireCoordinator } from '../../access/initiatives.ts';
import type { Viewer } from '../../accounts/viewer.ts';
import type { Db } from '../../db/index.ts';
import { initiative } from '../../initiatives/schema.ts';
import { cancelOccurrence, moveOccurrence } from '../exceptions.ts';
import { cleanFields } from '../../http/forms.ts';
import { activityForm, type ActivityInput } from '../forms.ts';
import { csvRowKey, parseCsv } from './csv.ts';
import { MAX_BYTES, type Draft, type DraftResult, type DraftRow, type RowProblem } from './draft.ts';
import { fetchFeed, type FeedError } from './feed.ts';
import { parseIcal } from './ical.ts';
import { isOccurrence, seriesExtent } from '../recurrence.ts';
import { ACTIVITY_KINDS, ACTIVITY_VISIBILITIES, activity, activityException } from '../schema.ts';
import { cancelActivity, createActivity, updateActivity } from '../service.ts';

/**
 * "Bring what exists": a coordinator imports a schedule from a spreadsheet
 * (CSV), an iCalendar file or a calendar feed. Three steps:
 *
 * 1. `readImport` reads the file or feed into a draft (csv.ts,
  *    ical.ts): per activity the fields of the activity form.
 * 2. `previewImport` checks each row with the activity form's own rules
 *    (`activityForm`, so new fields of the form count here too) and says
 *    what would happen: new, updated, unchanged, over, or what is wrong.
 *    Nothing is saved.
 * 3. `saveImport` does the same checks again and saves every good row in one
 *    transaction, through the activities service: all of it, or nothing.
 *
 * A row is known again on a later import by its key (`activity.import_key`):
 * the iCalendar UID, or a spreadsheet row's title, day and start. A known row
 * updates its activity, or is left alone when nothing changed.
 */

export type ImportOptions = { kind: (typeof ACTIVITY_KINDS)[number]; visibility: (typeof ACTIVITY_VISIBILITIES)[number] };

const text = z.string().optional().default('');

/** The choices on the import page: the kind for rows without one, and who may see new activities. */
export const importOptionsForm = z
	.object({ kind: text, visibility: text })
	.transform((input, ctx): ImportOptions => {
		const kind = ACTIVITY_KINDS.find((k) => k === input.kind);
		const visibility = ACTIVITY_VISIBILITIES.find((v) => v === (input.visibility || 'members'));
		if (!kind) ctx.issues.push({ code: 'custom', message: 'activity_error_kind', path: ['kind'], input: input.kind });
		if (!visibility) ctx.issues.push({ code: 'custom', message: 'activity_error_visibility', path: ['visibility'], input: input.visibility });
		return kind && visibility ? { kind, visibility } : (z.NEVER as never);
	});

/** Bytes that are a file we read: UTF-8 (with or without byte-order mark), UTF-16 or, failing UTF-8, Windows-1252 (old Excel). */
function decode(bytes: Uint8Array): string {
	if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
	if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return new TextDecoder('windows-1252').decode(bytes);
	}
}

const startsWith = (bytes: Uint8Array, ...sig: number[]) => sig.every((b, i) => bytes[i] === b);

/** An uploaded file (or fetched feed) as a draft: iCalendar when it says so, else CSV. */
export function readImportFile(bytes: Uint8Array, now: Date = new Date()): DraftResult {
	if (bytes.byteLength === 0) return { ok: false, error: 'empty' };
	if (bytes.byteLength > MAX_BYTES) return { ok: false, error: 'too_large' };
	if (startsWith(bytes, 0x50, 0x4b, 0x03, 0x04) || startsWith(bytes, 0xd0, 0xcf, 0x11, 0xe0)) return { ok: false, error: 'spreadsheet' };
	const content = decode(bytes);
	if (content.startsWith('%PDF') || content.slice(0, 8192).includes('\u0000')) return { ok: false, error: 'not_text' };
	if (!content.trim()) return { ok: false, error: 'empty' };
	if (/^\s*BEGIN:VCALENDAR/i.test(content.replace(/^\uFEFF/, ''))) return parseIcal(content, now);
	return parseCsv(content);
}

export type ReadResult = DraftResult | { ok: false; error: FeedError; status?: number };

/**
 * Step 1 for a coordinator: a file, or a feed fetched by the server (only
 * after the coordinator check, so nobody else can make the server fetch).
 */
export async function readImport(
	db: Db,
	viewer: Viewer,
	initiativeId: string,
	source: { file: Uint8Array } | { url: string },
	options: { allowPrivate: boolean; timeoutMs?: number },
	now: Date = new Date()
): Promise<ReadResult> {
	await requireCoordinator(db, viewer, { id: initiativeId });
	if ('file' in source) return readImportFile(source.file, now);
	const fetched = await fetchFeed(source.url, options);
	if (!fetched.ok) return fetched;
	const read = readImportFile(fetched.bytes, now);
	return read.ok && read.draft.format !== 'ical' ? { ok: false, error: 'unreadable_ical' } : read;
}

/** What will happen to a row. */
export type RowStatus = 'new' | 'update' | 'same' | 'cancel' | 'cancelled' | 'past' | 'error';
export const SAVED_STATUSES: readonly RowStatus[] = ['new', 'update', 'cancel'];

export interface PreviewRow {
	line: number;
	key: string;
	/** The form's fields as read from the file. */
	values: DraftRow['values'];
	status: RowStatus;
	/** Per field (or `row`), a message key; empty when the row is fine. */
	errors: RowProblem[];
	notes: string[];
	/** The activity as it would be saved; null when the row has errors. */
	activity: (ActivityInput & { rrule: string | null }) | null;
}

export interface Preview {
	format: Draft['format'];
	rows: PreviewRow[];
	unknownColumns: string[];
	pastLeftOut: number;
	counts: Record<RowStatus, number>;
	/** How many rows `saveImport` will write (new, updated, cancelled). */
	toSave: number;
}

/**
 * Check a row with the activity form's rules. Problems found while reading
 * the file win over the form's message for the same field; a problem with
 * the whole row (`row`) stands alone.
 */
export function validateRow(row: DraftRow, options: ImportOptions): { input: ActivityInput | null; errors: RowProblem[] } {
	const errors = [...row.problems];
	if (errors.some((p) => p.field === 'row')) return { input: null, errors };
	// A file is text from outside like a form: the same normalisation, the same refusals.
	const { raw, refused } = cleanFields(Object.entries(row.values));
	for (const field of refused) if (!errors.some((e) => e.field === field)) errors.push({ field, key: 'form_error_characters' });
	const result = activityForm.safeParse({ ...raw, kind: raw.kind ?? options.kind, visibility: options.visibility });
	if (!result.success) {
		for (const issue of result.error.issues) {
			const field = String(issue.path[0] ?? 'row');
			if (!errors.some((e) => e.field === field)) errors.push({ field, key: issue.message });
		}
	}
	return { input: result.success && !errors.length ? result.data : null, errors };
}

/**
 * The activity fields a row's file gave (the rest an update keeps as it is):
 * the times always; other fields when the file had them. Who may see it is
 * never in a file, and a kind only in a spreadsheet column.
 */
function fieldsFromFile(row: DraftRow): Set<string> {
	const output: Record<string, string> = { date: 'startsAt', startTime: 'startsAt', endTime: 'endsAt', repeat: 'rrule', ends: 'rrule', untilDate: 'rrule', count: 'rrule', cost: 'costCents' };
	return new Set(['startsAt', 'endsAt', 'rrule', ...Object.keys(row.values).map((f) => output[f] ?? f)]);
}

function same(a: unknown, b: unknown): boolean {
	if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
	if (Array.isArray(a) || Array.isArray(b)) return JSON.stringify(a) === JSON.stringify(b);
	return (a ?? null) === (b ?? null);
}

type Existing = typeof activity.$inferSelect;
type Change = { at: Date; to?: { startsAt: Date; endsAt: Date } };

interface Plan extends PreviewRow {
	existing?: Existing;
	/** Date changes still to make (cancelled or moved dates the activity does not have yet). */
	changes: Change[];
}

/** A file's changes to dates that are real dates of the series; the others are left out (with a note). */
function datesChanged(row: DraftRow, input: ActivityInput, notes: string[]): Change[] {
	const series = { startsAt: input.startsAt, endsAt: input.endsAt, rrule: input.rrule ?? null };
	const changes: Change[] = [];
	let leftOut = false;
	for (const e of row.exceptions) {
		const at = new Date(e.at);
		if (!series.rrule || !isOccurrence(series, at)) {
			leftOut = true;
			continue;
		}
		if (!e.startsAt || !e.endsAt) {
			changes.push({ at });
			continue;
		}
		const to = { startsAt: new Date(e.startsAt), endsAt: new Date(e.endsAt) };
		const length = input.endsAt.getTime() - input.startsAt.getTime();
		if (to.endsAt <= to.startsAt) leftOut = true;
		else if (to.startsAt.getTime() !== at.getTime() || to.endsAt.getTime() !== at.getTime() + length) changes.push({ at, to });
	}
	if (leftOut) notes.push('import_note_date_left_out');
	return changes;
}

/** Has the series already got this change (a date cancelled, or moved to these times)? */
function alreadyThere(change: Change, exceptions: Array<typeof activityException.$inferSelect>): boolean {
	const ex = exceptions.find((e) => e.occurrenceStart.getTime() === change.at.getTime());
	if (!ex) return false;
	if (!change.to) return ex.status === 'cancelled';
	return ex.status === 'moved' && same(ex.startsAt, change.to.startsAt) && same(ex.endsAt, change.to.endsAt);
}

/** What would happen to each row, as things are in the database now. */
async function plan(db: Db, initiativeId: string, draft: Draft, options: ImportOptions, now: Date): Promise<Plan[]> {
	// A key from the browser is never trusted: a spreadsheet row's key is made again from its fields.
	const rows = draft.rows.map((r) => ({ ...r, key: draft.format === 'csv' ? csvRowKey(r.values) : r.key }));
	const keys = [...new Set(rows.map((r) => r.key))];
	const existing = new Map<string, Existing>();
	for (let i = 0; i < keys.length; i += 200) {
		const found = await db
			.select()
			.from(activity)
			.where(and(eq(activity.initiativeId, initiativeId), inArray(activity.importKey, keys.slice(i, i + 200))));
		for (const a of found) existing.set(a.importKey!, a);
	}
	const ids = [...existing.values()].map((a) => a.id);
	const exceptions = ids.length ? await db.select().from(activityException).where(inArray(activityException.activityId, ids)) : [];

	const seen = new Set<string>();
	return rows.map((row): Plan => {
		const notes = [...row.notes];
		const { input, errors } = validateRow(row, options);
		const twice = seen.has(row.key);
		seen.add(row.key);
		const wrongKey = draft.format === 'ical' && !row.key.startsWith('ical:');
		if ((twice || wrongKey) && !errors.some((e) => e.field === 'row')) errors.unshift({ field: 'row', key: 'import_error_twice' });
		const base = { line: row.line, key: row.key, values: row.values, errors, notes, changes: [] as Change[] };
		if (!input || errors.length) return { ...base, status: 'error', activity: null };
		const rrule = input.rrule ?? null;
		const found = existing.get(row.key);
		const planned = { ...input, rrule };
		if (row.cancelled) return { ...base, status: found && found.status !== 'cancelled' ? 'cancel' : 'cancelled', activity: planned, existing: found };
		const lastEnd = rrule ? seriesExtent({ startsAt: input.startsAt, endsAt: input.endsAt, rrule }).lastEndsAt : input.endsAt;
		if (lastEnd && lastEnd < now) return { ...base, status: 'past', activity: planned, existing: found };
		const changes = datesChanged(row, input, notes);
		if (!found) return { ...base, status: 'new', activity: planned, changes };
		// An update keeps what the file did not say (and who may see it).
		const fromFile = fieldsFromFile(row);
		const merged: Record<string, unknown> = { ...planned };
		for (const field of Object.keys(merged)) if (!fromFile.has(field) && field in found) merged[field] = found[field as keyof Existing];
		const own = exceptions.filter((e) => e.activityId === found.id);
		const todo = changes.filter((c) => !alreadyThere(c, own));
		const unchanged = Object.keys(merged).every((f) => same(merged[f], found[f as keyof Existing])) && todo.length === 0;
		return { ...base, status: unchanged ? 'same' : 'update', activity: merged as PreviewRow['activity'], existing: found, changes: todo };
	});
}

function summarise(draft: Draft, plans: Plan[]): Preview {
	const counts: Record<RowStatus, number> = { new: 0, update: 0, same: 0, cancel: 0, cancelled: 0, past: 0, error: 0 };
	for (const p of plans) counts[p.status]++;
	return {
		format: draft.format,
		rows: plans.map(({ existing: _, changes: __, ...row }) => row),
		unknownColumns: draft.unknownColumns,
		pastLeftOut: draft.pastLeftOut,
		counts,
		toSave: SAVED_STATUSES.reduce((n, s) => n + counts[s], 0)
	};
}

/** Step 2: what the import would do, row by row. Saves nothing. Coordinators only. */
export async function previewImport(db: Db, viewer: Viewer, initiativeId: string, draft: Draft, options: ImportOptions, now: Date = new Date()): Promise<Preview> {
	await requireCoordinator(db, viewer, { id: initiativeId });
	return summarise(draft, await plan(db, initiativeId, draft, options, now));
}

export interface ImportResult {
	created: number;
	updated: number;
	cancelled: number;
	/** Rows not saved: unchanged, over, cancelled in the file, or with errors. */
	left: number;
}

/**
 * Step 3: save the good rows, checked again from the start (the draft came
 * back from the browser). One transaction: when anything fails, nothing is
 * saved. Imports for one initiative wait for each other, so one file sent
 * twice at once adds its activities once.
 *
 * New activities go through `createActivity` (then get their import key),
 * changes through `updateActivity`, `cancelActivity` and the date changes
 * of exceptions.ts, so their rules and e-mails apply; those open their own
 * transactions, which inside this one are savepoints.
 */
export async function saveImport(db: Db, viewer: Viewer, initiativeId: string, draft: Draft, options: ImportOptions, now: Date = new Date()): Promise<ImportResult> {
	await requireCoordinator(db, viewer, { id: initiativeId });
	return db.transaction(async (tx) => {
		await tx.select({ id: initiative.id }).from(initiative).where(eq(initiative.id, initiativeId)).for('update');
		const plans = await plan(tx, initiativeId, draft, options, now);
		const result: ImportResult = { created: 0, updated: 0, cancelled: 0, left: 0 };
		for (const p of plans) {
			if (p.status === 'new' && p.activity) {
				const created = await createActivity(tx, viewer, initiativeId, p.activity);
				await tx.update(activity).set({ importKey: p.key }).where(eq(activity.id, created.id));
				await applyChanges(tx, viewer, created.id, p.changes);
				result.created++;
			} else if (p.status === 'update' && p.activity && p.existing) {
				await updateActivity(tx, viewer, p.existing.id, p.activity, now);
				await applyChanges(tx, viewer, p.existing.id, p.changes);
				result.updated++;
			} else if (p.status === 'cancel' && p.existing) {
				await cancelActivity(tx, viewer, p.existing.id, now);
				result.cancelled++;
			} else result.left++;
		}
		return result;
	});
}

async function applyChanges(tx: Db, viewer: Viewer, activityId: string, changes: Change[]) {
	for (const c of changes) {
		const done = c.to ? await moveOccurrence(tx, viewer, activityId, c.at, c.to, { checkTimes: false }) : await cancelOccurrence(tx, viewer, activityId, c.at);
		if (!done.ok) throw new Error(`import: date change refused (${done.error})`);
	}
}
