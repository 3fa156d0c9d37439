import { fail } from '@sveltejs/kit';
import { m } from '../../paraglide/messages.js';
import { amsterdamMoment, parseDate, parseTime } from '../activities/time.ts';
import { formValues } from '../http/forms.ts';
import { cleanText } from '../http/text.ts';
import { CANCEL_NOTE_MAX, PLACE_MAX, THANKS_MAX, type DealError, type Proposal } from './service.ts';

/*
 * The forms of afspraak, gedaan and bedankje. Each carries the version of the
 * afspraak the person saw (see deals/service.ts); every failure keeps what
 * was typed and says in plain words what to do. Failures come back as
 * `dealErrors`/`dealValues`, apart from the message form on the same page.
 */

export interface DealFailure {
	dealErrors: Record<string, string>;
	dealValues: Record<string, string>;
}

const field = (form: FormData, name: string, kind: 'line' | 'long' = 'line'): string | null => {
	const value = form.get(name);
	return typeof value === 'string' ? cleanText(value, kind) : '';
};

/** The version of the afspraak the form was shown with (0: there was none). */
export function formVersion(form: FormData): number {
	const value = Number(form.get('version'));
	return Number.isSafeInteger(value) && value >= 0 ? value : -1;
}

/** The proposal form: a day, a time and a place, or what is wrong with it, per field. */
export function parseProposal(form: FormData, now = new Date()): { ok: true; proposal: Proposal } | { ok: false; failure: ReturnType<typeof fail<DealFailure>> } {
	const errors: Record<string, string> = {};
	const date = parseDate(field(form, 'date') ?? '');
	const time = parseTime(field(form, 'time') ?? '');
	const place = field(form, 'place');
	if (!date) errors.date = m.deals_error_date();
	if (!time) errors.time = m.deals_error_time();
	const startsAt = date && time ? amsterdamMoment(date, time) : null;
	if (date && time && !startsAt) errors.time = m.deals_error_time();
	else if (startsAt && startsAt.getTime() < now.getTime() - 24 * 3600_000) errors.date = m.deals_error_past();
	if (place === null) errors.place = m.form_error_characters();
	else if (!place) errors.place = m.deals_error_place();
	else if (place.length > PLACE_MAX) errors.place = m.deals_error_long({ max: PLACE_MAX, length: place.length });
	if (Object.keys(errors).length || !startsAt || !place) return { ok: false, failure: fail(400, { dealErrors: errors, dealValues: formValues(form) }) };
	return { ok: true, proposal: { startsAt, place } };
}

/** A text field of these forms (the note when cancelling, the bedankje), or null when it holds characters that have no place in text. */
export const dealText = (form: FormData, name: 'note' | 'thanks') => field(form, name, 'long');

/**
 * A step that could not be taken: a fitting status and a clear message, what
 * was typed kept. Text errors go to `field` (place, note, bedankje); the rest
 * to the afspraak as a whole.
 */
export function dealFailure(form: FormData, error: DealError, field: 'place' | 'note' | 'thanks') {
	const length = String(form.get(field) ?? '').trim().length;
	const max = { place: PLACE_MAX, note: CANCEL_NOTE_MAX, thanks: THANKS_MAX }[field];
	const answers: Record<DealError, [number, string, string]> = {
		stale: [409, 'deal', m.deals_error_stale()],
		closed: [403, 'deal', m.messages_error_closed()],
		rate_limited: [429, 'deal', m.messages_error_rate()],
		empty: [400, field, field === 'thanks' ? m.deals_error_thanks_empty() : m.deals_error_place()],
		too_long: [400, field, m.deals_error_long({ max, length })]
	};
	const [status, at, message] = answers[error];
	return fail(status, { dealErrors: { [at]: message }, dealValues: formValues(form) } satisfies DealFailure);
}
