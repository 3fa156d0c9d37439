import { redirect, type ActionFailure } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { cardForm, threadForm } from '#lib/server/expertise/request-forms.ts';
import { formVersion, requestActionFailure } from '#lib/server/expertise/request-pages.ts';
import { coordinatorMessage, isCoordinatorStep, moveRequest, proposeExperts, requestDetail, writeCard } from '#lib/server/expertise/request-queue.ts';
import type { RequestActionError } from '#lib/server/expertise/request-service.ts';
import type { FormFailure } from '#lib/server/http/forms.ts';
import { parseForm, readForm, unreadableForm } from '#lib/server/http/forms.ts';
import { guarded, uuidParam } from '#lib/server/http/guard.ts';
import { localizeHref } from '#lib/paraglide/runtime.js';

/** One request for the pool coordinators: the organisation's details, the thread, proposing experts, the card and the next step. */
export const load: PageServerLoad = (event) =>
	guarded(event, async () => ({
		...(await requestDetail(event.locals.db, event.locals.viewer, uuidParam(event.params.id))),
		done: event.url.searchParams.get('klaar') ?? ''
	}));

/** Read the form, run the step, and go back to the page (or answer why not, with what was typed). */
type StepResult = { ok: true } | { ok: false; error: RequestActionError | 'count' } | ActionFailure<FormFailure>;

function step(run: (event: RequestEvent, id: string, form: FormData) => Promise<StepResult>, done: string) {
	return (event: RequestEvent) =>
		guarded(event, async () => {
			const id = uuidParam(event.params.id);
			const form = await readForm(event.request);
			if (!form) return unreadableForm();
			const result = await run(event, id, form);
			if (result && 'ok' in result) {
				if (!result.ok) return requestActionFailure(form, result.error);
				redirect(303, localizeHref(`/expertisepool/coordinatie/aanvragen/${id}?klaar=${done}`));
			}
			return result;
		});
}

export const actions: Actions = {
	bericht: step(async ({ locals }, id, form) => {
		const parsed = parseForm(threadForm, form);
		if (!parsed.ok) return parsed.failure;
		return coordinatorMessage(locals.db, locals.viewer, id, parsed.data.message);
	}, 'bericht'),
	voorstellen: step(async ({ locals }, id, form) => {
		const chosen = form.getAll('profile').filter((v): v is string => typeof v === 'string' && /^[0-9a-f-]{36}$/i.test(v));
		return proposeExperts(locals.db, locals.viewer, id, chosen, formVersion(form));
	}, 'voorgesteld'),
	kaart: step(async ({ locals }, id, form) => {
		const parsed = parseForm(cardForm, form);
		if (!parsed.ok) return parsed.failure;
		return writeCard(locals.db, locals.viewer, id, parsed.data, formVersion(form));
	}, 'kaart'),
	stap: step(async ({ locals }, id, form) => {
		const next = form.get('stap');
		if (!isCoordinatorStep(next)) return { ok: false, error: 'state' };
		return moveRequest(locals.db, locals.viewer, id, next, formVersion(form));
	}, 'stap')
};
