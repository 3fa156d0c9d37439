import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { initiativeForm } from '#lib/server/initiatives/forms.ts';
import { createInitiative } from '#lib/server/initiatives/service.ts';
import { formError, parseForm } from '#lib/server/http/forms.ts';
import { guarded } from '#lib/server/http/guard.ts';
import { requireSignedIn } from '#lib/server/access/core.ts';
import { localizeHref } from '#lib/paraglide/runtime.js';

export const load: PageServerLoad = (event) => guarded(event, async () => ({ viewer: requireSignedIn(event.locals.viewer).name }));

export const actions: Actions = {
	default: (event) =>
		guarded(event, async () => {
			const form = await event.request.formData();
			const parsed = parseForm(initiativeForm, form);
			if (!parsed.ok) return parsed.failure;
			const result = await createInitiative(event.locals.db, event.locals.viewer, parsed.data);
			if (!result.ok) return formError(400, form, result.field, result.error);
			redirect(303, localizeHref(`/initiatieven/${result.initiative.slug}`));
		})
};
