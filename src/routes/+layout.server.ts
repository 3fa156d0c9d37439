import type { LayoutServerLoad } from './$types';

/**
 * Pages are plain server-rendered HTML: no JavaScript is sent unless a page
 * needs it (only the map does). Every form posts without it; a cheap phone
 * downloads and runs nothing, and each link is a normal page load.
 */
export const csr = false;

/** Only what the header needs: never the e-mail address. */
export const load: LayoutServerLoad = ({ locals }) => ({
	viewer: locals.viewer ? { name: locals.viewer.name, isAdmin: locals.viewer.isAdmin } : null
});
