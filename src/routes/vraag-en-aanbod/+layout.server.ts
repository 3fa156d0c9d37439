import type { LayoutServerLoad } from './$types';

/** Only for signed-in members: search engines never index it, even if they get a link. */
export const load: LayoutServerLoad = ({ setHeaders }) => {
	setHeaders({ 'x-robots-tag': 'noindex, nofollow' });
};
