import type { Actions, PageServerLoad } from './$types';
import { requireCoordinator } from '#lib/server/access/initiatives.ts';
import { updateActivitySettings } from '#lib/server/activities/proposals.ts';
import { readForm, unreadableForm } from '#lib/server/http/forms.ts';
import { guarded } from '#lib/server/http/guard.ts';

/** Coordinators choose how activities come into their calendar, and who may sign up. */
export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		const { initiative } = await requireCoordinator(event.locals.db, event.locals.viewer, { slug: event.params.slug });
		return {
			initiative: { slug: initiative.slug, name: initiative.name },
			settings: { reviewActivities: initiative.reviewActivities, guestSignups: initiative.guestSignups }
		};
	});

export const actions: Actions = {
	default: (event) =>
		guarded(event, async () => {
			const { db, viewer } = event.locals;
			const { initiative } = await requireCoordinator(db, viewer, { slug: event.params.slug });
			const form = await readForm(event.request);
			if (!form) return unreadableForm();
			// Checkboxes: ticked is "on", not ticked is absent.
			await updateActivitySettings(db, viewer, initiative.id, {
				reviewActivities: form.get('reviewActivities') === 'on',
				guestSignups: form.get('guestSignups') === 'on'
			});
			return { saved: true };
		})
};
