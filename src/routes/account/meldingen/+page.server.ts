import type { PageServerLoad } from './$types';
import { signedIn } from '#lib/server/http/guard.ts';
import { myNotices } from '#lib/server/moderation/queue.ts';
import { myReports } from '#lib/server/moderation/reports.ts';

/** Mijn meldingen: what the coordinators told me, and how my own reports stand. Never who reported me. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const viewer = signedIn(locals, '/account/meldingen');
	const page = Math.min(1000, Math.max(1, Number.parseInt(url.searchParams.get('pagina') ?? '1', 10) || 1));
	const { reports, more } = await myReports(locals.db, viewer, page);
	return { notices: page === 1 ? await myNotices(locals.db, viewer) : [], reports, nextHref: more ? `?pagina=${page + 1}` : null };
};
