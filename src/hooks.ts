import type { Reroute } from '@sveltejs/kit/hooks';
import { deLocalizeUrl } from '#lib/paraglide/runtime.js';

/**
 * No page of ours has a control character in its address, or a NUL in its
 * query (`/initiatieven/%00/activiteiten`): the database cannot even store
 * one, so it must not reach a route as a slug, id or token. Such an address
 * is sent to a path that has no route: the ordinary 404 page.
 */
const NOWHERE = '/\u0000';

function hasControlCharacter(url: URL): boolean {
	if (url.search.includes('%00')) return true;
	try {
		return /\p{Cc}/u.test(decodeURIComponent(url.pathname));
	} catch {
		// A path that cannot be decoded gets SvelteKit's own 400.
		return false;
	}
}

/** `/en/hulp` renders the same route as `/hulp`; the locale comes from the URL. */
export const reroute: Reroute = ({ url }) => (hasControlCharacter(url) ? NOWHERE : deLocalizeUrl(url).pathname);
