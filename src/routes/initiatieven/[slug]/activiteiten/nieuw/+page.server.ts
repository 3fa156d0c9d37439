import { randomUUID } from 'node:crypto';
import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireMember } from '#lib/server/access/initiatives.ts';
import { activityForm, activityFormOptions, formKeyOf, pastDateQuestion, startsTooEarly } from '#lib/server/activities/forms.ts';
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
			options: activityFormOptions,
			formKey: randomUUID()
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
			if (startsTooEarly(form, parsed.data, new Date())) return fail(400, pastDateQuestion(form));
			const created = await createActivity(db, viewer, initiative.id, parsed.data, { formKey: formKeyOf(form) });
			redirect(303, localizeHref(`/initiatieven/${initiative.slug}/activiteiten/${created.id}`));
		})
};
