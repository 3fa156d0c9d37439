import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { LOST_LINK_PATH } from '#lib/server/expertise/request-paths.ts';
import { renewPoolLinks } from '#lib/server/expertise/request-service.ts';
import { formError, readForm, unreadableForm } from '#lib/server/http/forms.ts';
import { outsideRateLimited } from '#lib/server/outside/forms.ts';
import { localizeHref } from '#lib/paraglide/runtime.js';

/** "Link kwijt?": an organisation asks for a new link to its requests, by the address it used. */
export const load: PageServerLoad = ({ url }) => ({ sent: url.searchParams.has('verstuurd') });

export const actions: Actions = {
	default: async (event) => {
		const { db, mailer, origin, locale } = event.locals;
		const form = await readForm(event.request);
		if (!form) return unreadableForm();
		const email = String(form.get('email') ?? '').trim();
		if (!email || email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return formError(400, form, 'email', 'expertise_lost_error_email');
		const result = await renewPoolLinks(db, mailer, { ip: event.getClientAddress(), origin, locale }, email);
		if (!result.ok) return outsideRateLimited(form);
		redirect(303, localizeHref(`${LOST_LINK_PATH}?verstuurd`));
	}
};
