import type { Actions, PageServerLoad } from './$types';
import { expertProfileForm } from '#lib/server/expertise/forms.ts';
import { myExpertProfile, saveExpertProfile, unpublishExpertProfile } from '#lib/server/expertise/profile.ts';
import { EXPERTISE_AUDIENCES, EXPERTISE_FORMS, EXPERTISE_REGIONS, EXPERTISE_THEMES } from '#lib/server/expertise/schema.ts';
import { parseForm, readForm, unreadableForm } from '#lib/server/http/forms.ts';
import { signedIn } from '#lib/server/http/guard.ts';

const PATH = '/account/expertise';

/** The member's own profile as an ervaringsdeskundige: write, publish, take offline. */
export const load: PageServerLoad = async ({ locals }) => {
	const me = signedIn(locals, PATH);
	return {
		profile: await myExpertProfile(locals.db, me),
		name: me.name,
		options: { themes: EXPERTISE_THEMES, audiences: EXPERTISE_AUDIENCES, forms: EXPERTISE_FORMS, regions: EXPERTISE_REGIONS }
	};
};

export const actions: Actions = {
	/** "Bewaren" keeps a published profile published (then it must stay complete); "Bewaren en publiceren" makes it public. */
	bewaren: async ({ locals, request }) => {
		const me = signedIn(locals, PATH);
		const form = await readForm(request);
		if (!form) return unreadableForm();
		const publish = form.get('actie') === 'publiceren';
		const current = await myExpertProfile(locals.db, me);
		const parsed = parseForm(expertProfileForm(publish || !!current?.publishedAt), form);
		if (!parsed.ok) return parsed.failure;
		const saved = await saveExpertProfile(locals.db, me, parsed.data, publish);
		return { done: publish ? 'published' : 'saved', id: saved.id };
	},
	offline: async ({ locals }) => {
		const me = signedIn(locals, PATH);
		await unpublishExpertProfile(locals.db, me);
		return { done: 'unpublished' };
	}
};
