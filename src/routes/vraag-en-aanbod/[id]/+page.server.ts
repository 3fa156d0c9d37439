import type { Actions, PageServerLoad } from './$types';
import { getPost, setPostClosed } from '#lib/server/exchange/service.ts';
import { guarded, uuidParam } from '#lib/server/http/guard.ts';

export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		const view = await getPost(event.locals.db, event.locals.viewer, uuidParam(event.params.id));
		return { ...view };
	});

export const actions: Actions = {
	sluiten: (event) =>
		guarded(event, async () => {
			await setPostClosed(event.locals.db, event.locals.viewer, uuidParam(event.params.id), true);
			return { closed: true };
		}),
	heropenen: (event) =>
		guarded(event, async () => {
			await setPostClosed(event.locals.db, event.locals.viewer, uuidParam(event.params.id), false);
			return { reopened: true };
		})
};
