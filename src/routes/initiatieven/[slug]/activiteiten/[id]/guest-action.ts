import { fail, type RequestEvent } from '@sveltejs/kit';
import type { Outcome } from './outcome.ts';
import { guestForm, requestGuestSignup } from '#lib/server/activities/guests/service.ts';
import type { Occurrence } from '#lib/server/activities/occurrences.ts';
import { setShowName } from '#lib/server/activities/signups.ts';
import { parseForm, readForm, t } from '#lib/server/http/forms.ts';

/** The status for each reason a guest cannot sign up: not allowed here is 403, too many is 429. */
const STATUS = { closed: 403, rate_limited: 429, cancelled: 400, started: 400, no_date: 400 } as const;
const MESSAGE = {
	closed: 'guest_error_closed',
	rate_limited: 'guest_error_rate_limited',
	cancelled: 'activity_error_cancelled',
	started: 'activity_error_started',
	no_date: 'activity_error_no_date'
} as const;

/** "Aanmelden zonder account": store the request and mail the link (see guests.ts). */
export async function guestRequest(event: RequestEvent, { id, occurrence }: { id: string; occurrence: Occurrence }) {
	const { db, mailer, origin, locale } = event.locals;
	const form = await readForm(event.request);
	if (!form) return fail(400, { guest: { errors: { form: t('form_error_unreadable') }, values: {} } } satisfies Outcome);
	const parsed = parseForm(guestForm, form);
	if (!parsed.ok) return fail(400, { guest: parsed.failure.data } satisfies Outcome);
	const result = await requestGuestSignup(db, mailer, { activityId: id, occurrence: occurrence.key, ip: event.getClientAddress(), origin, locale }, parsed.data);
	if (!result.ok) {
		const values = { name: parsed.data.name, email: parsed.data.email };
		return fail(STATUS[result.error], { guest: { errors: { form: t(MESSAGE[result.error]) }, values } } satisfies Outcome);
	}
	return { guest: { sent: true } } satisfies Outcome;
}

/** A member's "Laat anderen mijn naam zien" for their own sign-up. */
export async function showNameChoice(event: RequestEvent, { id, occurrence }: { id: string; occurrence: Occurrence }) {
	const form = await readForm(event.request);
	const saved = await setShowName(event.locals.db, event.locals.viewer, id, occurrence.key, form?.get('showName') === 'ja');
	if (!saved) return fail(400, { error: t('signups_show_name_not_signed_up') } satisfies Outcome);
	return { nameSaved: true } satisfies Outcome;
}
