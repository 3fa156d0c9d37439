import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { feedbackForm, threadForm } from '#lib/server/expertise/request-forms.ts';
import { formVersion, requestActionFailure } from '#lib/server/expertise/request-pages.ts';
import {
	confirmPoolRequest,
	organisationCancels,
	organisationConfirmsCard,
	organisationFeedback,
	organisationMessage,
	requestByLink,
	type RequestActionResult
} from '#lib/server/expertise/request-service.ts';
import { parseForm, readForm, unreadableForm } from '#lib/server/http/forms.ts';
import { outsideLinkGone } from '#lib/server/outside/forms.ts';
import { localizeHref } from '#lib/paraglide/runtime.js';

/** The organisation's secret link: confirm (a button, so mail scanners confirm nothing), then follow the request. Anything it cannot open is a 404. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const view = await requestByLink(locals.db, params.token);
	if (!view) outsideLinkGone();
	return { view, done: url.searchParams.get('klaar') ?? '' };
};

const back = (token: string, done: string) => redirect(303, localizeHref(`/expertisepool/aanvraag/${token}?klaar=${done}#stand`));

/** After a step: back to the page with a note, or a failure with what was typed. */
function answer(result: RequestActionResult, form: FormData | null, token: string, done: string) {
	if (!result.ok) return requestActionFailure(form, result.error);
	back(token, done);
}

export const actions: Actions = {
	bevestigen: async ({ locals, params }) => {
		if (!(await confirmPoolRequest(locals.db, params.token))) outsideLinkGone();
		back(params.token, 'bevestigd');
	},
	bericht: async ({ locals, params, request }) => {
		const form = await readForm(request);
		if (!form) return unreadableForm();
		const parsed = parseForm(threadForm, form);
		if (!parsed.ok) return parsed.failure;
		return answer(await organisationMessage(locals.db, params.token, parsed.data.message), form, params.token, 'bericht');
	},
	kaart: async ({ locals, params, request }) => {
		const form = await readForm(request);
		if (!form) return unreadableForm();
		return answer(await organisationConfirmsCard(locals.db, params.token, formVersion(form)), form, params.token, 'kaart');
	},
	annuleren: async ({ locals, params, request }) => {
		const form = await readForm(request);
		if (!form) return unreadableForm();
		return answer(await organisationCancels(locals.db, params.token, formVersion(form)), form, params.token, 'geannuleerd');
	},
	terugkoppeling: async ({ locals, params, request }) => {
		const form = await readForm(request);
		if (!form) return unreadableForm();
		const parsed = parseForm(feedbackForm, form);
		if (!parsed.ok) return parsed.failure;
		return answer(await organisationFeedback(locals.db, params.token, parsed.data.feedback), form, params.token, 'terugkoppeling');
	}
};
