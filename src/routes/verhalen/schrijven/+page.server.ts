import type { Actions, PageServerLoad } from './$types';
import { guarded } from '#lib/server/http/guard.ts';
import { writingInitiatives } from '#lib/server/stories/service.ts';
import { submitStory } from '../submit.ts';

export const load: PageServerLoad = (event) =>
	guarded(event, async () => ({
		initiatives: await writingInitiatives(event.locals.db, event.locals.viewer),
		name: event.locals.viewer?.name ?? ''
	}));

export const actions: Actions = {
	default: (event) => guarded(event, () => submitStory(event))
};
