import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { localizeHref } from '#lib/paraglide/runtime.js';
import { formError, parseForm, readForm, unreadableForm } from '#lib/server/http/forms.ts';
import { signedIn } from '#lib/server/http/guard.ts';
import { localPath } from '#lib/server/http/local-path.ts';
import { requestInfo } from '#lib/server/http/request.ts';
import { confirmPassword } from '#lib/server/space/recent.ts';

/** Ask the password again before a big step; then back to where the person was (inside the herstelruimte only). */
const back = (value: unknown) => {
	const path = localPath(value, '/mijn-herstelruimte');
	return path.startsWith('/mijn-herstelruimte') ? path : '/mijn-herstelruimte';
};

export const load: PageServerLoad = ({ locals, url }) => {
	signedIn(locals, url.pathname + url.search);
	return { next: back(url.searchParams.get('naar')) };
};

export const actions: Actions = {
	default: async (event) => {
		const me = signedIn(event.locals, event.url.pathname + event.url.search);
		const form = await readForm(event.request);
		if (!form) return unreadableForm();
		const parsed = parseForm(z.object({ password: z.string().min(1, 'space_confirm_wrong').max(200, 'space_confirm_wrong') }), form);
		if (!parsed.ok) return parsed.failure;
		const result = await confirmPassword(event.locals.accounts, me, requestInfo(event).headers, parsed.data.password);
		if (result === 'wrong_password') return formError(400, form, 'password', 'space_confirm_wrong');
		if (result === 'rate_limited') return formError(429, form, 'password', 'space_confirm_rate_limited');
		if (result === 'no_password') return formError(400, form, 'form', 'space_confirm_no_password');
		redirect(303, localizeHref(back(event.url.searchParams.get('naar'))));
	}
};
