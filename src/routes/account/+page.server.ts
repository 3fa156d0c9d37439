import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { changeLocale, changeName, getAccount } from '#lib/server/accounts/account.ts';
import { localeForm, nameForm } from '#lib/server/accounts/account-forms.ts';
import { requestConfirmationMail } from '#lib/server/accounts/confirm-email.ts';
import { signOutEverywhere } from '#lib/server/accounts/service.ts';
import { remindersOn, setReminders } from '#lib/server/activities/notifications/opt-out.ts';
import { parseForm } from '#lib/server/http/forms.ts';
import { applySetCookies, requestInfo } from '#lib/server/http/request.ts';
import { localizeHref } from '#lib/paraglide/runtime.js';
import { signedIn } from '#lib/server/http/guard.ts';

export const load: PageServerLoad = async ({ locals, url }) => {
	const viewer = signedIn(locals, '/account');
	const [account, reminders] = await Promise.all([getAccount(locals.db, viewer), remindersOn(locals.db, viewer)]);
	if (!account) error(404, 'Not found');
	return {
		account,
		confirmed: account.confirmed,
		reminders,
		localeSaved: url.searchParams.has('taal-opgeslagen')
	};
};

export const actions: Actions = {
	naam: async ({ locals, request }) => {
		const viewer = signedIn(locals, '/account');
		const parsed = parseForm(nameForm, await request.formData());
		if (!parsed.ok) return parsed.failure;
		await changeName(locals.db, viewer, parsed.data.name);
		return { saved: 'name' as const };
	},
	taal: async ({ locals, request }) => {
		const viewer = signedIn(locals, '/account');
		const parsed = parseForm(localeForm, await request.formData());
		if (!parsed.ok) return parsed.failure;
		await changeLocale(locals.db, viewer, parsed.data.locale);
		// Show the account page in the language just chosen.
		redirect(303, localizeHref('/account?taal-opgeslagen', { locale: parsed.data.locale }));
	},
	herinneringen: async ({ locals, request }) => {
		const viewer = signedIn(locals, '/account');
		// A checkbox: present means on, absent means off.
		await setReminders(locals.db, viewer, (await request.formData()).get('reminders') === 'aan');
		return { saved: 'reminders' as const };
	},
	/** Send the link that confirms the address again (also from the join button of an initiative). */
	bevestigen: async ({ locals }) => {
		const viewer = signedIn(locals, '/account');
		const result = await requestConfirmationMail(locals.db, viewer);
		if (result === 'rate_limited') return fail(429, { confirmMail: 'rate_limited' as const });
		return { confirmMail: 'sent' as const };
	},
	overalUitloggen: async (event) => {
		const viewer = signedIn(event.locals, '/account');
		const result = await signOutEverywhere(event.locals.accounts, viewer, requestInfo(event));
		if (result.ok) applySetCookies(event, result.setCookies);
		redirect(303, localizeHref('/uitloggen'));
	}
};
