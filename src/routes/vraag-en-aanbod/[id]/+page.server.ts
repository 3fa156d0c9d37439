import type { Actions, PageServerLoad } from './$types';
import { getPost, setPostClosed } from '#lib/server/exchange/service.ts';
import { guarded, uuidParam } from '#lib/server/http/guard.ts';
import { conversationAbout } from '#lib/server/messages/service.ts';

export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		const { db, viewer } = event.locals;
		const view = await getPost(db, viewer, uuidParam(event.params.id));
		return { ...view, conversation: view.isOwner ? null : await conversationAbout(db, viewer, view.post.id) };
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
