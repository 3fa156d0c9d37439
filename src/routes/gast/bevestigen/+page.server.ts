import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { confirmGuestSignup, inspectGuestRequest } from '#lib/server/activities/guests/service.ts';
import { readForm } from '#lib/server/http/forms.ts';
import { LINK_STATUS, linkError, tokenOf } from '../link-error.ts';

/*
 * The confirmation link from a guest's mail. Opening it changes nothing (mail
 * scanners open links too): it shows the activity and a button; the button
 * signs up. A link that does not work gives a plain message and a 404 or 410.
 */

const MESSAGE = { unknown: 'guest_link_invalid', expired: 'guest_link_expired', used: 'guest_link_used', closed: 'guest_link_closed' } as const;

export const load: PageServerLoad = async ({ locals, url, request }) => {
	const token = tokenOf(url.searchParams.get('token'));
	const { state, view } = await inspectGuestRequest(locals.db, token, locals.locale);
	// After the button, the page shows what the button did (the link is used by then).
	if (request.method === 'POST') return { token, view: view ?? null };
	if (state !== 'valid') linkError(state, MESSAGE[state], view?.path);
	return { token, view: view ?? null };
};

export const actions: Actions = {
	default: async ({ locals, request }) => {
		const token = tokenOf((await readForm(request))?.get('token'));
		const result = await confirmGuestSignup(locals.db, token, locals.locale);
		if (!result.ok) return fail(LINK_STATUS[result.state], { problem: MESSAGE[result.state], path: result.view?.path ?? null });
		return { status: result.status, already: result.already, path: result.view.path };
	}
};
