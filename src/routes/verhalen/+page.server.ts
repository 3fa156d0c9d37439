import type { PageServerLoad } from './$types';
import { isRedactieSomewhere } from '#lib/server/access/stories.ts';
import { guarded } from '#lib/server/http/guard.ts';
import { readStoryQuery } from '#lib/server/stories/query.ts';
import { listStories } from '#lib/server/stories/read.ts';
import { STORY_THEMES } from '#lib/server/stories/schema.ts';

export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		const { db, viewer } = event.locals;
		const query = readStoryQuery(event.url.searchParams);
		return {
			...(await listStories(db, viewer, query.filter)),
			query: query.form,
			themes: STORY_THEMES,
			redactie: await isRedactieSomewhere(db, viewer)
		};
	});
