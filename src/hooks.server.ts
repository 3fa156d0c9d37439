import { randomUUID } from 'node:crypto';
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit/hooks';
import type { RequestEvent } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { building } from '$app/env';
import { paraglideMiddleware } from '#lib/paraglide/server.js';
import { getViewer } from '#lib/server/accounts/service.ts';
import { appContext, closeAppContext } from '#lib/server/app.ts';
import { allowTiles, isMapPath, mapSettings, tileSource } from '#lib/server/directory/map.ts';
import { securityHeaders } from '#lib/server/http/headers.ts';
import { requestInfo } from '#lib/server/http/request.ts';
import { log } from '#lib/server/log/index.ts';
import { pageCacheHandle, rememberForVersion } from '#lib/server/pagecache/index.ts';

export const init: ServerInit = async () => {
	if (building) return;
	await appContext();
	// Sent by our server (scripts/start.js) on SIGTERM/SIGINT, after it stopped taking requests.
	process.once('sveltekit:shutdown', () => void closeAppContext());
};

const requestContext: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	event.locals.requestId = randomUUID();
	const app = await appContext();
	event.locals.db = app.database.db;
	event.locals.accounts = { db: app.database.db, auth: app.auth };
	event.locals.mailer = app.mailer;
	event.locals.origin = app.origin;
	event.locals.viewer = event.request.headers.has('cookie') ? await viewerOf(event, event.locals.accounts) : null;
	const response = await resolve(event);
	response.headers.set('x-request-id', event.locals.requestId);
	// Path only: query strings can hold tokens.
	log.info(
		{
			reqId: event.locals.requestId,
			method: event.request.method,
			path: event.url.pathname,
			status: response.status,
			ms: Math.round(performance.now() - started)
		},
		'request'
	);
	return response;
};

/** better-auth's session cookies (`herstelplein.session_token`, `__Secure-…` over https). */
const SESSION_COOKIE = /(?:^|;\s*)((?:__Secure-)?herstelplein\.session_[a-z_]+=[^;]*)/g;

/**
 * The signed-in person, looked up once per session and content version in this process: every sign-out,
 * new password or role change is a write, which moves the version on in every process at once.
 */
function viewerOf(event: RequestEvent, accounts: App.Locals['accounts']) {
	const load = () => getViewer(accounts, requestInfo(event).headers);
	const session = [...(event.request.headers.get('cookie') ?? '').matchAll(SESSION_COOKIE)].map((m) => m[1]).sort().join(';');
	return session ? rememberForVersion(`viewer:${session}`, load) : load();
}

const DUTCH_ROOT = '<html lang="nl">';

const i18n: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ locale }) => {
		event.locals.locale = locale;
		// The template says `lang="nl"`; only other languages rewrite the page: a replace copies all of it (on the
		// network's figures, 74 KB, it cost about 2 ms of CPU per request).
		return resolve(event, locale === 'nl' ? undefined : { transformPageChunk: ({ html }) => html.replace(DUTCH_ROOT, `<html lang="${locale}">`) });
	});

const headers: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	for (const [name, value] of Object.entries(securityHeaders(event.url.protocol === 'https:'))) {
		if (!response.headers.has(name)) response.headers.set(name, value);
	}
	// Only the map page may show images from the tile server (after the visitor agrees).
	const policy = response.headers.get('content-security-policy');
	if (policy && isMapPath(event.url.pathname)) response.headers.set('content-security-policy', allowTiles(policy, tileSource(mapSettings().tileUrl)));
	// Pages can show personal data: never keep them in shared caches.
	if (event.locals.viewer && !response.headers.has('cache-control')) response.headers.set('cache-control', 'private, no-store');
	return response;
};

// The page cache first: a hit needs no database, no session and no rendering.
export const handle = sequence(pageCacheHandle, requestContext, headers, i18n);

/** A request body that is not a form (broken multipart, wrong content type): the sender's mistake. */
const isUnreadableBody = (error: unknown) =>
	error instanceof TypeError && /form ?data|multipart|boundary|content-type/i.test(error.message);

/** Log what went wrong with the request id; the person sees only the id, never details. */
export const handleError: HandleServerError = ({ error, event, kind }) => {
	const id = event.locals.requestId ?? randomUUID();
	if (kind === 'unknown' && isUnreadableBody(error)) return { id, status: 400, message: 'Bad Request' };
	if (kind === 'unknown') log.error({ reqId: id, path: event.url.pathname, err: error }, 'unhandled error');
	return { id };
};
