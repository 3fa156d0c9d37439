import { fail } from '@sveltejs/kit';
import { m } from '../../paraglide/messages.js';
import { formValues, type FormFailure } from '../http/forms.ts';
import { GROUP_MAX, GROUP_MIN, MESSAGE_MAX, type GroupResult } from './service.ts';

/** The text of the message field, as typed. */
export function messageBody(form: FormData): string {
	const body = form.get('body');
	return typeof body === 'string' ? body : '';
}

/** A message that could not be sent: a clear message at the field, a fitting status, and the text kept. */
export function sendFailure(form: FormData, error: Exclude<GroupResult, { ok: true }>['error']) {
	// A group's members are chosen in the field `leden`.
	if (error === 'size' || error === 'together') {
		const errors: Record<string, string> = { leden: error === 'size' ? m.groups_error_size({ min: GROUP_MIN, max: GROUP_MAX }) : m.groups_error_together() };
		return fail(400, { errors, values: formValues(form) } satisfies FormFailure);
	}
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
	const errors: Record<string, string> = { body: text };
	return fail(status, { errors, values: formValues(form) } satisfies FormFailure);
}
