import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { parseForm, readForm, unreadableForm } from '#lib/server/http/forms.ts';
import { signedIn } from '#lib/server/http/guard.ts';
import { deleteSpace } from '#lib/server/space/export.ts';
import { requireRecentSignIn } from '#lib/server/space/guard.ts';
import { spaceStore } from '#lib/server/space/keys.ts';

const PATH = '/mijn-herstelruimte/meenemen';

export const load: PageServerLoad = ({ locals }) => {
	signedIn(locals, PATH);
};

export const actions: Actions = {
	weggooien: async (event) => {
		const me = signedIn(event.locals, PATH);
		const form = await readForm(event.request);
		if (!form) return unreadableForm();
		const parsed = parseForm(z.object({ confirm: z.literal('ja', { error: 'space_remove_confirm_needed' }) }), form);
		if (!parsed.ok) return parsed.failure;
		await requireRecentSignIn(event, PATH);
		await deleteSpace(spaceStore(event.locals.db), me);
		return { deleted: true };
	}
};
