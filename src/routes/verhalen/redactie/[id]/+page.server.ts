import type { Actions, PageServerLoad } from './$types';
import { requireRedactie } from '#lib/server/access/stories.ts';
import { guarded, uuidParam } from '#lib/server/http/guard.ts';
import { parseForm, readForm, unreadableForm } from '#lib/server/http/forms.ts';
import { editForm } from '#lib/server/stories/forms.ts';
import { getStory } from '#lib/server/stories/read.ts';
import { approveStory, proposeEdit } from '#lib/server/stories/redactie.ts';
import { redirect } from '@sveltejs/kit';
import { localizeHref } from '#lib/paraglide/runtime.js';

export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		const { db, viewer } = event.locals;
		const id = uuidParam(event.params.id);
		const { story } = await requireRedactie(db, viewer, id);
		return { story: await getStory(db, viewer, id), body: story.body };
	});

export const actions: Actions = {
	goedkeuren: (event) =>
		guarded(event, async () => {
			const id = uuidParam(event.params.id);
			await approveStory(event.locals.db, event.locals.viewer, id);
			redirect(303, localizeHref('/verhalen/redactie'));
		}),
	voorstellen: (event) =>
		guarded(event, async () => {
			const form = await readForm(event.request);
			if (!form) return unreadableForm();
			const parsed = parseForm(editForm, form);
			if (!parsed.ok) return parsed.failure;
			await proposeEdit(event.locals.db, event.locals.viewer, uuidParam(event.params.id), parsed.data);
			return { proposed: true };
		})
};
