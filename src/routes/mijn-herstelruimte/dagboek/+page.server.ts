import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { dayKey } from '#lib/server/activities/time.ts';
import { NotFound } from '#lib/server/access/core.ts';
import { parseForm, readForm, unreadableForm } from '#lib/server/http/forms.ts';
import { signedIn } from '#lib/server/http/guard.ts';
import { entryForm } from '#lib/server/space/forms.ts';
import { addEntry, listEntries, removeEntry } from '#lib/server/space/journal.ts';
import { spaceStore } from '#lib/server/space/keys.ts';

const PATH = '/mijn-herstelruimte/dagboek';
/** Far enough for 500 entries and more; a page number beyond it shows an empty page, never an error. */
const pageParam = z.coerce.number().int().min(1).max(10_000).catch(1);

export const load: PageServerLoad = async ({ locals, url }) => {
	const me = signedIn(locals, PATH);
	const page = pageParam.parse(url.searchParams.get('pagina') ?? 1);
	return { ...(await listEntries(spaceStore(locals.db), me, page)), page, today: dayKey(new Date()) };
};

export const actions: Actions = {
	schrijven: async ({ locals, request }) => {
		const me = signedIn(locals, PATH);
		const form = await readForm(request);
		if (!form) return unreadableForm();
		const parsed = parseForm(entryForm(dayKey(new Date())), form);
		if (!parsed.ok) return parsed.failure;
		await addEntry(spaceStore(locals.db), me, { day: parsed.data.day, text: parsed.data.entryText });
		return { written: true };
	},
	weghalen: async ({ locals, request }) => {
		const me = signedIn(locals, PATH);
		const form = await readForm(request);
		if (!form) return unreadableForm();
		const parsed = parseForm(z.object({ entryId: z.uuid() }), form);
		if (!parsed.ok) return parsed.failure;
		try {
			await removeEntry(spaceStore(locals.db), me, parsed.data.entryId);
		} catch (e) {
			// Already gone (a double click), or never the viewer's: nothing to do either way.
			if (!(e instanceof NotFound)) throw e;
		}
		return { removed: true };
	}
};
