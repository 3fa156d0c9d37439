import type { LayoutServerLoad } from './$types';
import { unreadInbox } from '#lib/server/announcements/inbox.ts';

/**
 * Pages are plain server-rendered HTML: no JavaScript is sent unless a page
 * needs it (only the map does). Every form posts without it; a cheap phone
 * downloads and runs nothing, and each link is a normal page load.
 */
export const csr = false;

/** Only what the header needs: never the e-mail address. */
export const load: LayoutServerLoad = async ({ locals, url }) => ({
	viewer: locals.viewer ? { name: locals.viewer.name, isAdmin: locals.viewer.isAdmin, unread: await unreadInbox(locals.db, locals.viewer, shownConversation(url)) } : null
});

/** The conversation or group message this page shows (read by showing it), so the header does not count it as unread. */
function shownConversation(url: URL): string | undefined {
	return /^(?:\/en)?\/berichten\/(?:groep\/)?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.exec(url.pathname)?.[1];
}
