import type { Actions, PageServerLoad } from './$types';
import { guarded } from '#lib/server/http/guard.ts';
import { STORY_THEMES, STORY_WARNINGS } from '#lib/server/stories/schema.ts';
import { writingInitiatives } from '#lib/server/stories/service.ts';
import { submitStory } from '../submit.ts';

/** With JavaScript the form saves the draft while the writer types (StoryForm); without it, everything still posts. */
export const csr = true;

export const load: PageServerLoad = (event) =>
	guarded(event, async () => ({
		options: { themes: STORY_THEMES, warnings: STORY_WARNINGS },
			initiatives: await writingInitiatives(event.locals.db, event.locals.viewer),
		name: event.locals.viewer?.name ?? ''
	}));

export const actions: Actions = {
	default: (event) => guarded(event, () => submitStory(event))
};
