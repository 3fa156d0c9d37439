import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { tokenForm } from '#lib/server/accounts/forms.ts';
import { useMagicLink } from '#lib/server/accounts/service.ts';
import { parseForm, readForm } from '#lib/server/http/forms.ts';
import { applySetCookies, requestInfo } from '#lib/server/http/request.ts';
import { localizeHref } from '#lib/paraglide/runtime.js';

// The link in the e-mail only shows a button: mail scanners that open links
// must not use up the one-time token.
export const load: PageServerLoad = ({ url }) => ({ token: url.searchParams.get('token') ?? '' });

export const actions: Actions = {
	default: async (event) => {
		const form = await readForm(event.request);
		const parsed = form ? parseForm(tokenForm, form) : undefined;
		const result = parsed?.ok ? await useMagicLink(event.locals.accounts, requestInfo(event), parsed.data.token) : undefined;
		if (!result?.ok) redirect(303, localizeHref('/inloggen?link-ongeldig'));
		applySetCookies(event, result.setCookies);
		redirect(303, localizeHref(result.withoutPassword ? '/account/wachtwoord' : '/'));
	}
};
