import type { Actions, PageServerLoad } from './$types';
import { changePassword, choosePassword } from '#lib/server/accounts/account.ts';
import { passwordChangeForm, passwordChooseForm } from '#lib/server/accounts/account-forms.ts';
import { hasPassword } from '#lib/server/accounts/service.ts';
import { formError, parseForm } from '#lib/server/http/forms.ts';
import { accountDeps, applySetCookies, requestInfo } from '#lib/server/http/request.ts';
import { signedIn } from '#lib/server/http/guard.ts';

export const load: PageServerLoad = async ({ locals }) => {
	const viewer = signedIn(locals, '/account/wachtwoord');
	return { hasPassword: await hasPassword(locals.db, viewer.userId) };
};

export const actions: Actions = {
	default: async (event) => {
		const viewer = signedIn(event.locals, '/account/wachtwoord');
		const form = await event.request.formData();
		// Without a password (a sign-in link removed an unproven one) the person chooses one without the old.
		const deps = accountDeps(event.locals);
		const first = !(await hasPassword(event.locals.db, viewer.userId));
		let result;
		if (first) {
			const parsed = parseForm(passwordChooseForm, form);
			if (!parsed.ok) return parsed.failure;
			result = await choosePassword(deps, viewer, requestInfo(event), parsed.data.newPassword);
		} else {
			const parsed = parseForm(passwordChangeForm, form);
			if (!parsed.ok) return parsed.failure;
			result = await changePassword(deps, viewer, requestInfo(event), parsed.data);
		}
		if (!result.ok) {
			const field = result.error === 'wrong_password' ? 'currentPassword' : result.error === 'weak_password' ? 'newPassword' : 'form';
			const key = result.error === 'weak_password' ? 'form_password_short' : `account_error_${result.error}`;
			return formError(result.error === 'rate_limited' ? 429 : 400, form, field, key);
		}
		applySetCookies(event, result.setCookies);
		return { changed: true };
	}
};
