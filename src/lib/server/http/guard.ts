import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import type { SignedIn } from '../accounts/viewer.ts';
import { NotFound, SignInRequired } from '../access/core.ts';
import { localizeHref } from '../../paraglide/runtime.js';

/** To the sign-in page, which comes back to `path` afterwards. */
const toSignIn = (path: string): never => redirect(303, localizeHref(`/inloggen?naar=${encodeURIComponent(path)}`));

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
		if (e instanceof SignInRequired) toSignIn(event.url.pathname + event.url.search);
		throw e;
	}
}

/**
 * The person signed in, or a redirect to sign in and come back to `path`.
 * Used in every load and action of the account pages: a layout load would not
 * guard the actions.
 */
export function signedIn(locals: App.Locals, path: string): SignedIn {
	return locals.viewer ?? toSignIn(path);
}

/** Reject an id that is not a UUID before it reaches the database. */
export function uuidParam(value: string | null | undefined): string {
	if (!value || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) error(404, 'Not found');
	return value.toLowerCase();
}
