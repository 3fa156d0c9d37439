import type { LayoutServerLoad } from './$types';

/** Private: never indexed, never cached (the hooks add no-store for signed-in people). */
export const load: LayoutServerLoad = ({ setHeaders }) => {
	setHeaders({ 'x-robots-tag': 'noindex, nofollow' });
};
