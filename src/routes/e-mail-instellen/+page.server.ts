import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { appContext } from '#lib/server/app.ts';
import { readForm, unreadableForm } from '#lib/server/http/forms.ts';
import { NOTICE_KINDS } from '#lib/server/notify/kinds.ts';
import { modeWithLink, setModeWithLink } from '#lib/server/notify/preferences.ts';

/*
 * The link in every notice mail: change how that kind of mail comes, without
 * signing in. Opening the link changes nothing (mail scanners open links
 * too); one of the buttons does.
 */

const text = (value: unknown) => (typeof value === 'string' && value.length <= 512 ? value : '');

export const load: PageServerLoad = async ({ locals, url }) => {
	const kind = text(url.searchParams.get('soort'));
	const token = text(url.searchParams.get('token'));
	const { secret } = await appContext();
	const current = await modeWithLink(locals.db, secret, kind, token);
	return { token, current: current && { ...current, modes: NOTICE_KINDS[current.kind].modes } };
};

export const actions: Actions = {
	default: async ({ locals, request }) => {
		const form = await readForm(request);
		if (!form) return unreadableForm();
		const { secret } = await appContext();
		if (!(await setModeWithLink(locals.db, secret, text(form.get('soort')), text(form.get('token')), form.get('mode')))) return fail(400, { invalid: true });
		return { done: true };
	}
};
