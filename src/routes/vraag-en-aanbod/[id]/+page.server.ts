import type { Actions, PageServerLoad } from './$types';
import { getPost, setPostClosed } from '#lib/server/exchange/service.ts';
import { guarded, uuidParam } from '#lib/server/http/guard.ts';
import { conversationAbout } from '#lib/server/messages/service.ts';
import { mayRespondTo } from '#lib/server/messages/settings.ts';
import { extendPost, readDay } from '#lib/server/exchange/pause.ts';
import { formError, readForm, unreadableForm } from '#lib/server/http/forms.ts';

export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		const { db, viewer } = event.locals;
		const view = await getPost(db, viewer, uuidParam(event.params.id));
		const conversation = view.isOwner ? null : await conversationAbout(db, viewer, view.post.id);
		// Without a conversation yet: does the writer's "wie mag mij berichten sturen" let this viewer start one?
		const mayRespond = !view.isOwner && !conversation && (await mayRespondTo(db, viewer, view.post.id));
		return { ...view, conversation, mayRespond };
	});

export const actions: Actions = {
	sluiten: (event) =>
		guarded(event, async () => {
			await setPostClosed(event.locals.db, event.locals.viewer, uuidParam(event.params.id), true);
			return { closed: true };
		}),
	verlengen: (event) =>
		guarded(event, async () => {
			const form = await readForm(event.request);
			if (!form) return unreadableForm();
			const endsOn = readDay(form.get('endsOn'));
			if (!endsOn || endsOn === 'invalid') return formError(400, form, 'endsOn', 'boundaries_error_day');
			await extendPost(event.locals.db, event.locals.viewer, uuidParam(event.params.id), endsOn);
			return { extended: endsOn };
		}),
	heropenen: (event) =>
		guarded(event, async () => {
			await setPostClosed(event.locals.db, event.locals.viewer, uuidParam(event.params.id), false);
			return { reopened: true };
		})
};
