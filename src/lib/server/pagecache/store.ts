import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';

/*
 * Which requests may use the cache, and the cache itself: anonymous GETs of public pages, kept by path and
 * query (the language is the path's /en prefix), bounded in bytes, each entry for one content version.
 */

/** Content that depends on the clock ("vandaag", "nu open") is at most this old. */
export const MAX_AGE_MS = 60_000;
/** Longer addresses are served, never kept (nobody links to them; they would only fill the cache). */
const MAX_KEY_LENGTH = 512;

const SLUG = '[a-z0-9]+(?:-[a-z0-9]+)*';
const ID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** Never a slug: fixed pages beside the initiatives, which are not for visitors or have their own rule. */
const NOT_A_SLUG = new Set(['nieuw', 'kaart']);

/** The public pages (without the /en prefix): the same for every visitor who is not signed in. */
const PUBLIC_PAGES: RegExp[] = [
	/^\/$/,
	/^\/initiatieven(?:\.json|\/kaart)?$/,
	new RegExp(`^/initiatieven/(${SLUG})(?:/activiteiten(?:\\.ics)?)?$`),
	new RegExp(`^/initiatieven/(${SLUG})/activiteiten/${ID}(?:\\.ics)?$`),
	/^\/activiteiten(?:\.ics)?$/,
	/^\/verhalen(?:\.atom)?$/,
	new RegExp(`^/verhalen/${ID}$`),
	new RegExp(`^/expertisepool(?:/${ID})?$`),
	/^\/cijfers(?:\.json)?$/,
	/^\/doorverwijzen$/,
	/^\/(?:hulp|toegankelijkheid|hoe-werkt-het(?:\/coordinatoren)?)$/,
	/^\/herstelruimte\/op-papier$/
];

export function isPublicPage(pathname: string): boolean {
	const path = pathname === '/en' ? '/' : pathname.startsWith('/en/') ? pathname.slice(3) : pathname;
	return PUBLIC_PAGES.some((page) => {
		const match = page.exec(path);
		return match !== null && !NOT_A_SLUG.has(match[1]);
	});
}

/** What decides about a request; the same from node:http (scripts/start.js) and from SvelteKit. */
export interface RequestFacts {
	method: string;
	/** Path and query, as `URL` normalises them. */
	pathAndQuery: string;
	pathname: string;
	header(name: string): string | null | undefined;
}

/**
 * The cache key of a request that may use the cache, else undefined: anything with a cookie (a session, a
 * flash message) or credentials goes to the app, always.
 */
export function cacheKey(request: RequestFacts): string | undefined {
	if (request.method !== 'GET') return undefined;
	if (request.header('cookie') || request.header('authorization')) return undefined;
	if (request.pathAndQuery.length > MAX_KEY_LENGTH || !isPublicPage(request.pathname)) return undefined;
	return request.pathAndQuery;
}

export interface CachedPage {
	version: number;
	etag: string;
	headers: [string, string][];
	body: Uint8Array;
}

/** Headers that belong to one response, or to the connection, not to the page. */
const NOT_KEPT = new Set(['set-cookie', 'x-request-id', 'date', 'content-length', 'transfer-encoding', 'connection', 'keep-alive', 'strict-transport-security', 'etag']);

/** A response may be kept when it is a complete 200 that sets no cookie and no shared cache may not keep. */
export function mayKeep(status: number, headers: Headers): boolean {
	if (status !== 200 || headers.has('set-cookie')) return false;
	const control = headers.get('cache-control') ?? '';
	return !/no-store|private/i.test(control) && !headers.get('vary')?.includes('*');
}

export function makeEntry(version: number, headers: Headers, body: Uint8Array): CachedPage {
	const kept: [string, string][] = [];
	headers.forEach((value, name) => {
		if (!NOT_KEPT.has(name)) kept.push([name, value]);
	});
	const etag = `"${version.toString(36)}-${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
	kept.push(['etag', etag]);
	return { version, etag, headers: kept, body };
}

/** True when the browser's copy is this entry. */
export function notModified(entry: CachedPage, ifNoneMatch: string | null | undefined): boolean {
	if (!ifNoneMatch) return false;
	return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === entry.etag);
}

/** A 304 carries the validator and the caching rules, never the content headers. */
export function notModifiedHeaders(entry: CachedPage): [string, string][] {
	return entry.headers.filter(([name]) => name === 'etag' || name === 'cache-control' || name === 'vary');
}

export function pageStore(megabytes: number): LRUCache<string, CachedPage> {
	const maxSize = Math.max(1, Math.round(megabytes * 1024 * 1024));
	return new LRUCache<string, CachedPage>({
		maxSize,
		// One page may take at most an eighth, so a huge feed cannot push out everything else.
		maxEntrySize: Math.ceil(maxSize / 8),
		sizeCalculation: (entry, key) => entry.body.byteLength + key.length + entry.headers.reduce((sum, [n, v]) => sum + n.length + v.length, 0) + 64,
		ttl: MAX_AGE_MS,
		updateAgeOnGet: false
	});
}
