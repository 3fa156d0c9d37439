import type { LayoutServerLoad } from './$types';

/** Only what the header needs: never the e-mail address. */
export const load: LayoutServerLoad = ({ locals }) => ({
	viewer: locals.viewer ? { name: locals.viewer.name, isAdmin: locals.viewer.isAdmin } : null
});
