import type { PageServerLoad } from './$types';
import { directoryPage } from '#lib/server/directory/page.ts';
import { THEMES } from '#lib/server/initiatives/schema.ts';

/** Pick an initiative to refer someone to: the directory's own search by place (nearest first) and theme. */
export const load: PageServerLoad = async ({ locals, url }) => ({
	...(await directoryPage(locals.db, url, locals.locale)),
	themes: THEMES,
	searched: url.searchParams.has('plaats') || url.searchParams.has('thema')
});
