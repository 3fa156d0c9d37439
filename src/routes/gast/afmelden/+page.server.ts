import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { verifyGuestCancelToken } from '#lib/server/activities/guests/links.ts';
import { cancelGuestSignup, inspectGuestCancel } from '#lib/server/activities/guests/service.ts';
import { appContext } from '#lib/server/app.ts';
import { readForm } from '#lib/server/http/forms.ts';
import { linkError, tokenOf } from '../link-error.ts';

/*
 * The "cancel" link from a guest's mails: works without an account. Opening
 * it changes nothing; the button cancels. A link that finds nothing (not
 * genuine, or the sign-up is gone) gives a plain message and a 404 or 410.
 */

export const load: PageServerLoad = async ({ locals, url, request }) => {
	const token = tokenOf(url.searchParams.get('token'));
	const { secret } = await appContext();
	const view = await inspectGuestCancel(locals.db, secret, token, locals.locale);
	// After the button the sign-up is gone: the page shows what the button did.
	if (request.method === 'POST') return { token, view };
	if (!view) linkError(verifyGuestCancelToken(secret, token) ? 'used' : 'unknown', 'guest_cancel_invalid');
	return { token, view };
};

export const actions: Actions = {
	default: async ({ locals, request }) => {
		const token = tokenOf((await readForm(request))?.get('token'));
		const { secret } = await appContext();
		const view = await inspectGuestCancel(locals.db, secret, token, locals.locale);
		if (!view || !(await cancelGuestSignup(locals.db, secret, token))) return fail(verifyGuestCancelToken(secret, token) ? 410 : 404, { problem: 'guest_cancel_invalid' });
		return { done: true, path: view.path };
	}
};
