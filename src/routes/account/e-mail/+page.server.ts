import type { Actions, PageServerLoad } from './$types';
import { emailChangeForm } from '#lib/server/accounts/account-forms.ts';
import { requestEmailChange } from '#lib/server/accounts/account-email.ts';
import { getAccount } from '#lib/server/accounts/account.ts';
import { formError, parseForm } from '#lib/server/http/forms.ts';
import { signedIn } from '#lib/server/http/guard.ts';
import { accountDeps } from '#lib/server/http/request.ts';

export const load: PageServerLoad = async ({ locals }) => {
	const account = await getAccount(locals.db, signedIn(locals, '/account/e-mail'));
	return { email: account?.email ?? '' };
};

export const actions: Actions = {
	default: async ({ locals, request }) => {
		const viewer = signedIn(locals, '/account/e-mail');
		const form = await request.formData();
		const parsed = parseForm(emailChangeForm, form);
		if (!parsed.ok) return parsed.failure;
		const result = await requestEmailChange(accountDeps(locals), viewer, parsed.data);
		if (!result.ok) {
			const field = result.error === 'wrong_password' ? 'currentPassword' : result.error === 'rate_limited' ? 'form' : 'email';
			return formError(result.error === 'rate_limited' ? 429 : 400, form, field, `account_error_${result.error}`);
		}
		return { sentTo: parsed.data.email };
	}
};
