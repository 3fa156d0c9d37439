import type { LayoutServerLoad } from './$types';

/** Nothing of the herstelruimte may be kept by a browser, a proxy or a search engine. */
export const load: LayoutServerLoad = ({ setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store', 'x-robots-tag': 'noindex, nofollow' });
};
