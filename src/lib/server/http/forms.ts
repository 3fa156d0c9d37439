import { fail } from '@sveltejs/kit';
import type { z } from 'zod';
import { m } from '../../paraglide/messages.js';
import { cleanText } from './text.ts';

/** The crisis plan's parts in the herstelruimte (space/forms.ts): each a text area. */
export const CRISIS_FIELDS = ['crisisCall', 'crisisDo', 'crisisDont', 'crisisPets', 'crisisChildren', 'crisisPost', 'crisisMoney', 'crisisOther'];

type MessageKey = keyof typeof m;

/** Fields never sent back to the browser after a failed submit, and never changed: a password is what was typed. */
const SECRET_FIELDS = new Set(['password', 'newPassword', 'currentPassword']);

/** Fields people write more than one line in (text areas): line breaks and tabs are kept there. */
const LONG_TEXT_FIELDS = new Set(['description', 'message', 'bring', 'list', 'whatHappened', 'reason', 'likes', 'talents', 'story', 'introduction', 'training', 'notAbout', 'blockText', 'entryText', 'note', 'reflectionText', 'ownDimensions', 'goal', 'accessibility', 'storyUse', 'aftercare', 'feedback', 'checkIn', 'reflection', 'cardRoles', 'cardAsk', 'cardNotAsk', ...CRISIS_FIELDS]);

/** Where to go after the form: only `localPath` reads it, which has its own, stricter check (and falls back). */
const REDIRECT_FIELDS = new Set(['next']);

export interface FormFailure {
	/** Field name → message for the person, in their language. */
	errors: Record<string, string>;
	/** What the person typed, so nothing is lost (passwords excepted). */
	values: Record<string, string>;
}

/**
 * The submitted form, or null when the body cannot be read as one (another
 * content type, broken multipart). Form actions must not answer that with a 500.
 */
export async function readForm(request: Request): Promise<FormData | null> {
	try {
		return await request.formData();
	} catch {
		return null;
	}
}

/** The answer to a body that is not a readable form: a 400 with a message, on the same page. */
export function unreadableForm() {
	const failure: FormFailure = { errors: { form: m.form_error_unreadable() }, values: {} };
	return fail(400, failure);
}

/**
 * The text fields of a form, as typed, without secrets. A field sent more
 * than once (checkboxes) keeps all its values, joined by commas.
 */
export function formValues(form: FormData): Record<string, string> {
	const values: Record<string, string> = {};
	for (const [key, value] of form) {
		if (typeof value !== 'string' || SECRET_FIELDS.has(key)) continue;
		values[key] = key in values ? `${values[key]},${value}` : value;
	}
	return values;
}

/** Translate a message key (used as the error text in our zod schemas). */
export function t(key: string): string {
	const message = (m as unknown as Record<string, (() => string) | undefined>)[key];
	return message ? message() : m.form_error_invalid();
}

/**
 * Every text field of a form as we keep it (see `cleanText`): the one place
 * where text from outside is normalised and characters that have no place
 * in it are refused, before any schema sees it. Secrets stay as typed; a
 * field sent more than once becomes a list; files stay files.
 */
export function cleanFields(fields: Iterable<[string, unknown]>): { raw: Record<string, unknown>; refused: string[] } {
	const all = new Map<string, unknown[]>();
	for (const [key, value] of fields) all.set(key, [...(all.get(key) ?? []), value]);
	const raw: Record<string, unknown> = {};
	const refused = new Set<string>();
	for (const [key, values] of all) {
		const kind = LONG_TEXT_FIELDS.has(key) ? 'long' : 'line';
		const cleaned = values.map((value) => {
			if (typeof value !== 'string' || SECRET_FIELDS.has(key) || REDIRECT_FIELDS.has(key)) return value;
			const text = cleanText(value, kind);
			if (text === null) refused.add(key);
			return text ?? '';
		});
		raw[key] = cleaned.length > 1 ? cleaned : cleaned[0];
	}
	return { raw, refused: [...refused] };
}

/**
 * Validate a form with a zod schema whose error messages are message keys,
 * after `cleanFields`. On failure: a 400 with a message per field and what
 * the person typed.
 */
export function parseForm<S extends z.ZodType>(
	schema: S,
	form: FormData
): { ok: true; data: z.infer<S> } | { ok: false; failure: ReturnType<typeof fail<FormFailure>> } {
	const { raw, refused } = cleanFields(form);
	const result = schema.safeParse(raw);
	if (result.success && !refused.length) return { ok: true, data: result.data };
	const errors: Record<string, string> = {};
	for (const field of refused) errors[field] = m.form_error_characters();
	for (const issue of result.success ? [] : result.error.issues) {
		const field = String(issue.path[0] ?? 'form');
		errors[field] ??= t(issue.message);
	}
	return { ok: false, failure: fail(400, { errors, values: formValues(form) }) };
}

/** A failure with one message, for one field or for the whole form. */
export function formError(status: number, form: FormData, field: string, key: MessageKey | string) {
	return fail(status, { errors: { [field]: t(key) }, values: formValues(form) } satisfies FormFailure);
}
