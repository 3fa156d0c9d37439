import { randomUUID } from 'node:crypto';
import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { NotFound } from '#lib/server/access/core.ts';
import { localPoolOf } from '#lib/server/expertise/pool.ts';
import { getExpertProfile } from '#lib/server/expertise/read.ts';
import { requestForm } from '#lib/server/expertise/request-forms.ts';
import { submitPoolRequest } from '#lib/server/expertise/request-service.ts';
import { EXPERTISE_FORMS, EXPERTISE_THEMES, FEE_KINDS, REQUEST_SECTORS } from '#lib/server/expertise/schema.ts';
import { parseForm, readForm, unreadableForm } from '#lib/server/http/forms.ts';
import { outsideRateLimited } from '#lib/server/outside/forms.ts';
import { OUTSIDE_HONEYPOT_FIELD, OUTSIDE_SUBMISSION_FIELD } from '#lib/server/outside/service.ts';
import { localizeHref } from '#lib/paraglide/runtime.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The public request form, without an account; "vraag deze ervaringsdeskundige aan" brings the profile along (?profiel=). */
export const load: PageServerLoad = async ({ locals, url }) => {
	const profileId = url.searchParams.get('profiel');
	let wished: { id: string; name: string } | null = null;
	if (profileId && UUID.test(profileId)) {
		try {
			const profile = await getExpertProfile(locals.db, null, profileId);
			wished = { id: profile.id, name: profile.name };
		} catch (e) {
			if (!(e instanceof NotFound)) throw e;
		}
	}
	return {
		wished,
		local: await localPoolOf(locals.db, (url.searchParams.get('initiatief') ?? '').slice(0, 80)),
		options: { sectors: REQUEST_SECTORS, forms: EXPERTISE_FORMS, themes: EXPERTISE_THEMES, fees: FEE_KINDS },
		outside: { honeypot: OUTSIDE_HONEYPOT_FIELD, submissionField: OUTSIDE_SUBMISSION_FIELD, submissionKey: randomUUID() },
		sent: url.searchParams.has('verstuurd')
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { db, mailer, origin, locale } = event.locals;
		const form = await readForm(event.request);
		if (!form) return unreadableForm();
		const parsed = parseForm(requestForm(), form);
		if (!parsed.ok) return parsed.failure;
		const result = await submitPoolRequest(db, mailer, { ip: event.getClientAddress(), origin, locale }, parsed.data);
		if (!result.ok) return outsideRateLimited(form);
		redirect(303, localizeHref('/expertisepool/aanvragen?verstuurd'));
	}
};
