import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { initiativeForm } from '#lib/server/initiatives/forms.ts';
import { createInitiative } from '#lib/server/initiatives/service.ts';
import { formError, parseForm } from '#lib/server/http/forms.ts';
import { guarded } from '#lib/server/http/guard.ts';
import { requireSignedIn } from '#lib/server/access/core.ts';
import { isEmailConfirmed } from '#lib/server/accounts/confirm-email.ts';
import { localizeHref } from '#lib/paraglide/runtime.js';

export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		const viewer = requireSignedIn(event.locals.viewer);
		return { viewer: viewer.name, confirmed: await isEmailConfirmed(event.locals.db, viewer) };
	});

export const actions: Actions = {
	default: (event) =>
		guarded(event, async () => {
			const form = await event.request.formData();
			const parsed = parseForm(initiativeForm, form);
			if (!parsed.ok) return parsed.failure;
			const result = await createInitiative(event.locals.db, event.locals.viewer, parsed.data);
			if (!result.ok) {
				const status = result.error === 'limit_error_initiatives' ? 429 : result.error === 'confirm_needed_initiative' ? 403 : 400;
				return formError(status, form, result.field, result.error);
			}
			redirect(303, localizeHref(`/initiatieven/${result.initiative.slug}`));
		})
};
