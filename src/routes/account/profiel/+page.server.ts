import type { Actions, PageServerLoad } from './$types';
import { parseForm, readForm, unreadableForm } from '#lib/server/http/forms.ts';
import { signedIn } from '#lib/server/http/guard.ts';
import { profileForm } from '#lib/server/profiles/forms.ts';
import { myProfile, updateProfile } from '#lib/server/profiles/service.ts';

/** The viewer writes their own profile: what they like to do and their talents. */
export const load: PageServerLoad = async ({ locals }) => {
	const me = signedIn(locals, '/account/profiel');
	return { profile: await myProfile(locals.db, me), userId: me.userId };
};

export const actions: Actions = {
	default: async ({ locals, request }) => {
		const me = signedIn(locals, '/account/profiel');
		const form = await readForm(request);
		if (!form) return unreadableForm();
		const parsed = parseForm(profileForm, form);
		if (!parsed.ok) return parsed.failure;
		await updateProfile(locals.db, me, parsed.data);
		return { saved: true };
	}
};
