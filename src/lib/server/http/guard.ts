import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { NotFound, SignInRequired } from '../access/index.ts';
import { localizeHref } from '../../paraglide/runtime.js';

/**
 * Run a service call for a route and turn access decisions into HTTP:
 * "not yours" becomes a plain 404, "sign in first" a redirect to the sign-in
 * page that comes back here afterwards.
 */
export async function guarded<T>(event: Pick<RequestEvent, 'url'>, run: () => Promise<T>): Promise<T> {
	try {
		return await run();
	} catch (e) {
		if (e instanceof NotFound) error(404, 'Not found');
		if (e instanceof SignInRequired) {
			redirect(303, localizeHref(`/inloggen?naar=${encodeURIComponent(event.url.pathname + event.url.search)}`));
		}
		throw e;
	}
}

/** Reject an id that is not a UUID before it reaches the database. */
export function uuidParam(value: string | null | undefined): string {
	if (!value || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) error(404, 'Not found');
	return value.toLowerCase();
}
