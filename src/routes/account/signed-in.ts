import { redirect } from '@sveltejs/kit';
import type { AccountDeps } from '#lib/server/accounts/account.ts';
import type { SignedIn } from '#lib/server/accounts/viewer.ts';
import { localizeHref } from '#lib/paraglide/runtime.js';

/**
 * The person signed in, or a redirect to sign in and come back to `path`.
 * Used in every load and action of the account pages: a layout load would not
 * guard the actions.
 */
export function signedIn(locals: App.Locals, path: string): SignedIn {
	if (!locals.viewer) redirect(303, localizeHref(`/inloggen?naar=${encodeURIComponent(path)}`));
	return locals.viewer;
}

/** What the account service needs from the request context. */
export function accountDeps(locals: App.Locals): AccountDeps {
	return { ...locals.accounts, mailer: locals.mailer, origin: locals.origin };
}
