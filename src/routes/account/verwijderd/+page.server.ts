import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { localizeHref } from '#lib/paraglide/runtime.js';

// Only for someone whose account is gone; a signed-in person belongs on their account page.
export const load: PageServerLoad = ({ locals }) => {
	if (locals.viewer) redirect(303, localizeHref('/account'));
	return {};
};
