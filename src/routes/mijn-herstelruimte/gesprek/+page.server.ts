import type { PageServerLoad } from './$types';
import { signedIn } from '#lib/server/http/guard.ts';
import { listBlocks } from '#lib/server/space/blocks.ts';
import { spaceStore } from '#lib/server/space/keys.ts';

/** A sheet for a talk with a peer or an ervaringsdeskundige: the lines marked "hier wil ik over praten", block by block. */
export const load: PageServerLoad = async ({ locals }) => {
	const me = signedIn(locals, '/mijn-herstelruimte/gesprek');
	const blocks = await listBlocks(spaceStore(locals.db), me);
	return { marked: blocks.filter((b) => b.talk?.length).map((b) => ({ id: b.id, name: b.name, lines: b.talk! })), name: me.name, printedAt: new Date() };
};
