import type { PageServerLoad } from './$types';
import { STARTER_BLOCKS } from '#lib/server/space/blocks.ts';

/** The starter blocks blank on paper, for anyone: the walk-in, or who prefers a pen. Nothing personal is on it. */
export const load: PageServerLoad = () => ({ starters: STARTER_BLOCKS });
