import type { Reroute } from '@sveltejs/kit/hooks';
import { deLocalizeUrl } from '#lib/paraglide/runtime.js';

/** `/en/hulp` renders the same route as `/hulp`; the locale comes from the URL. */
export const reroute: Reroute = ({ url }) => deLocalizeUrl(url).pathname;
