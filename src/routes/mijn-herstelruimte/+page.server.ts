import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { localizeHref } from '#lib/paraglide/runtime.js';
import { formError, parseForm, readForm, unreadableForm } from '#lib/server/http/forms.ts';
import { guarded, signedIn } from '#lib/server/http/guard.ts';
import { STARTER_BLOCKS, addBlock, listBlocks, moveBlock } from '#lib/server/space/blocks.ts';
import { moveForm, ownBlockForm, starterForm } from '#lib/server/space/forms.ts';
import { spaceStore } from '#lib/server/space/keys.ts';
import { sharedWithViewer } from '#lib/server/space/shares.ts';
import { starterName } from '#lib/labels/space.ts';

const PATH = '/mijn-herstelruimte';

export const load: PageServerLoad = async ({ locals, url }) => {
	const me = signedIn(locals, PATH);
	const store = spaceStore(locals.db);
	const [blocks, withMe] = await Promise.all([listBlocks(store, me), sharedWithViewer(store, me)]);
	const used = new Set(blocks.map((b) => b.starter));
	return { blocks, withMe, starters: STARTER_BLOCKS.filter((s) => !used.has(s)), removed: url.searchParams.has('weggehaald') };
};

export const actions: Actions = {
	begin: async ({ locals, request }) => {
		const me = signedIn(locals, PATH);
		const form = await readForm(request);
		if (!form) return unreadableForm();
		const parsed = parseForm(starterForm, form);
		if (!parsed.ok) return parsed.failure;
		const result = await addBlock(spaceStore(locals.db), me, { starter: parsed.data.starter, name: starterName(parsed.data.starter) });
		if (!result.ok) return formError(409, form, 'form', 'space_full');
		redirect(303, localizeHref(`${PATH}/blok/${result.id}`));
	},
	eigen: async ({ locals, request }) => {
		const me = signedIn(locals, PATH);
		const form = await readForm(request);
		if (!form) return unreadableForm();
		const parsed = parseForm(ownBlockForm, form);
		if (!parsed.ok) return parsed.failure;
		const result = await addBlock(spaceStore(locals.db), me, { name: parsed.data.name });
		if (!result.ok) return formError(409, form, 'form', 'space_full');
		redirect(303, localizeHref(`${PATH}/blok/${result.id}`));
	},
	verplaatsen: async (event) => {
		const me = signedIn(event.locals, PATH);
		const form = await readForm(event.request);
		if (!form) return unreadableForm();
		const parsed = parseForm(moveForm, form);
		if (!parsed.ok) return parsed.failure;
		await guarded(event, () => moveBlock(spaceStore(event.locals.db), me, parsed.data.blockId, parsed.data.direction));
		return { moved: parsed.data.blockId, notice: m.space_saved() };
	}
};
