import type { PageServerLoad } from './$types';
import { guarded, signedIn, uuidParam } from '#lib/server/http/guard.ts';
import { getBlock } from '#lib/server/space/blocks.ts';
import { spaceStore } from '#lib/server/space/keys.ts';

/** A block on paper: A4, or (the crisis plan) a card to fold for the wallet. Dated, so an old copy shows its age. Or blank (`vorm=leeg`), to fill in by hand. */
export const load: PageServerLoad = async (event) => {
	const me = signedIn(event.locals, event.url.pathname);
	const block = await guarded(event, () => getBlock(spaceStore(event.locals.db), me, uuidParam(event.params.id)));
	const card = block.isCrisisPlan && event.url.searchParams.get('vorm') === 'kaart';
	const blank = event.url.searchParams.get('vorm') === 'leeg';
	return { block, card, blank, name: me.name, printedAt: new Date() };
};
