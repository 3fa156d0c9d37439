import type { Actions, PageServerLoad } from './$types';
import { requireAdmin } from '#lib/server/access/core.ts';
import { grantPoolCoordinator, listPoolCoordinators, revokePoolCoordinator } from '#lib/server/expertise/pool.ts';
import { formError, readForm, unreadableForm } from '#lib/server/http/forms.ts';
import { guarded, uuidParam } from '#lib/server/http/guard.ts';

/** The association admin gives and takes the pool coordinator task. */
export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		requireAdmin(event.locals.viewer);
		return { coordinators: await listPoolCoordinators(event.locals.db, event.locals.viewer) };
	});

export const actions: Actions = {
	toevoegen: (event) =>
		guarded(event, async () => {
			requireAdmin(event.locals.viewer);
			const form = await readForm(event.request);
			if (!form) return unreadableForm();
			const email = String(form.get('email') ?? '').trim();
			if (!email || email.length > 254 || !email.includes('@')) return formError(400, form, 'email', 'expertise_error_email');
			const result = await grantPoolCoordinator(event.locals.db, event.locals.viewer, email);
			if (!result.ok) return formError(400, form, 'email', result.error);
			return { done: 'added' };
		}),
	intrekken: (event) =>
		guarded(event, async () => {
			requireAdmin(event.locals.viewer);
			const form = await readForm(event.request);
			if (!form) return unreadableForm();
			await revokePoolCoordinator(event.locals.db, event.locals.viewer, uuidParam(String(form.get('id') ?? '')));
			return { done: 'removed' };
		})
};
