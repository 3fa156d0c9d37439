import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizeHref } from '#lib/paraglide/runtime.js';
import { writeFailure } from '#lib/server/announcements/forms.ts';
import { announceToMembers, membersAnnouncementForm } from '#lib/server/announcements/service.ts';
import { readForm, unreadableForm } from '#lib/server/http/forms.ts';
import { guarded } from '#lib/server/http/guard.ts';
import { messageBody } from '#lib/server/messages/forms.ts';

/** "Bericht aan alle leden": only the initiative's coordinators. */
export const load: PageServerLoad = (event) => guarded(event, async () => ({ initiative: await membersAnnouncementForm(event.locals.db, event.locals.viewer, event.params.slug) }));

export const actions: Actions = {
	default: (event) =>
		guarded(event, async () => {
			const form = await readForm(event.request);
			if (!form) return unreadableForm();
			const result = await announceToMembers(event.locals.db, event.locals.viewer, event.params.slug, messageBody(form));
			if (!result.ok) return writeFailure(form, result.error);
			redirect(303, localizeHref(`/berichten/groep/${result.id}`));
		})
};
