import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { signOut } from '#lib/server/accounts/service.ts';
import { applySetCookies, requestInfo } from '#lib/server/http/request.ts';
import { localizeHref } from '#lib/paraglide/runtime.js';

export const load: PageServerLoad = ({ locals }) => ({ signedIn: !!locals.viewer });

export const actions: Actions = {
	default: async (event) => {
		const result = await signOut(event.locals.accounts, requestInfo(event));
		if (result.ok) applySetCookies(event, result.setCookies);
		redirect(303, localizeHref('/uitloggen'));
	}
};
