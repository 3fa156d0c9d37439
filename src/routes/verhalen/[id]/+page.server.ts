import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { guarded, uuidParam } from '#lib/server/http/guard.ts';
import { readForm, unreadableForm } from '#lib/server/http/forms.ts';
import { articleJsonLd } from '#lib/server/stories/json-ld.ts';
import { getStory, similarStories } from '#lib/server/stories/read.ts';
import { setRecognition } from '#lib/server/stories/recognition.ts';
import { acceptEdit, declineEdit } from '#lib/server/stories/redactie.ts';
import { today, withdrawStory } from '#lib/server/stories/service.ts';

export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		const { db, viewer, origin } = event.locals;
		const story = await getStory(db, viewer, uuidParam(event.params.id));
		const isPublic = story.visibility === 'public' && story.status === 'published';
		return {
			story,
			origin,
			done: event.url.searchParams.get('klaar'),
			ended: !!story.own?.visibleUntil && story.own.visibleUntil < today(),
			jsonLd: isPublic ? articleJsonLd(story, `${origin}/verhalen/${story.id}`) : null,
			similar: story.status === 'published' && story.visibility !== 'link' ? await similarStories(db, viewer, story) : []
		};
	});

/** The proposal the writer answers, from the form. */
async function editId(request: Request): Promise<string | null> {
	const form = await readForm(request);
	const id = form?.get('edit');
	return typeof id === 'string' && /^[0-9a-f-]{36}$/.test(id) ? id : null;
}

export const actions: Actions = {
	herkennen: (event) =>
		guarded(event, async () => {
			await setRecognition(event.locals.db, event.locals.viewer, uuidParam(event.params.id), true);
			return { done: 'herkend' };
		}),
	'niet-herkennen': (event) =>
		guarded(event, async () => {
			await setRecognition(event.locals.db, event.locals.viewer, uuidParam(event.params.id), false);
			return { done: 'niet-herkend' };
		}),
	terugtrekken: (event) =>
		guarded(event, async () => {
			await withdrawStory(event.locals.db, event.locals.viewer, uuidParam(event.params.id));
			return { done: 'teruggetrokken' };
		}),
	'voorstel-ja': (event) =>
		guarded(event, async () => {
			const id = await editId(event.request);
			if (!id) return unreadableForm();
			await acceptEdit(event.locals.db, event.locals.viewer, uuidParam(event.params.id), id);
			return { done: 'aangepast' };
		}),
	'voorstel-nee': (event) =>
		guarded(event, async () => {
			const id = await editId(event.request);
			if (!id) return fail(400, { done: null });
			await declineEdit(event.locals.db, event.locals.viewer, uuidParam(event.params.id), id);
			return { done: 'afgewezen' };
		})
};
