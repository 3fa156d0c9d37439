import { error } from '@sveltejs/kit';
import type { GuestLinkState } from '#lib/server/activities/guests/service.ts';
import { t } from '#lib/server/http/forms.ts';

/** The HTTP status for a link that does not work (any more): unknown is 404, used up or too late is 410. */
export const LINK_STATUS: Record<Exclude<GuestLinkState, 'valid'>, 404 | 410> = { unknown: 404, expired: 410, used: 410, closed: 410 };

/**
 * Stop with the /gast error page: a plain Dutch message for this state and,
 * when known, a link on to the activity (the error page reads `href`).
 */
export function linkError(state: Exclude<GuestLinkState, 'valid'>, message: string, href?: string): never {
	const body = { message: t(message), href };
	error(LINK_STATUS[state], body);
}

/** A token from the address or a form: at most a sane length, else empty. */
export const tokenOf = (value: unknown) => (typeof value === 'string' && value.length <= 200 ? value : '');
