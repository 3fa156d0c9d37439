import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizeHref } from '#lib/paraglide/runtime.js';
import { formatDay } from '#lib/server/activities/time.ts';
import { readAnnouncement, replyToAnnouncement } from '#lib/server/announcements/service.ts';
import { readForm, unreadableForm } from '#lib/server/http/forms.ts';
import { guarded, uuidParam } from '#lib/server/http/guard.ts';
import { messageBody, sendFailure } from '#lib/server/messages/forms.ts';
import { messageParts } from '#lib/server/messages/linkify.ts';
import { MESSAGE_MAX } from '#lib/server/messages/service.ts';

/** A bericht aan een groep, for its writer or a recipient; "Reageer" writes to the writer alone. */
export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		const read = await readAnnouncement(event.locals.db, event.locals.viewer, uuidParam(event.params.id));
		const a = read.announcement;
		return {
			id: a.id,
			from: a.from,
			to: { initiative: a.initiative, activity: a.activityTitle, date: a.occurrenceStart ? formatDay(a.occurrenceStart, event.locals.locale) : null },
			parts: messageParts(a.body),
			hidden: a.hidden,
			createdAt: a.createdAt,
			isWriter: read.isWriter,
			recipients: read.recipients,
			canReply: read.canReply,
			max: MESSAGE_MAX
		};
	});

export const actions: Actions = {
	reageren: (event) =>
		guarded(event, async () => {
			const form = await readForm(event.request);
			if (!form) return unreadableForm();
			const result = await replyToAnnouncement(event.locals.db, event.locals.viewer, uuidParam(event.params.id), messageBody(form));
			if (!result.ok) return sendFailure(form, result.error);
			redirect(303, localizeHref(`/berichten/${result.conversationId}`));
		})
};
