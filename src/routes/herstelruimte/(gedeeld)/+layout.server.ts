import type { LayoutServerLoad } from './$types';

/**
 * A shared block is read, never kept: not by the browser, a proxy or a search engine. The blank blocks on paper
 * (`/herstelruimte/op-papier`) are outside this group: the same for anyone, kept like the help pages.
 */
export const load: LayoutServerLoad = ({ setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store', 'x-robots-tag': 'noindex, nofollow', 'referrer-policy': 'no-referrer' });
};
