import type { PageServerLoad } from './$types';
import { guarded } from '#lib/server/http/guard.ts';
import { myStories } from '#lib/server/stories/read.ts';

export const load: PageServerLoad = (event) => guarded(event, async () => ({ stories: await myStories(event.locals.db, event.locals.viewer) }));
