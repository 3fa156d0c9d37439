import type { Actions, PageServerLoad } from './$types';
import { requireWriter } from '#lib/server/access/stories.ts';
import { NotFound } from '#lib/server/access/core.ts';
import { guarded, uuidParam } from '#lib/server/http/guard.ts';
import { STORY_THEMES, STORY_WARNINGS } from '#lib/server/stories/schema.ts';
import { writingInitiatives } from '#lib/server/stories/service.ts';
import { submitStory } from '../../submit.ts';

/** With JavaScript the form saves the draft while the writer types (StoryForm); without it, everything still posts. */
export const csr = true;

export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		const { db, viewer } = event.locals;
		const { story } = await requireWriter(db, viewer, uuidParam(event.params.id));
		if (story.status === 'withdrawn') throw new NotFound();
		return {
			id: story.id,
			status: story.status,
			name: viewer?.name ?? '',
			options: { themes: STORY_THEMES, warnings: STORY_WARNINGS },
			initiatives: await writingInitiatives(db, viewer),
			// the story as the form's fields, as if just typed
			values: {
				title: story.title,
				story: story.body,
				themes: story.themes.join(','),
				diagnosis: story.diagnosis,
				warnings: story.warnings.join(','),
				ownWarning: story.ownWarning,
				signAs: story.pseudonym ? 'pseudonym' : 'name',
				pseudonym: story.pseudonym,
				visibility: story.visibility,
				indexable: story.indexable ? 'ja' : '',
				visibleUntil: story.visibleUntil ?? '',
				consentImpact: story.consentImpact ? 'ja' : '',
				consentTraining: story.consentTraining ? 'ja' : '',
				initiativeId: story.initiativeId
			}
		};
	});

export const actions: Actions = {
	default: (event) => guarded(event, () => submitStory(event, uuidParam(event.params.id)))
};
