import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { activityInInitiative, cancelActivity } from '#lib/server/activities/service.ts';
import { attendance, cancelSignup, signUp } from '#lib/server/activities/signups.ts';
import { formatRange } from '#lib/server/activities/time.ts';
import { t } from '#lib/server/http/forms.ts';
import { guarded, uuidParam } from '#lib/server/http/guard.ts';

export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		const { db, viewer, locale } = event.locals;
		const id = uuidParam(event.params.id);
		const { activity: a, initiative, role, canManage, host } = await activityInInitiative(db, viewer, event.params.slug, id);
		return {
			initiative: { slug: initiative.slug, name: initiative.name },
			activity: {
				id: a.id,
				title: a.title,
				description: a.description,
				kind: a.kind,
				when: formatRange(a.startsAt, a.endsAt, locale),
				started: a.startsAt <= new Date(),
				place: a.place,
				capacity: a.capacity,
				visibility: a.visibility,
				status: a.status,
				host
			},
			role,
			canManage,
			signedIn: !!viewer,
			attendance: await attendance(db, viewer, id)
		};
	});

/** What a button on this page answers; one shape for every action. */
type Outcome = { error?: string; signedUp?: 'confirmed' | 'waitlist'; signedOff?: boolean; cancelled?: boolean };

/** The activity the address names, checked for this viewer (NotFound when hidden). */
async function visibleId(event: RequestEvent): Promise<string> {
	const id = uuidParam(event.params.id);
	await activityInInitiative(event.locals.db, event.locals.viewer, event.params.slug, id);
	return id;
}

export const actions = {
	aanmelden: (event) =>
		guarded(event, async () => {
			const result = await signUp(event.locals.db, event.locals.viewer, await visibleId(event));
			if (!result.ok) return fail(400, { error: t(`activity_error_${result.error}`) } as Outcome);
			return { signedUp: result.status } as Outcome;
		}),
	afmelden: (event) =>
		guarded(event, async () => {
			await cancelSignup(event.locals.db, event.locals.viewer, await visibleId(event));
			return { signedOff: true } as Outcome;
		}),
	afzeggen: (event) =>
		guarded(event, async () => {
			await cancelActivity(event.locals.db, event.locals.viewer, await visibleId(event));
			return { cancelled: true } as Outcome;
		})
} satisfies Actions;
