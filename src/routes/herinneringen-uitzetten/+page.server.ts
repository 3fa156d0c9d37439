import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { stopRemindersWithToken, verifyStopRemindersToken } from '#lib/server/activities/notifications/opt-out.ts';
import { appContext } from '#lib/server/app.ts';

/*
 * The "no more reminders" link from a reminder mail: works without signing in.
 * Opening the link changes nothing (mail scanners open links too); the button
 * on the page does.
 */

const tokenOf = (value: unknown) => (typeof value === 'string' && value.length <= 512 ? value : '');

export const load: PageServerLoad = async ({ url }) => {
	const token = tokenOf(url.searchParams.get('token'));
	const { secret } = await appContext();
	return { token, valid: verifyStopRemindersToken(secret, token) !== null };
};

export const actions: Actions = {
	default: async ({ locals, request }) => {
		const token = tokenOf((await request.formData()).get('token'));
		const { secret } = await appContext();
		if (!(await stopRemindersWithToken(locals.db, secret, token))) return fail(400, { invalid: true });
		return { done: true };
	}
};
