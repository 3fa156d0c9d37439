import { fail } from '@sveltejs/kit';
import { m } from '../../paraglide/messages.js';
import { formValues, type FormFailure } from '../http/forms.ts';
import { outsideLinkGone } from '../outside/forms.ts';
import type { RequestActionError } from './request-service.ts';

/*
 * How the routes of requests answer a step that could not be taken: a
 * stale page or a second click is a 409, a step that no longer fits a 409
 * too (the page shows the new state), the wrong number of experts a 400,
 * and a link that opens nothing a 404. What was typed is kept.
 */
export function requestActionFailure(form: FormData | null, error: RequestActionError | 'count') {
	if (error === 'gone') outsideLinkGone();
	const message = { stale: m.expertise_error_stale(), state: m.expertise_error_state(), count: m.expertise_error_count() }[error];
	const failure: FormFailure = { errors: { form: message }, values: form ? formValues(form) : {} };
	return fail(error === 'count' ? 400 : 409, failure);
}

/** The version a form was made from; -1 (never current) when missing or not a number. */
export function formVersion(form: FormData): number {
	const value = Number(form.get('version'));
	return Number.isInteger(value) && value >= 0 ? value : -1;
}
