import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { emailForm, signInForm } from '#lib/server/accounts/forms.ts';
import { requestMagicLink, signIn } from '#lib/server/accounts/service.ts';
import { formError, formValues, parseForm, readForm, unreadableForm } from '#lib/server/http/forms.ts';
import { localPath } from '#lib/server/http/local-path.ts';
import { applySetCookies, requestInfo } from '#lib/server/http/request.ts';
import { localizeHref } from '#lib/paraglide/runtime.js';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.viewer) redirect(303, localizeHref(localPath(url.searchParams.get('naar'))));
	return { next: localPath(url.searchParams.get('naar')), linkInvalid: url.searchParams.has('link-ongeldig') };
};

export const actions: Actions = {
	wachtwoord: async (event) => {
		const form = await readForm(event.request);
		if (!form) return unreadableForm();
		const parsed = parseForm(signInForm, form);
		if (!parsed.ok) return parsed.failure;
		const result = await signIn(event.locals.accounts, requestInfo(event), parsed.data);
		if (!result.ok) return formError(result.error === 'invalid_credentials' ? 400 : 429, form, 'form', `auth_error_${result.error}`);
		applySetCookies(event, result.setCookies);
		redirect(303, localizeHref(localPath(form.get('next'))));
	},
	link: async (event) => {
		const form = await readForm(event.request);
		if (!form) return unreadableForm();
		const parsed = parseForm(emailForm, form);
		if (!parsed.ok) return parsed.failure;
		const result = await requestMagicLink(event.locals.accounts, requestInfo(event), parsed.data.email);
		if (!result.ok) return formError(429, form, 'form', `auth_error_${result.error}`);
		return { linkSent: true, values: formValues(form) };
	}
};
