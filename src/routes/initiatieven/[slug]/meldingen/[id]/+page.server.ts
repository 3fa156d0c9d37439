import type { Actions, PageServerLoad } from './$types';
import { readForm, unreadableForm } from '#lib/server/http/forms.ts';
import { guarded, uuidParam } from '#lib/server/http/guard.ts';
import { actionFailure, charactersFailure, readFields } from '#lib/server/moderation/forms.ts';
import { actOnReport, reportDetail } from '#lib/server/moderation/queue.ts';

/** One report with the reported item alone, and what the coordinators do about it. */
export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		const { initiative, report } = await reportDetail(event.locals.db, event.locals.viewer, event.params.slug, uuidParam(event.params.id));
		return { initiative: { slug: initiative.slug, name: initiative.name }, report };
	});

export const actions: Actions = {
	default: (event) =>
		guarded(event, async () => {
			const form = await readForm(event.request);
			if (!form) return unreadableForm();
			const { values, refused } = readFields(form, ['action', 'reason'] as const);
			if (refused.length) return charactersFailure(form, refused[0]);
			const result = await actOnReport(event.locals.db, event.locals.viewer, event.params.slug, uuidParam(event.params.id), values.action, values.reason);
			if (!result.ok) return actionFailure(form, result.error);
			return { done: true, already: result.already };
		})
};
