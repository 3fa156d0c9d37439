import type { Actions, PageServerLoad } from './$types';
import { newPasswordForm } from '#lib/server/accounts/forms.ts';
import { resetPassword } from '#lib/server/accounts/service.ts';
import { formError, parseForm, readForm, unreadableForm } from '#lib/server/http/forms.ts';

export const load: PageServerLoad = ({ url }) => ({ token: url.searchParams.get('token') ?? '' });

export const actions: Actions = {
	default: async (event) => {
		const form = await readForm(event.request);
		if (!form) return unreadableForm();
		const parsed = parseForm(newPasswordForm, form);
		if (!parsed.ok) return parsed.failure;
		const result = await resetPassword(event.locals.accounts, parsed.data.token, parsed.data.password);
		if (!result.ok) return formError(400, form, result.error === 'weak_password' ? 'password' : 'form', `auth_error_${result.error}`);
		return { done: true };
	}
};
