import type { PageServerLoad } from './$types';
import { signedIn } from '#lib/server/http/guard.ts';
import { exportSpace } from '#lib/server/space/export.ts';
import { requireRecentSignIn } from '#lib/server/space/guard.ts';
import { spaceStore } from '#lib/server/space/keys.ts';

/** Everything in the viewer's herstelruimte on one page, to print or save as PDF, after a recent sign-in. */
export const load: PageServerLoad = async (event) => {
	const me = signedIn(event.locals, event.url.pathname);
	await requireRecentSignIn(event, event.url.pathname);
	const space = await exportSpace(spaceStore(event.locals.db), me);
	// A page to print holds the whole dagboek; the download streams it instead.
	return { space: { ...space, journal: await Array.fromAsync(space.journal) }, name: me.name, printedAt: new Date() };
};
