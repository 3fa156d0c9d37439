import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { grantLocalPoolCoordinator, localPool, revokeLocalPoolCoordinator } from '#lib/server/expertise/pool.ts';
import { formError, readForm, unreadableForm } from '#lib/server/http/forms.ts';
import { guarded, signedIn, uuidParam } from '#lib/server/http/guard.ts';

const path = (slug: string) => `/initiatieven/${slug}/expertisepool`;

/** The initiative's own pool coordinators: who answers the requests organisations make to this initiative. */
export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		const pool = await localPool(event.locals.db, signedIn(event.locals, path(event.params.slug)), event.params.slug);
		return { ...pool, requestPath: `/expertisepool/aanvragen?initiatief=${encodeURIComponent(pool.initiative.slug)}` };
	});

/** Each action: the form read, a coordinator of this initiative, then the change. */
function change(run: (event: RequestEvent, form: FormData) => Promise<ReturnType<typeof formError> | { done: string }>) {
	return (event: RequestEvent) =>
		guarded(event, async () => {
			signedIn(event.locals, path(event.params.slug));
			const form = await readForm(event.request);
			if (!form) return unreadableForm();
			return run(event, form);
		});
}

export const actions: Actions = {
	toevoegen: change(async ({ locals, params }, form) => {
		const userId = String(form.get('userId') ?? '');
		// An account id: letters, digits, - and _ (anything else never reaches the database).
		if (!/^[A-Za-z0-9_-]{1,64}$/.test(userId)) return formError(400, form, 'userId', 'expertise_local_error_choose');
		const result = await grantLocalPoolCoordinator(locals.db, locals.viewer, params.slug, userId);
		if (!result.ok) return formError(400, form, 'userId', 'expertise_local_error_choose');
		return { done: 'added' };
	}),
	intrekken: change(async ({ locals, params }, form) => {
		await revokeLocalPoolCoordinator(locals.db, locals.viewer, params.slug, uuidParam(String(form.get('id') ?? '')));
		return { done: 'removed' };
	})
};
