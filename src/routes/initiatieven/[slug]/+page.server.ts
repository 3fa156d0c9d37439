import type { Actions, PageServerLoad } from './$types';
import { initiativeFor } from '#lib/server/access/index.ts';
import { joinOpenInitiative } from '#lib/server/initiatives/memberships.ts';
import { memberCount } from '#lib/server/initiatives/service.ts';
import { guarded } from '#lib/server/http/guard.ts';
import { t } from '#lib/server/http/forms.ts';
import { fail } from '@sveltejs/kit';

export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		const { initiative, role } = await initiativeFor(event.locals.db, event.locals.viewer, { slug: event.params.slug });
		return {
			initiative: {
				id: initiative.id,
				slug: initiative.slug,
				name: initiative.name,
				town: initiative.town,
				description: initiative.description,
				joinPolicy: initiative.joinPolicy,
				status: initiative.status
			},
			role,
			members: role ? await memberCount(event.locals.db, initiative.id) : null,
			signedIn: !!event.locals.viewer,
			joined: event.url.searchParams.has('welkom')
		};
	});

export const actions: Actions = {
	lidworden: (event) =>
		guarded(event, async () => {
			const { initiative } = await initiativeFor(event.locals.db, event.locals.viewer, { slug: event.params.slug });
			const result = await joinOpenInitiative(event.locals.db, event.locals.viewer, initiative.id);
			if (!result.ok) return fail(400, { error: t(`members_error_${result.error}`) });
			return { joined: true };
		})
};
