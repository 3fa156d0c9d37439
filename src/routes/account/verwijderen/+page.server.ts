import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { deleteAccount, initiativesNeedingSuccessor } from '#lib/server/personal-data/delete.ts';
import { deleteForm } from '#lib/server/accounts/account-forms.ts';
import { formError, formValues, parseForm, t } from '#lib/server/http/forms.ts';
import { accountDeps, applySetCookies, requestInfo } from '#lib/server/http/request.ts';
import { localizeHref } from '#lib/paraglide/runtime.js';
import { signedIn } from '#lib/server/http/guard.ts';

export const load: PageServerLoad = async ({ locals }) => {
	const viewer = signedIn(locals, '/account/verwijderen');
	return { blockedBy: await initiativesNeedingSuccessor(locals.db, viewer) };
};

export const actions: Actions = {
	default: async (event) => {
		const viewer = signedIn(event.locals, '/account/verwijderen');
		const form = await event.request.formData();
		const parsed = parseForm(deleteForm, form);
		if (!parsed.ok) return parsed.failure;
		const result = await deleteAccount(accountDeps(event.locals), viewer, requestInfo(event), parsed.data);
		if (!result.ok) {
			if (result.error === 'last_coordinator') {
				const errors: Record<string, string> = { form: t('account_error_last_coordinator') };
				return fail(409, { errors, values: formValues(form), blockedBy: result.initiatives });
			}
			const field = result.error === 'wrong_password' ? 'currentPassword' : 'form';
			return formError(result.error === 'rate_limited' ? 429 : 400, form, field, `account_error_${result.error}`);
		}
		applySetCookies(event, result.setCookies);
		redirect(303, localizeHref('/account/verwijderd'));
	}
};
