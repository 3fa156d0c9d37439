import type { PageServerLoad } from './$types';
import { myProposals } from '#lib/server/expertise/proposals.ts';
import { signedIn } from '#lib/server/http/guard.ts';

/** The requests the pool coordinators proposed the viewer for, paged. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const me = signedIn(locals, '/account/expertise/aanvragen');
	return myProposals(locals.db, me, Number(url.searchParams.get('pagina')) || 1);
};
