import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizeHref } from '#lib/paraglide/runtime.js';
import { formatDay } from '#lib/server/activities/time.ts';
import { writeFailure } from '#lib/server/announcements/forms.ts';
import { announceToDate, dateAnnouncementForm } from '#lib/server/announcements/service.ts';
import { readForm, unreadableForm } from '#lib/server/http/forms.ts';
import { guarded } from '#lib/server/http/guard.ts';
import { messageBody } from '#lib/server/messages/forms.ts';
import { resolve } from '../date.ts';

/** "Bericht aan iedereen die komt" for one date (`?datum=` as on the activity's page): its hosts and the coordinators. */
export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		const { id, occurrence } = await resolve(event);
		const { title } = await dateAnnouncementForm(event.locals.db, event.locals.viewer, id);
		const datum = event.url.searchParams.get('datum');
		return {
			title,
			date: formatDay(occurrence.key, event.locals.locale),
			back: `/initiatieven/${event.params.slug}/activiteiten/${id}${datum ? `?datum=${encodeURIComponent(datum)}` : ''}`
		};
	});

export const actions: Actions = {
	default: (event) =>
		guarded(event, async () => {
			const { id, occurrence } = await resolve(event);
			const form = await readForm(event.request);
			if (!form) return unreadableForm();
			const result = await announceToDate(event.locals.db, event.locals.viewer, id, occurrence.key, messageBody(form));
			if (!result.ok) return writeFailure(form, result.error);
			redirect(303, localizeHref(`/berichten/groep/${result.id}`));
		})
};
