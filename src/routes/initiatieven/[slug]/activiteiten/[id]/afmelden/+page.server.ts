import { redirect } from '@sveltejs/kit';
import { localizeHref } from '#lib/paraglide/runtime.js';
import type { Actions, PageServerLoad } from './$types';
import { attendance, cancelSignup } from '#lib/server/activities/signups.ts';
import { formatRange } from '#lib/server/activities/time.ts';
import { redirectWithFlash } from '#lib/server/http/flash.ts';
import { guarded, signedIn } from '#lib/server/http/guard.ts';
import { resolve } from '../date.ts';

/**
 * "Weet je het zeker?": cancelling a sign-up asks once, on a page of its own
 * (no JavaScript needed), and says what happens to the place: it goes to the
 * first person on the waitlist, or it is free again. Without a sign-up the
 * page leads back to the date.
 */
export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		const { id, access, occurrence: o, here } = await resolve(event);
		signedIn(event.locals, event.url.pathname + event.url.search);
		const at = await attendance(event.locals.db, event.locals.viewer, id, o.key);
		if (!at.mine) redirect(303, localizeHref(here));
		return {
			title: access.activity.title,
			when: formatRange(o.startsAt, o.endsAt, event.locals.locale),
			mine: at.mine,
			// Only a confirmed place goes to someone else; leaving the waitlist frees nothing.
			nextInLine: at.mine === 'confirmed' && at.waitlist > 0,
			back: here
		};
	});

export const actions: Actions = {
	default: (event) =>
		guarded(event, async () => {
			const { id, occurrence, here } = await resolve(event);
			signedIn(event.locals, event.url.pathname + event.url.search);
			// Twice (a double click, the back button) is harmless: the second finds nothing to end.
			await cancelSignup(event.locals.db, event.locals.viewer, id, occurrence.key);
			redirectWithFlash(event.cookies, here, 'signed_off');
		})
};
