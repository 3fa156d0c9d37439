import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { postForm, postFormOptions } from '#lib/server/exchange/forms.ts';
import { getPost, postingInitiatives, updatePost } from '#lib/server/exchange/service.ts';
import { NotFound } from '#lib/server/access/core.ts';
import { parseForm, readForm, unreadableForm } from '#lib/server/http/forms.ts';
import { guarded, uuidParam } from '#lib/server/http/guard.ts';
import { localizeHref } from '#lib/paraglide/runtime.js';

export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		const { db, viewer } = event.locals;
		const { post, isOwner } = await getPost(db, viewer, uuidParam(event.params.id));
		if (!isOwner) throw new NotFound();
		const values: Record<string, string> = {
			kind: post.kind,
			title: post.title,
			body: post.body,
			theme: post.theme,
			where: post.online ? 'online' : 'town',
			town: post.town,
			audience: post.audience,
			endsOn: post.endsOn ?? '',
			initiativeId: post.initiativeId
		};
		return { id: post.id, title: post.title, values, initiatives: await postingInitiatives(db, viewer), options: postFormOptions };
	});

export const actions: Actions = {
	default: (event) =>
		guarded(event, async () => {
			const id = uuidParam(event.params.id);
			const form = await readForm(event.request);
			if (!form) return unreadableForm();
			const parsed = parseForm(postForm, form);
			if (!parsed.ok) return parsed.failure;
			await updatePost(event.locals.db, event.locals.viewer, id, parsed.data);
			redirect(303, localizeHref(`/vraag-en-aanbod/${id}`));
		})
};
