import type { PageServerLoad } from './$types';
import { listMine, listPublished } from '#lib/server/initiatives/service.ts';

const PAGE_SIZE = 30;

export const load: PageServerLoad = async ({ locals, url }) => {
	const page = Math.max(1, Math.min(1000, Number.parseInt(url.searchParams.get('pagina') ?? '1', 10) || 1));
	// One extra row tells whether there is a next page.
	const rows = await listPublished(locals.db, { limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE });
	return {
		initiatives: rows.slice(0, PAGE_SIZE).map(({ slug, name, town }) => ({ slug, name, town })),
		nextPage: rows.length > PAGE_SIZE ? page + 1 : null,
		mine: await listMine(locals.db, locals.viewer),
		signedIn: !!locals.viewer
	};
};
