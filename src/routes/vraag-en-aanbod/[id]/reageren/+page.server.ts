import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { NotFound } from '#lib/server/access/core.ts';
import { getPost } from '#lib/server/exchange/service.ts';
import { readForm, unreadableForm } from '#lib/server/http/forms.ts';
import { guarded, uuidParam } from '#lib/server/http/guard.ts';
import { messageBody, sendFailure } from '#lib/server/messages/forms.ts';
import { conversationAbout, MESSAGE_MAX, respondToPost } from '#lib/server/messages/service.ts';
import { mayRespondTo } from '#lib/server/messages/settings.ts';
import { localizeHref } from '#lib/paraglide/runtime.js';

export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		const { db, viewer } = event.locals;
		const id = uuidParam(event.params.id);
		const view = await getPost(db, viewer, id);
		if (view.isOwner) throw new NotFound();
		const existing = await conversationAbout(db, viewer, id);
		if (existing) redirect(303, localizeHref(`/berichten/${existing}`));
		const params = { name: view.author, title: view.post.title };
		const soort = event.url.searchParams.get('soort');
		const start = soort === 'vraag' ? m.exchange_respond_start_question(params) : soort === 'graag' ? m.exchange_respond_start_want(params) : m.exchange_respond_start_help(params);
		return { id, title: view.post.title, author: view.author, start, max: MESSAGE_MAX, mayRespond: await mayRespondTo(db, viewer, id) };
	});

export const actions: Actions = {
	default: (event) =>
		guarded(event, async () => {
			const form = await readForm(event.request);
			if (!form) return unreadableForm();
			const result = await respondToPost(event.locals.db, event.locals.viewer, uuidParam(event.params.id), messageBody(form));
			if (!result.ok) return sendFailure(form, result.error);
			redirect(303, localizeHref(`/berichten/${result.conversationId}`));
		})
};
