import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { initiativeFor } from '#lib/server/access/initiatives.ts';
import { contactForm, HONEYPOT_FIELD, sendContactMessage } from '#lib/server/initiatives/contact.ts';
import { formError, parseForm, readForm, unreadableForm } from '#lib/server/http/forms.ts';
import { guarded } from '#lib/server/http/guard.ts';
import { localizeHref } from '#lib/paraglide/runtime.js';

export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		const { initiative } = await initiativeFor(event.locals.db, event.locals.viewer, { slug: event.params.slug });
		return {
			initiative: { slug: initiative.slug, name: initiative.name },
			honeypot: HONEYPOT_FIELD,
			sent: event.url.searchParams.has('verstuurd'),
			copy: event.url.searchParams.get('verstuurd') === 'kopie'
		};
	});

export const actions: Actions = {
	default: (event) =>
		guarded(event, async () => {
			const { db, viewer, mailer, origin, locale } = event.locals;
			const form = await readForm(event.request);
			if (!form) return unreadableForm();
			const parsed = parseForm(contactForm, form);
			if (!parsed.ok) return parsed.failure;
			const result = await sendContactMessage(
				db,
				mailer,
				viewer,
				{ slug: event.params.slug, ip: event.getClientAddress(), origin, locale },
				parsed.data
			);
			if (!result.ok) return formError(429, form, 'form', 'contact_error_rate_limited');
			redirect(303, localizeHref(`/initiatieven/${event.params.slug}/contact?verstuurd${result.copy ? '=kopie' : ''}`));
		})
};
