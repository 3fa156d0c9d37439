import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { confirmHandover, handoverByLink } from '#lib/server/handover/service.ts';
import { outsideLinkGone } from '#lib/server/outside/forms.ts';
import { localizeHref } from '#lib/paraglide/runtime.js';

/** The secret link: confirm (a button, so mail scanners confirm nothing), then follow. Anything it cannot open is a 404. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const view = await handoverByLink(locals.db, params.token);
	if (!view) outsideLinkGone();
	return { view, justConfirmed: url.searchParams.has('bevestigd') };
};

export const actions: Actions = {
	default: async ({ locals, params }) => {
		if (!(await confirmHandover(locals.db, params.token))) outsideLinkGone();
		redirect(303, localizeHref(`/doorverwijzing/${params.token}?bevestigd`));
	}
};
