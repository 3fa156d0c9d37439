import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { guarded } from '#lib/server/http/guard.ts';
import { cleanFields, readForm, unreadableForm } from '#lib/server/http/forms.ts';
import { addSynonym, listSynonyms, removeSynonym } from '#lib/server/stories/synonyms.ts';

/** The redactie's synonym list (association admin only; others get a 404 from the service). */
export const load: PageServerLoad = (event) => guarded(event, async () => ({ pairs: await listSynonyms(event.locals.db, event.locals.viewer) }));

/** The two phrases of a form, as typed. */
async function pairFrom(request: Request): Promise<{ first: string; second: string } | null> {
	const form = await readForm(request);
	if (!form) return null;
	const { raw, refused } = cleanFields(form);
	if (refused.length || typeof raw.first !== 'string' || typeof raw.second !== 'string') return null;
	return { first: raw.first, second: raw.second };
}

export const actions: Actions = {
	toevoegen: (event) =>
		guarded(event, async () => {
			const pair = await pairFrom(event.request);
			if (!pair) return unreadableForm();
			const result = await addSynonym(event.locals.db, event.locals.viewer, pair.first, pair.second);
			if ('error' in result) return fail(400, { error: result.error, ...pair });
			return { added: result.pair };
		}),
	weghalen: (event) =>
		guarded(event, async () => {
			const pair = await pairFrom(event.request);
			if (!pair) return unreadableForm();
			await removeSynonym(event.locals.db, event.locals.viewer, pair.first, pair.second);
			return { removed: [pair.first, pair.second] };
		})
};
