import { randomUUID } from 'node:crypto';
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit/hooks';
import { sequence } from '@sveltejs/kit/hooks';
import { building } from '$app/env';
import { paraglideMiddleware } from '#lib/paraglide/server.js';
import { appDatabase, closeAppDatabase } from '#lib/server/db/app.ts';
import { log } from '#lib/server/log/index.ts';
import { securityHeaders } from '#lib/server/http/headers.ts';

export const init: ServerInit = async () => {
	if (building) return;
	await appDatabase();
	// Sent by our server (scripts/start.js) on SIGTERM/SIGINT, after it stopped taking requests.
	process.once('sveltekit:shutdown', () => void closeAppDatabase());
};

const requestContext: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	event.locals.requestId = randomUUID();
	event.locals.db = (await appDatabase()).db;
	const response = await resolve(event);
	response.headers.set('x-request-id', event.locals.requestId);
	// Path only: query strings can hold tokens.
	log.info(
		{ reqId: event.locals.requestId, method: event.request.method, path: event.url.pathname, status: response.status, ms: Math.round(performance.now() - started) },
		'request'
	);
	return response;
};

const i18n: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ locale }) => {
		event.locals.locale = locale;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale)
		});
	});

const headers: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	for (const [name, value] of Object.entries(securityHeaders(event.url.protocol === 'https:'))) {
		if (!response.headers.has(name)) response.headers.set(name, value);
	}
	return response;
};

export const handle = sequence(requestContext, headers, i18n);

export const handleError: HandleServerError = ({ error, event, status, message, kind }) => {
	const id = event.locals.requestId ?? randomUUID();
	if (kind === 'unknown') {
		log.error({ reqId: id, path: event.url.pathname, err: error }, 'unhandled error');
	} else if (status >= 500) {
		log.error({ reqId: id, path: event.url.pathname, status, message }, 'server error');
	}
	return { message, id };
};
