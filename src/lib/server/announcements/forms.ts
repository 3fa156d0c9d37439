import { fail } from '@sveltejs/kit';
import { m } from '../../paraglide/messages.js';
import { formValues, type FormFailure } from '../http/forms.ts';
import { messageBody } from '../messages/forms.ts';
import { MESSAGE_MAX } from '../messages/service.ts';
import type { WriteResult } from './service.ts';

/** A group message that could not be sent: a clear message at the field, a fitting status, and the text kept. */
export function writeFailure(form: FormData, error: Exclude<WriteResult, { ok: true }>['error']) {
	const body = messageBody(form);
	const [status, text] =
		error === 'empty'
			? [400, m.messages_error_empty()]
			: error === 'too_long'
				? [400, m.messages_error_long({ max: MESSAGE_MAX, length: body.length })]
				: error === 'characters'
					? [400, m.form_error_characters()]
					: error === 'rate_limited'
					? [429, m.announcements_error_rate()]
					: [409, m.announcements_error_nobody()];
	return fail(status, { errors: { body: text }, values: formValues(form) } satisfies FormFailure);
}
