import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Handle } from '@sveltejs/kit/hooks';
import { LRUCache } from 'lru-cache';
import type { Database } from '../db/index.ts';
import { securityHeaders } from '../http/headers.ts';
import { log } from '../log/index.ts';
import { cacheKey, makeEntry, mayKeep, MAX_AGE_MS, notModified, notModifiedHeaders, pageStore, type CachedPage, type RequestFacts } from './store.ts';
import { watchVersion, type VersionWatch } from './version.ts';

/*
 * The page cache for visitors who are not signed in (issue 26): public pages are kept in memory and served
 * again until the content version moves on (every write that can change a public page raises it: every
 * non-GET request, every background job, the demo) or a minute has passed.
 *
 * Surface: startPageCache/stopPageCache (app.ts), contentChanged (after a write outside a request),
 * pageCacheHandle (the outermost hook), rememberForVersion (the signed-in viewer of a session, hooks.server.ts),
 * rememberResult (results read from many rows: the network's month, figures)
 * and, registered on globalThis for scripts/start.js, a node:http server function that answers hits before
 * SvelteKit does any work.
 */

interface Active {
	watch: VersionWatch;
	/** Undefined when PAGE_CACHE_MB is 0: the version is still kept, nothing is cached. */
	pages: LRUCache<string, CachedPage> | undefined;
	remembered: LRUCache<string, { version: number; value: unknown }>;
	/** Results read from many rows (`rememberResult`): fewer, larger entries. */
	results: LRUCache<string, KeptResult>;
	/** The share of its keeping time after which a kept result is read again in the background (`rememberResult`). */
	refreshAfter: number;
}

interface KeptResult {
	/** The content version it was read under; null when kept across writes. */
	version: number | null;
	value: Promise<unknown>;
	/** When its read started (Date.now()). */
	readAt: number;
	/** How long it is kept (ms). */
	keepMs: number;
	/** A newer read of it is under way. */
	refreshing?: boolean;
}

let active: Active | undefined;

/** The name under which scripts/start.js finds `serveFromCache` (it loads the app as a separate bundle). */
const NODE_HOOK = Symbol.for('herstelplein.pagecache');

export async function startPageCache(database: Database, options: { megabytes: number; pollMs?: number; refreshAfter?: number }): Promise<void> {
	const watch = await watchVersion(database, { pollMs: options.pollMs });
	active = {
		watch,
		pages: options.megabytes > 0 ? pageStore(options.megabytes) : undefined,
		remembered: new LRUCache({ max: 10_000, ttl: MAX_AGE_MS, updateAgeOnGet: false }),
		results: new LRUCache({ max: RESULTS_KEPT, ttl: MAX_AGE_MS, updateAgeOnGet: false }),
		refreshAfter: options.refreshAfter ?? REFRESH_AFTER
	};
	(globalThis as Record<symbol, unknown>)[NODE_HOOK] = serveFromCache;
}

export async function stopPageCache(): Promise<void> {
	const stopping = active;
	active = undefined;
	delete (globalThis as Record<symbol, unknown>)[NODE_HOOK];
	await stopping?.watch.stop();
}

/**
 * Something public may have changed (after its commit): raise the content version, so that no process serves
 * a page from before it. Never throws: when the database cannot be reached, this process forgets its pages.
 */
export async function contentChanged(): Promise<void> {
	const state = active;
	if (!state) return;
	try {
		await state.watch.raise();
	} catch (error) {
		state.pages?.clear();
		state.remembered.clear();
		state.results.clear();
		log.error({ err: error }, 'content version could not be raised; cached pages of this process dropped');
	}
}

/**
 * `load()`, kept in this process while the content version stays (and at most a minute): for what every
 * request would otherwise look up again and that only a write changes — the viewer of a session, which
 * sign-out, sign-out everywhere, a new password or another role (all writes) make stale in every process at
 * once. `key` is hashed; it may hold a secret such as a session token.
 */
export async function rememberForVersion<T>(key: string, load: () => Promise<T>): Promise<T> {
	const state = active;
	if (!state) return load();
	const hashed = createHash('sha256').update(key).digest('base64url');
	const kept = state.remembered.get(hashed);
	if (kept && kept.version === state.watch.current()) return kept.value as T;
	const version = state.watch.current();
	const value = await load();
	if (state.watch.current() === version) state.remembered.set(hashed, { version, value });
	return value;
}

/** How many results `rememberResult` keeps per process: each can be a month of dates or a year of figures. */
const RESULTS_KEPT = 300;

/**
 * After this share of its keeping time a result asked for is read again in the background: a year of the
 * network's figures takes about a second to count, and without this every request in that second would wait.
 */
const REFRESH_AFTER = 0.75;

/** How a result is kept: by default until the next write and at most a minute. */
export interface Keeping {
	/** At most this long (ms). */
	keepMs?: number;
	/** Also after writes, for the whole `keepMs`: for figures of the whole network, which change slowly. */
	acrossWrites?: boolean;
}

/**
 * `load()`, a result counted or ranked over many rows (the network's month, a year of figures), shared by every
 * request for the same `key` while the content version stays (and at most a minute; see `Keeping`). Requests that
 * come while it is being read wait for the same read; after the version moves on, they wait for the new one. Only
 * age does not make anyone wait: a result asked for in the last quarter of its time is handed out once more while
 * it is read again. The caller decides access first and puts in `key` everything the result depends on: the
 * viewer's scope, the filters, the period.
 */
export function rememberResult<T>(key: string, load: () => Promise<T>, keeping: Keeping = {}): Promise<T> {
	const state = active;
	if (!state) return load();
	const version = keeping.acrossWrites ? null : state.watch.current();
	const kept = state.results.get(key);
	if (kept && kept.version === version) {
		if (!kept.refreshing && Date.now() - kept.readAt >= kept.keepMs * state.refreshAfter) refresh(state, key, kept, load);
		return kept.value as Promise<T>;
	}
	// A real promise, run once: a query builder is a thenable that would run its query again on every await.
	const value = (async () => load())();
	keep(state, key, { version, value, readAt: Date.now(), keepMs: keeping.keepMs ?? MAX_AGE_MS });
	value.catch(() => {
		if (state.results.get(key)?.value === value) state.results.delete(key);
	});
	return value;
}

const keep = (state: Active, key: string, result: KeptResult) => state.results.set(key, result, { ttl: result.keepMs });

/** Read `key` again while `kept` is still handed out; the new result replaces it only if nothing was written meanwhile. */
function refresh<T>(state: Active, key: string, kept: KeptResult, load: () => Promise<T>): void {
	kept.refreshing = true;
	const readAt = Date.now();
	(async () => load())().then(
		(result) => {
			if (state.results.get(key) === kept && (kept.version === null || state.watch.current() === kept.version)) {
				keep(state, key, { ...kept, value: Promise.resolve(result), readAt, refreshing: false });
			}
		},
		(error: unknown) => {
			kept.refreshing = false;
			log.warn({ err: error, result: key.split('|')[0] }, 'a kept result could not be read again; the previous one is handed out until it expires');
		}
	);
}

/** The entry for `key` if it belongs to the version this process knows. */
function lookup(state: Active, key: string): CachedPage | undefined {
	const entry = state.pages?.get(key);
	if (!entry) return undefined;
	if (entry.version === state.watch.current()) return entry;
	state.pages?.delete(key);
	return undefined;
}

/** Answer a hit straight from node:http; false when the app must answer. Security headers are set by the caller. */
function serveFromCache(req: IncomingMessage, res: ServerResponse): boolean {
	const state = active;
	if (!state?.pages || !req.url?.startsWith('/')) return false;
	let url: URL;
	try {
		// Joined, not resolved: `//host/x` stays a path, as in adapter-node.
		url = new URL(`http://cache.invalid${req.url}`);
	} catch {
		return false;
	}
	const header = (name: string) => {
		const value = req.headers[name];
		return Array.isArray(value) ? value.join(', ') : value;
	};
	const key = cacheKey({ method: req.method ?? '', pathAndQuery: url.pathname + url.search, pathname: url.pathname, header });
	const entry = key === undefined ? undefined : lookup(state, key);
	if (!entry) return false;
	const unchanged = notModified(entry, header('if-none-match'));
	res.statusCode = unchanged ? 304 : 200;
	for (const [name, value] of unchanged ? notModifiedHeaders(entry) : entry.headers) res.setHeader(name, value);
	if (unchanged) res.end();
	else {
		res.setHeader('content-length', entry.body.byteLength);
		res.end(entry.body);
	}
	return true;
}

function cachedResponse(entry: CachedPage, request: Request, https: boolean): Response {
	const unchanged = notModified(entry, request.headers.get('if-none-match'));
	const headers = new Headers(unchanged ? notModifiedHeaders(entry) : entry.headers);
	for (const [name, value] of Object.entries(securityHeaders(https))) headers.set(name, value);
	return unchanged ? new Response(null, { status: 304, headers }) : new Response(entry.body.slice(), { status: 200, headers });
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The outermost hook. A write (any other method) raises the content version once its response is ready, so
 * after its commit and before the person sees the result; a request refused before it could write (4xx)
 * does not. A public GET is answered from the cache, or rendered and kept.
 */
export const pageCacheHandle: Handle = async ({ event, resolve }) => {
	if (!READS.has(event.request.method)) {
		let status = 500;
		try {
			const response = await resolve(event);
			status = response.status;
			return response;
		} finally {
			if (status < 400 || status >= 500) await contentChanged();
		}
	}
	const state = active;
	const facts: RequestFacts = {
		method: event.request.method,
		pathAndQuery: event.url.pathname + event.url.search,
		pathname: event.url.pathname,
		header: (name) => event.request.headers.get(name)
	};
	const key = state?.pages ? cacheKey(facts) : undefined;
	if (!state || key === undefined) return resolve(event);
	const hit = lookup(state, key);
	if (hit) return cachedResponse(hit, event.request, event.url.protocol === 'https:');

	// The version before rendering: a write that commits while this page renders makes the entry unusable.
	const version = state.watch.current();
	const response = await resolve(event);
	if (event.locals.viewer || !response.body || !mayKeep(response.status, response.headers)) return response;
	const body = new Uint8Array(await response.arrayBuffer());
	const entry = makeEntry(version, response.headers, body);
	if (state.watch.current() === version) state.pages?.set(key, entry);
	const headers = new Headers(response.headers);
	headers.set('etag', entry.etag);
	return new Response(body, { status: response.status, headers });
};
