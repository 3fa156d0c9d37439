import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { roleIn } from '#lib/server/access/initiatives.ts';
import { authErrorField, signUpForm } from '#lib/server/accounts/forms.ts';
import { signUp } from '#lib/server/accounts/service.ts';
import { acceptInvite, inspectInvite, type AcceptResult } from '#lib/server/initiatives/invites.ts';
import { formError, parseForm, t } from '#lib/server/http/forms.ts';
import { guarded } from '#lib/server/http/guard.ts';
import { applySetCookies, requestInfo } from '#lib/server/http/request.ts';
import { localizeHref } from '#lib/paraglide/runtime.js';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { state, initiative } = await inspectInvite(locals.db, params.token);
	// Someone who is already a member is told so, whatever the state of the link.
	const alreadyMember = Boolean(initiative && locals.viewer && (await roleIn(locals.db, locals.viewer, initiative.id)));
	return {
		state,
		initiative: state === 'valid' || alreadyMember ? initiative : undefined,
		alreadyMember,
		signedIn: locals.viewer ? { name: locals.viewer.name } : null
	};
};

function afterAccept(result: AcceptResult) {
	if (!result.ok) return fail(400, { error: t(`invite_state_${result.state}`) });
	redirect(303, localizeHref(`/initiatieven/${result.slug}${result.alreadyMember ? '' : '?welkom'}`));
}

export const actions: Actions = {
	/** A signed-in person accepts. */
	accepteren: (event) => guarded(event, async () => afterAccept(await acceptInvite(event.locals.db, event.locals.viewer, event.params.token))),
	/** A newcomer makes an account and joins in one step. */
	aanmelden: async (event) => {
		const form = await event.request.formData();
		const parsed = parseForm(signUpForm, form);
		if (!parsed.ok) return parsed.failure;
		const { state, initiative } = await inspectInvite(event.locals.db, event.params.token);
		if (state !== 'valid' || !initiative) return fail(400, { error: t(`invite_state_${state}`) });
		const result = await signUp(event.locals.accounts, requestInfo(event), { ...parsed.data, locale: event.locals.locale });
		if (!result.ok) return formError(result.error === 'rate_limited' ? 429 : 400, form, authErrorField(result.error), `auth_error_${result.error}`);
		// An address that has an account: the same answer as for a new one, and its owner got a mail.
		if (!result.userId) redirect(303, localizeHref(`/initiatieven/${initiative.slug}?welkom`));
		applySetCookies(event, result.setCookies);
		const viewer = { userId: result.userId, name: parsed.data.name, email: parsed.data.email, locale: event.locals.locale, isAdmin: false };
		return afterAccept(await acceptInvite(event.locals.db, viewer, event.params.token));
	}
};
