import type { Actions } from './$types';
import { emailForm } from '#lib/server/accounts/forms.ts';
import { requestPasswordReset } from '#lib/server/accounts/service.ts';
import { formError, formValues, parseForm, readForm, unreadableForm } from '#lib/server/http/forms.ts';
import { requestInfo } from '#lib/server/http/request.ts';

export const actions: Actions = {
	default: async (event) => {
		const form = await readForm(event.request);
		if (!form) return unreadableForm();
		const parsed = parseForm(emailForm, form);
		if (!parsed.ok) return parsed.failure;
		const result = await requestPasswordReset(event.locals.accounts, requestInfo(event), parsed.data.email);
		if (!result.ok) return formError(429, form, 'form', `auth_error_${result.error}`);
		return { sent: true, values: formValues(form) };
	}
};
