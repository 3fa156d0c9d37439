import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizeHref } from '#lib/paraglide/runtime.js';
import { readForm, unreadableForm } from '#lib/server/http/forms.ts';
import { guarded, uuidParam } from '#lib/server/http/guard.ts';
import { messageBody, sendFailure } from '#lib/server/messages/forms.ts';
import { GROUP_MAX, GROUP_MIN, groupForm, MESSAGE_MAX, startGroup } from '#lib/server/messages/service.ts';

/** A small group conversation: choose an initiative you share, a few fellow members, and write the first message. */
export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		const slug = event.url.searchParams.get('initiatief') ?? undefined;
		const name = (event.url.searchParams.get('zoek') ?? '').slice(0, 100);
		const { initiatives, chosen, candidates } = await groupForm(event.locals.db, event.locals.viewer, slug, name);
		return {
			initiatives: initiatives.map(({ slug, name }) => ({ slug, name })),
			chosen,
			candidates,
			name,
			min: GROUP_MIN,
			max: GROUP_MAX,
			bodyMax: MESSAGE_MAX
		};
	});

export const actions: Actions = {
	starten: (event) =>
		guarded(event, async () => {
			const form = await readForm(event.request);
			if (!form) return unreadableForm();
			const initiativeId = uuidParam(String(form.get('initiatief') ?? ''));
			const chosen = form.getAll('leden').filter((v): v is string => typeof v === 'string');
			const result = await startGroup(event.locals.db, event.locals.viewer, initiativeId, chosen, messageBody(form));
			if (!result.ok) return sendFailure(form, result.error);
			redirect(303, localizeHref(`/berichten/${result.conversationId}`));
		})
};
