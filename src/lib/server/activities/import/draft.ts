import { z } from 'zod';

/**
 * What an import file says, before anything is checked against the
 * database: one row per activity, with the activity form's own field names
 * (`title`, `date`, `startTime`, …) as if a coordinator had typed them. The
 * same draft goes to the preview and, in a hidden field, to the confirm step,
 * where it is checked again from the start (`draftFromJson`).
 */

/** At most this many activities in one import; a bigger schedule goes in parts. */
export const MAX_ROWS = 500;
/** The largest file or feed we read. */
export const MAX_BYTES = 2 * 1024 * 1024;

/** A problem with one field of a row (or with the whole row: field `row`); `key` is a message key. */
export interface RowProblem {
	field: string;
	key: string;
}

/**
 * A change to one date of a series from an iCalendar file: `at` is the
 * original start (ISO); with `startsAt`/`endsAt` it moved, without them it
 * is cancelled.
 */
export interface DraftException {
	at: string;
	startsAt?: string;
	endsAt?: string;
}

export interface DraftRow {
	/** Where the row starts in the file (1 is the first line). */
	line: number;
	/** Who this activity is on a later import: `ical:<UID>` or `csv:<hash>`. */
	key: string;
	/** The activity form's fields as text (a list for a multiple choice). */
	values: Record<string, string | string[]>;
	/** What was wrong while reading the file; shown instead of the form's message for that field. */
	problems: RowProblem[];
	/** Things worth knowing that are no error (message keys). */
	notes: string[];
	exceptions: DraftException[];
	/** The calendar says this event does not go on (iCalendar STATUS:CANCELLED). */
	cancelled?: boolean;
}

export interface Draft {
	format: 'csv' | 'ical';
	rows: DraftRow[];
	/** Column names we did not know (CSV), each once. */
	unknownColumns: string[];
	/** Events in the file that had already ended, left out (iCalendar). */
	pastLeftOut: number;
}

/** Why a file as a whole cannot be read; the route turns each into a Dutch message. */
export type FileError =
	| { error: 'empty' }
	| { error: 'too_large' }
	| { error: 'not_text' }
	| { error: 'spreadsheet' }
	| { error: 'unreadable_csv'; line: number }
	| { error: 'unreadable_ical' }
	| { error: 'missing_columns'; columns: string[] }
	| { error: 'no_rows' }
	| { error: 'too_many_rows' };

export type DraftResult = { ok: true; draft: Draft } | ({ ok: false } & FileError);

const text = (max: number) => z.string().max(max);
const iso = z.iso.datetime();

/** The draft as the browser sends it back: every part bounded, nothing else allowed. */
const draftSchema = z.strictObject({
	format: z.enum(['csv', 'ical']),
	rows: z
		.array(
			z.strictObject({
				line: z.number().int().min(1).max(10_000_000),
				key: text(400).regex(/^(csv|ical):\P{Cc}+$/u),
				values: z.record(text(40).regex(/^[a-zA-Z]+$/), z.union([text(5000), z.array(text(100)).max(30)])).refine((v) => Object.keys(v).length <= 40),
				problems: z.array(z.strictObject({ field: text(40), key: text(80).regex(/^[a-z_]+$/) })).max(40),
				notes: z.array(text(80).regex(/^[a-z_]+$/)).max(20),
				exceptions: z.array(z.strictObject({ at: iso, startsAt: iso.optional(), endsAt: iso.optional() })).max(400),
				cancelled: z.boolean().optional()
			})
		)
		.max(MAX_ROWS),
	unknownColumns: z.array(text(100)).max(100),
	pastLeftOut: z.number().int().min(0).max(10_000_000)
});

/** The draft for the hidden field of the confirm step. */
export function draftToJson(draft: Draft): string {
	return JSON.stringify(draft);
}

/** A draft back from the browser: null when it is not one (or too big); it is checked again like a new file. */
export function draftFromJson(json: string): Draft | null {
	if (json.length > 4 * MAX_BYTES) return null;
	try {
		const parsed = draftSchema.safeParse(JSON.parse(json));
		return parsed.success ? parsed.data : null;
	} catch {
		return null;
	}
}
