import type { LayoutServerLoad } from './$types';
import { unreadInbox } from '#lib/server/announcements/inbox.ts';
import { takeFlash } from '#lib/server/http/flash.ts';

/**
 * Pages are plain server-rendered HTML: no JavaScript is sent unless a page
 * needs it (only the map does). Every form posts without it; a cheap phone
 * downloads and runs nothing, and each link is a normal page load.
 */
export const csr = false;

/** Only what the header needs: never the e-mail address. `flash`: what the form post before this page did (post/redirect/get). */
export const load: LayoutServerLoad = async ({ locals, url, cookies }) => ({
	flash: takeFlash(cookies),
	viewer: locals.viewer ? { name: locals.viewer.name, isAdmin: locals.viewer.isAdmin, unread: await unreadInbox(locals.db, locals.viewer, shownConversation(url)) } : null
});

/** The conversation or group message this page shows (read by showing it), so the header does not count it as unread. */
function shownConversation(url: URL): string | undefined {
	return /^(?:\/en)?\/berichten\/(?:groep\/)?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.exec(url.pathname)?.[1];
}
