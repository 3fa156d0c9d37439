import { error, fail } from '@sveltejs/kit';
import { m } from '../../paraglide/messages.js';
import { formValues, type FormFailure } from '../http/forms.ts';

/*
 * What the routes of every outside request answer in the same way: too many
 * requests (429, what was typed kept) and a link that opens nothing (404,
 * whether it never existed, expired or was forgotten: the page cannot tell).
 */

/** 429 with a plain Dutch message at the top of the form, and everything typed kept. */
export function outsideRateLimited(form: FormData) {
	return fail(429, { errors: { form: m.outside_error_rate() }, values: formValues(form) } satisfies FormFailure);
}

/** Stop with a 404 that says in plain words why a secret link opens nothing. */
export function outsideLinkGone(): never {
	error(404, { message: m.outside_link_gone() });
}
