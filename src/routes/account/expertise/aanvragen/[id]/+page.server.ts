import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { answerProposal, expertConfirmsCard, expertMessage, myProposal, saveAfter } from '#lib/server/expertise/proposals.ts';
import { afterForm, threadForm } from '#lib/server/expertise/request-forms.ts';
import { requestActionFailure } from '#lib/server/expertise/request-pages.ts';
import type { RequestActionResult } from '#lib/server/expertise/request-service.ts';
import { parseForm, readForm, unreadableForm } from '#lib/server/http/forms.ts';
import { guarded, signedIn, uuidParam } from '#lib/server/http/guard.ts';
import { localizeHref } from '#lib/paraglide/runtime.js';

const path = (id: string) => `/account/expertise/aanvragen/${id}`;

/** One request the viewer was proposed for: answer, the card, and afterwards their own words and the organisation's. */
export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		const id = uuidParam(event.params.id);
		const me = signedIn(event.locals, path(id));
		return { ...(await myProposal(event.locals.db, me, id)), done: event.url.searchParams.get('klaar') ?? '' };
	});

function step(run: (event: RequestEvent, id: string, form: FormData) => Promise<RequestActionResult | ReturnType<typeof requestActionFailure>>, done: string) {
	return (event: RequestEvent) =>
		guarded(event, async () => {
			const id = uuidParam(event.params.id);
			signedIn(event.locals, path(id));
			const form = await readForm(event.request);
			if (!form) return unreadableForm();
			const result = await run(event, id, form);
			if ('ok' in result) {
				if (!result.ok) return requestActionFailure(form, result.error);
				redirect(303, localizeHref(`${path(id)}?klaar=${done}`));
			}
			return result;
		});
}

export const actions: Actions = {
	ja: step(({ locals }, id) => answerProposal(locals.db, locals.viewer, id, 'accepted'), 'ja'),
	nee: step(({ locals }, id) => answerProposal(locals.db, locals.viewer, id, 'declined'), 'nee'),
	kaart: step(({ locals }, id) => expertConfirmsCard(locals.db, locals.viewer, id), 'kaart'),
	bericht: step(async ({ locals }, id, form) => {
		const parsed = parseForm(threadForm, form);
		if (!parsed.ok) return parsed.failure;
		return expertMessage(locals.db, locals.viewer, id, parsed.data.message);
	}, 'bericht'),
	nazorg: step(async ({ locals }, id, form) => {
		const parsed = parseForm(afterForm, form);
		if (!parsed.ok) return parsed.failure;
		return saveAfter(locals.db, locals.viewer, id, parsed.data);
	}, 'nazorg')
};
