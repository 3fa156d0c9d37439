import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { postForm, postFormOptions } from '#lib/server/exchange/forms.ts';
import { createPost, postingInitiatives } from '#lib/server/exchange/service.ts';
import { parseForm, readForm, unreadableForm } from '#lib/server/http/forms.ts';
import { guarded } from '#lib/server/http/guard.ts';
import { localizeHref } from '#lib/paraglide/runtime.js';

export const load: PageServerLoad = (event) =>
	guarded(event, async () => ({
		initiatives: await postingInitiatives(event.locals.db, event.locals.viewer),
		options: postFormOptions
	}));

export const actions: Actions = {
	default: (event) =>
		guarded(event, async () => {
			const { db, viewer } = event.locals;
			const form = await readForm(event.request);
			if (!form) return unreadableForm();
			const parsed = parseForm(postForm, form);
			if (!parsed.ok) return parsed.failure;
			const created = await createPost(db, viewer, parsed.data);
			redirect(303, localizeHref(`/vraag-en-aanbod/${created.id}`));
		})
};
