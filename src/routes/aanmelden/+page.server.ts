import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { authErrorField, signUpForm } from '#lib/server/accounts/forms.ts';
import { signUp } from '#lib/server/accounts/service.ts';
import { formError, parseForm, readForm, unreadableForm } from '#lib/server/http/forms.ts';
import { localPath } from '#lib/server/http/local-path.ts';
import { applySetCookies, requestInfo } from '#lib/server/http/request.ts';
import { localizeHref } from '#lib/paraglide/runtime.js';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.viewer) redirect(303, localizeHref(localPath(url.searchParams.get('naar'))));
	return { next: localPath(url.searchParams.get('naar')) };
};

export const actions: Actions = {
	default: async (event) => {
		const form = await readForm(event.request);
		if (!form) return unreadableForm();
		const parsed = parseForm(signUpForm, form);
		if (!parsed.ok) return parsed.failure;
		const result = await signUp(event.locals.accounts, requestInfo(event), { ...parsed.data, locale: event.locals.locale });
		if (!result.ok) {
			return formError(result.error === 'rate_limited' ? 429 : 400, form, authErrorField(result.error), `auth_error_${result.error}`);
		}
		applySetCookies(event, result.setCookies);
		redirect(303, localizeHref(localPath(form.get('next'))));
	}
};
