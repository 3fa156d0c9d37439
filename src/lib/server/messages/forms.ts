import { fail } from '@sveltejs/kit';
import { m } from '../../paraglide/messages.js';
import { formValues, type FormFailure } from '../http/forms.ts';
import { MESSAGE_MAX, type SendResult } from './service.ts';

/** The text of the message field, as typed. */
export function messageBody(form: FormData): string {
	const body = form.get('body');
	return typeof body === 'string' ? body : '';
}

/** A message that could not be sent: a clear message at the field, a fitting status, and the text kept. */
export function sendFailure(form: FormData, error: Exclude<SendResult, { ok: true }>['error']) {
	const body = messageBody(form);
	const [status, text] =
		error === 'empty'
			? [400, m.messages_error_empty()]
			: error === 'too_long'
				? [400, m.messages_error_long({ max: MESSAGE_MAX, length: body.length })]
				: error === 'rate_limited'
					? [429, m.messages_error_rate()]
					: error === 'not_receiving'
						? [403, m.boundaries_not_receiving()]
						: [403, m.messages_error_closed()];
	return fail(status, { errors: { body: text }, values: formValues(form) } satisfies FormFailure);
}
