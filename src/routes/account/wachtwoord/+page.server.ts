import type { Actions, PageServerLoad } from './$types';
import { changePassword } from '#lib/server/accounts/account.ts';
import { passwordChangeForm } from '#lib/server/accounts/account-forms.ts';
import { formError, parseForm } from '#lib/server/http/forms.ts';
import { accountDeps, applySetCookies, requestInfo } from '#lib/server/http/request.ts';
import { signedIn } from '#lib/server/http/guard.ts';

export const load: PageServerLoad = ({ locals }) => {
	signedIn(locals, '/account/wachtwoord');
	return {};
};

export const actions: Actions = {
	default: async (event) => {
		const viewer = signedIn(event.locals, '/account/wachtwoord');
		const form = await event.request.formData();
		const parsed = parseForm(passwordChangeForm, form);
		if (!parsed.ok) return parsed.failure;
		const result = await changePassword(accountDeps(event.locals), viewer, requestInfo(event), parsed.data);
		if (!result.ok) {
			const field = result.error === 'wrong_password' ? 'currentPassword' : result.error === 'weak_password' ? 'newPassword' : 'form';
			const key = result.error === 'weak_password' ? 'form_password_short' : `account_error_${result.error}`;
			return formError(result.error === 'rate_limited' ? 429 : 400, form, field, key);
		}
		applySetCookies(event, result.setCookies);
		return { changed: true };
	}
};
