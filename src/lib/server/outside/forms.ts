import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { m } from '../../paraglide/messages.js';
import { formError, formValues, readForm, unreadableForm, type FormFailure } from '../http/forms.ts';
import { localizeHref } from '../../paraglide/runtime.js';
import type { OutsideContext } from './service.ts';

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

/**
 * The action of a "link kwijt?" page: a plausible address, new links by
 * mail through `renew`, then back to the page saying the same thing whatever
 * happened (429 when asked too often, what was typed kept).
 */
export async function lostLinkAction(
	event: RequestEvent,
	path: string,
	renew: (context: OutsideContext, email: string) => Promise<{ ok: true } | { ok: false; error: 'rate_limited' }>
) {
	const form = await readForm(event.request);
	if (!form) return unreadableForm();
	const email = String(form.get('email') ?? '').trim();
	if (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return formError(400, form, 'email', 'outside_lost_error_email');
	const { origin, locale } = event.locals;
	const result = await renew({ ip: event.getClientAddress(), origin, locale }, email);
	if (!result.ok) return outsideRateLimited(form);
	redirect(303, localizeHref(`${path}?verstuurd`));
}
