import type { Actions, PageServerLoad } from './$types';
import { emailConfirmForm } from '#lib/server/accounts/account-forms.ts';
import { confirmEmailChange, isEmailChangeLinkValid } from '#lib/server/accounts/account-email.ts';
import { formError, parseForm } from '#lib/server/http/forms.ts';
import { accountDeps } from '#lib/server/http/request.ts';

// The link in the e-mail only shows a button: mail scanners that open links
// must not use up the one-time token. Works signed in or not.
export const load: PageServerLoad = async ({ locals, url }) => {
	const token = url.searchParams.get('token') ?? '';
	return { token, valid: await isEmailChangeLinkValid(locals.db, token) };
};

export const actions: Actions = {
	default: async ({ locals, request }) => {
		const form = await request.formData();
		const parsed = parseForm(emailConfirmForm, form);
		if (!parsed.ok) return parsed.failure;
		const result = await confirmEmailChange(accountDeps(locals), parsed.data.token);
		if (!result.ok) {
			return formError(400, form, 'form', result.error === 'email_taken' ? 'account_error_email_taken' : 'account_email_link_invalid');
		}
		return { confirmed: result.email };
	}
};
