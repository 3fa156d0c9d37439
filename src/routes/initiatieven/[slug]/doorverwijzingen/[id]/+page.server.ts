import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formError, readForm, unreadableForm } from '#lib/server/http/forms.ts';
import { guarded, uuidParam } from '#lib/server/http/guard.ts';
import { closeHandover, handoverDetail, recordStep } from '#lib/server/handover/queue.ts';
import { RECORDED_STEPS } from '#lib/server/handover/schema.ts';
import { localizeHref } from '#lib/paraglide/runtime.js';

export const load: PageServerLoad = (event) =>
	guarded(event, async () => ({
		steps: RECORDED_STEPS,
		saved: event.url.searchParams.has('opgeslagen'),
		...(await handoverDetail(event.locals.db, event.locals.viewer, event.params.slug, uuidParam(event.params.id)))
	}));

const back = (slug: string, id: string) => localizeHref(`/initiatieven/${slug}/doorverwijzingen/${id}?opgeslagen`);

export const actions: Actions = {
	stap: (event) =>
		guarded(event, async () => {
			const id = uuidParam(event.params.id);
			const form = await readForm(event.request);
			if (!form) return unreadableForm();
			const result = await recordStep(event.locals.db, event.locals.viewer, event.params.slug, id, form.get('step'));
			if (!result.ok) return formError(400, form, 'step', result.error === 'closed' ? 'handover_error_closed' : 'handover_error_step');
			redirect(303, back(event.params.slug, id));
		}),
	afsluiten: (event) =>
		guarded(event, async () => {
			const id = uuidParam(event.params.id);
			await closeHandover(event.locals.db, event.locals.viewer, event.params.slug, id);
			redirect(303, back(event.params.slug, id));
		})
};
