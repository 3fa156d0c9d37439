import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireActivityManager } from '#lib/server/access/activities.ts';
import { NotFound } from '#lib/server/access/core.ts';
import { activityForm, activityFormOptions, formatCost, pastDateQuestion, startsTooEarly } from '#lib/server/activities/forms.ts';
import { updateActivity } from '#lib/server/activities/service.ts';
import { describeRule } from '#lib/server/activities/recurrence.ts';
import { toFormParts } from '#lib/server/activities/time.ts';
import { parseForm, readForm, unreadableForm } from '#lib/server/http/forms.ts';
import { guarded, uuidParam } from '#lib/server/http/guard.ts';
import { localizeHref } from '#lib/paraglide/runtime.js';
import type { Viewer } from '#lib/server/accounts/viewer.ts';
import type { Db } from '#lib/server/db/index.ts';

/** Only the host or a coordinator, and only for an activity of the initiative in the address. */
async function manage(db: Db, viewer: Viewer, slug: string, id: string) {
	const access = await requireActivityManager(db, viewer, uuidParam(id));
	if (access.initiative.slug !== slug || access.activity.status === 'cancelled') throw new NotFound();
	return access;
}

export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		const { activity: a, initiative } = await manage(event.locals.db, event.locals.viewer, event.params.slug, event.params.id);
		const start = toFormParts(a.startsAt);
		const series = describeRule(a.rrule);
		const pad = (n: number) => String(n).padStart(2, '0');
		return {
			initiative: { slug: initiative.slug, name: initiative.name },
			id: a.id,
			values: {
				title: a.title,
				description: a.description,
				kind: a.kind,
				date: start.date,
				startTime: start.time,
				endTime: toFormParts(a.endsAt).time,
				repeat: series.pattern,
				ends: series.end.kind,
				untilDate: series.end.kind === 'until' ? `${series.end.date.year}-${pad(series.end.date.month)}-${pad(series.end.date.day)}` : '',
				count: series.end.kind === 'count' ? String(series.end.count) : '',
				theme: a.theme ?? '',
				place: a.place,
				onlineUrl: a.onlineUrl ?? '',
				capacity: a.capacity === null ? '' : String(a.capacity),
				cost: formatCost(a.costCents),
				bring: a.bring,
				accessibility: a.accessibility.join(','),
				visibility: a.visibility
			},
			options: activityFormOptions
		};
	});

export const actions: Actions = {
	default: (event) =>
		guarded(event, async () => {
			const { db, viewer } = event.locals;
			const { activity: a, initiative } = await manage(db, viewer, event.params.slug, event.params.id);
			const form = await readForm(event.request);
			if (!form) return unreadableForm();
			const parsed = parseForm(activityForm, form);
			if (!parsed.ok) return parsed.failure;
			if (startsTooEarly(form, parsed.data, new Date(), a)) return fail(400, pastDateQuestion(form));
			await updateActivity(db, viewer, a.id, parsed.data);
			redirect(303, localizeHref(`/initiatieven/${initiative.slug}/activiteiten/${a.id}`));
		})
};
