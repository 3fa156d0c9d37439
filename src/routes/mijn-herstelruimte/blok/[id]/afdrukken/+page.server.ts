import type { PageServerLoad } from './$types';
import { guarded, signedIn, uuidParam } from '#lib/server/http/guard.ts';
import { getBlock } from '#lib/server/space/blocks.ts';
import { spaceStore } from '#lib/server/space/keys.ts';

/** A block on paper: A4, or (the crisis plan) a card to fold for the wallet. Dated, so an old copy shows its age. */
export const load: PageServerLoad = async (event) => {
	const me = signedIn(event.locals, event.url.pathname);
	const block = await guarded(event, () => getBlock(spaceStore(event.locals.db), me, uuidParam(event.params.id)));
	const card = block.isCrisisPlan && event.url.searchParams.get('vorm') === 'kaart';
	return { block, card, name: me.name, printedAt: new Date() };
};
