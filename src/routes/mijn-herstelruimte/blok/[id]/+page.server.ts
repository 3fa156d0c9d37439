import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizeHref } from '#lib/paraglide/runtime.js';
import { NotFound } from '#lib/server/access/core.ts';
import { parseForm, readForm, unreadableForm } from '#lib/server/http/forms.ts';
import { guarded, signedIn, uuidParam } from '#lib/server/http/guard.ts';
import { blockLines, getBlock, removeBlock, setTalk, updateBlock } from '#lib/server/space/blocks.ts';
import { blockForm, removeForm, talkForm } from '#lib/server/space/forms.ts';
import { spaceStore } from '#lib/server/space/keys.ts';
import { confirmCrisisPlan, lastChecked } from '#lib/server/space/checks.ts';

/** Write in one block: its name, its text and, for the crisis plan, the practical parts. */
export const load: PageServerLoad = async (event) => {
	const me = signedIn(event.locals, event.url.pathname);
	const block = await guarded(event, () => getBlock(spaceStore(event.locals.db), me, uuidParam(event.params.id)));
	return { block, lines: blockLines(block), checkedAt: block.isCrisisPlan ? await lastChecked(event.locals.db, me) : undefined };
};

export const actions: Actions = {
	opslaan: async (event) => {
		const me = signedIn(event.locals, event.url.pathname);
		const id = uuidParam(event.params.id);
		const form = await readForm(event.request);
		if (!form) return unreadableForm();
		const parsed = parseForm(blockForm, form);
		if (!parsed.ok) return parsed.failure;
		await guarded(event, () => updateBlock(spaceStore(event.locals.db), me, id, parsed.data));
		return { saved: true };
	},
	klopt: async (event) => {
		const me = signedIn(event.locals, event.url.pathname);
		const block = await guarded(event, () => getBlock(spaceStore(event.locals.db), me, uuidParam(event.params.id)));
		if (block.isCrisisPlan) await confirmCrisisPlan(event.locals.db, me);
		return { checked: true };
	},
	praten: async (event) => {
		const me = signedIn(event.locals, event.url.pathname);
		const id = uuidParam(event.params.id);
		const form = await readForm(event.request);
		if (!form) return unreadableForm();
		const parsed = parseForm(talkForm, form);
		if (!parsed.ok) return parsed.failure;
		await guarded(event, () => setTalk(spaceStore(event.locals.db), me, id, parsed.data.line));
		return { marked: true };
	},
	verwijderen: async (event) => {
		const me = signedIn(event.locals, event.url.pathname);
		const id = uuidParam(event.params.id);
		const form = await readForm(event.request);
		if (!form) return unreadableForm();
		const parsed = parseForm(removeForm, form);
		if (!parsed.ok) return parsed.failure;
		try {
			await removeBlock(spaceStore(event.locals.db), me, id);
		} catch (e) {
			// Removed twice (a double click): it is gone, which is what was asked.
			if (!(e instanceof NotFound)) throw e;
		}
		redirect(303, localizeHref('/mijn-herstelruimte?weggehaald'));
	}
};
