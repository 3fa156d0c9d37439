import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { dayKey } from '#lib/server/activities/time.ts';
import { NotFound } from '#lib/server/access/core.ts';
import { parseForm, readForm, unreadableForm } from '#lib/server/http/forms.ts';
import { signedIn } from '#lib/server/http/guard.ts';
import { reflectionForm, webForm } from '#lib/server/space/forms.ts';
import { spaceStore } from '#lib/server/space/keys.ts';
import { WEB_MOMENTS_SHOWN, WEB_TOP, addReflection, getWeb, listReflections, removeReflection, setWeb, webMoments } from '#lib/server/space/reflections.ts';
import { dimensionNames } from '#lib/labels/space.ts';

const PATH = '/mijn-herstelruimte/reflecties';
const pageParam = z.coerce.number().int().min(1).max(10_000).catch(1);
/** The moments the person chose to see on the web; at most four lines stay readable. */
const CHOSEN_MAX = 4;

export const load: PageServerLoad = async ({ locals, url }) => {
	const me = signedIn(locals, PATH);
	const store = spaceStore(locals.db);
	const page = pageParam.parse(url.searchParams.get('pagina') ?? 1);
	const [web, moments, list] = await Promise.all([getWeb(store, me), webMoments(store, me), listReflections(store, me, page)]);
	const asked = url.searchParams.getAll('moment');
	const chosen = asked.length ? moments.filter((r) => asked.includes(r.id)).slice(0, CHOSEN_MAX) : moments.slice(0, WEB_MOMENTS_SHOWN);
	return { web, moments: moments.map((r) => ({ id: r.id, day: r.day })), shown: chosen.reverse(), ...list, page, today: dayKey(new Date()), top: WEB_TOP };
};

export const actions: Actions = {
	web: async ({ locals, request }) => {
		const me = signedIn(locals, PATH);
		const form = await readForm(request);
		if (!form) return unreadableForm();
		const parsed = parseForm(webForm, form);
		if (!parsed.ok) return parsed.failure;
		const { set, own } = parsed.data;
		const dimensions = set === 'none' ? [] : set === 'own' ? own : dimensionNames(set);
		await setWeb(spaceStore(locals.db), me, { set: set === 'none' ? 'own' : set, dimensions });
		return { webSaved: true };
	},
	schrijven: async ({ locals, request }) => {
		const me = signedIn(locals, PATH);
		const store = spaceStore(locals.db);
		const form = await readForm(request);
		if (!form) return unreadableForm();
		const web = await getWeb(store, me);
		const parsed = parseForm(reflectionForm(dayKey(new Date()), web?.dimensions ?? []), form);
		if (!parsed.ok) return parsed.failure;
		await addReflection(store, me, parsed.data);
		return { written: true };
	},
	weghalen: async ({ locals, request }) => {
		const me = signedIn(locals, PATH);
		const form = await readForm(request);
		if (!form) return unreadableForm();
		const parsed = parseForm(z.object({ reflectionId: z.uuid() }), form);
		if (!parsed.ok) return parsed.failure;
		try {
			await removeReflection(spaceStore(locals.db), me, parsed.data.reflectionId);
		} catch (e) {
			// Already gone (a double click), or never the viewer's: nothing to do either way.
			if (!(e instanceof NotFound)) throw e;
		}
		return { removed: true };
	}
};
