import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireMember } from '#lib/server/access/index.ts';
import { activityForm, activityFormOptions } from '#lib/server/activities/forms.ts';
import { createActivity } from '#lib/server/activities/service.ts';
import { parseForm, readForm, unreadableForm } from '#lib/server/http/forms.ts';
import { guarded } from '#lib/server/http/guard.ts';
import { localizeHref } from '#lib/paraglide/runtime.js';

export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		const { initiative, role } = await requireMember(event.locals.db, event.locals.viewer, { slug: event.params.slug });
		return {
			initiative: { slug: initiative.slug, name: initiative.name },
			reviewed: initiative.reviewActivities && role !== 'coordinator',
			options: activityFormOptions
		};
	});

export const actions: Actions = {
	default: (event) =>
		guarded(event, async () => {
			const { db, viewer } = event.locals;
			const { initiative } = await requireMember(db, viewer, { slug: event.params.slug });
			const form = await readForm(event.request);
			if (!form) return unreadableForm();
			const parsed = parseForm(activityForm, form);
			if (!parsed.ok) return parsed.failure;
			const created = await createActivity(db, viewer, initiative.id, parsed.data);
			redirect(303, localizeHref(`/initiatieven/${initiative.slug}/activiteiten/${created.id}`));
		})
};
