import { randomUUID } from 'node:crypto';
import { redirect, type RequestEvent } from '@sveltejs/kit';
import { localizeHref } from '../../paraglide/runtime.js';
import { handoverTarget } from '../access/handover.ts';
import { parseForm, readForm, unreadableForm } from '../http/forms.ts';
import { guarded } from '../http/guard.ts';
import { outsideRateLimited } from '../outside/forms.ts';
import { OUTSIDE_HONEYPOT_FIELD, OUTSIDE_SUBMISSION_FIELD } from '../outside/service.ts';
import { referralForm, selfForm } from './forms.ts';
import { SECTORS } from './schema.ts';
import { submitHandover, type HandoverSubmission } from './service.ts';

/*
 * The two public form pages (doorverwijzen, contact-met-mij) load and post
 * the same way; their routes call these.
 */

const PATHS = { professional: 'doorverwijzen', self: 'contact-met-mij' } as const;

/** The form page: the initiative (published only, else 404), a fresh key for this form, and "check your mail" after sending. */
export function handoverFormLoad(event: RequestEvent<{ slug: string }>) {
	return guarded(event, async () => {
		const target = await handoverTarget(event.locals.db, event.params.slug);
		return {
			initiative: { slug: target.slug, name: target.name },
			sectors: SECTORS,
			outside: { honeypot: OUTSIDE_HONEYPOT_FIELD, submissionField: OUTSIDE_SUBMISSION_FIELD, submissionKey: randomUUID() },
			sent: event.url.searchParams.has('verstuurd')
		};
	});
}

/** Post the form: errors come back with what was typed; too many requests is a 429; done is "check your mail". */
export function handoverFormAction(event: RequestEvent<{ slug: string }>, source: 'professional' | 'self') {
	return guarded(event, async () => {
		const { db, mailer, origin, locale } = event.locals;
		const form = await readForm(event.request);
		if (!form) return unreadableForm();
		const context = { slug: event.params.slug, ip: event.getClientAddress(), origin, locale };
		let submission: HandoverSubmission;
		if (source === 'professional') {
			const parsed = parseForm(referralForm, form);
			if (!parsed.ok) return parsed.failure;
			submission = { source, data: parsed.data };
		} else {
			const parsed = parseForm(selfForm, form);
			if (!parsed.ok) return parsed.failure;
			submission = { source, data: parsed.data };
		}
		const result = await submitHandover(db, mailer, context, submission);
		if (!result.ok) return outsideRateLimited(form);
		redirect(303, localizeHref(`/initiatieven/${event.params.slug}/${PATHS[source]}?verstuurd`));
	});
}
