import type { Cookies, RequestEvent } from '@sveltejs/kit';
import { parseSetCookieHeader, toCookieOptions } from 'better-auth/cookies';
import type { AccountDeps } from '../accounts/account.ts';
import type { AccountsContext, RequestInfo } from '../accounts/service.ts';

/** The parts of a request the accounts service may see: cookies and user agent, and the address for rate limits. */
export function requestInfo(event: RequestEvent): RequestInfo {
	const headers = new Headers();
	for (const name of ['cookie', 'user-agent']) {
		const value = event.request.headers.get(name);
		if (value) headers.set(name, value);
	}
	return { ip: event.getClientAddress(), headers };
}

/**
 * Pass the cookies better-auth set (session in, session out) on to the browser.
 * Over https (also behind a trusted TLS proxy) they are always `Secure`, even
 * when better-auth was configured with an http origin.
 */
export function applySetCookies(event: { cookies: Cookies; url: URL }, setCookies: string[]): void {
	const https = event.url.protocol === 'https:';
	for (const [name, attributes] of parseSetCookieHeader(setCookies.join(', '))) {
		const options = toCookieOptions(attributes);
		event.cookies.set(name, attributes.value, { ...options, secure: options.secure || https, path: attributes.path || '/' });
	}
}

export type { AccountsContext };

/** What the account service needs from the request context. */
export function accountDeps(locals: App.Locals): AccountDeps {
	return { ...locals.accounts, mailer: locals.mailer, origin: locals.origin };
}
