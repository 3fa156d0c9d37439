import type { LayoutServerLoad } from './$types';

/** A shared block is read, never kept: not by the browser, a proxy or a search engine. */
export const load: LayoutServerLoad = ({ setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store', 'x-robots-tag': 'noindex, nofollow', 'referrer-policy': 'no-referrer' });
};
