import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import ipaddr from 'ipaddr.js';
import { log } from '../../log/index.ts';
import { MAX_BYTES } from './draft.ts';

/**
 * Reading a calendar feed for an import: the server fetches a URL a
 * coordinator typed, so it must not become a way into the internal network.
 * Only http and https; every address the name resolves to is checked at the
 * moment of connecting (so a name cannot point elsewhere after the check),
 * also after a redirect; loopback, private, link-local and similar addresses
 * are refused unless the operator allows them (IMPORT_ALLOW_PRIVATE_URLS).
 * Slow or big answers are cut off.
 */

export type FeedError = 'url_invalid' | 'url_private' | 'feed_unreachable' | 'feed_timeout' | 'feed_status' | 'too_large';
export type FeedResult = { ok: true; bytes: Uint8Array } | { ok: false; error: FeedError; status?: number };

export interface FeedOptions {
	allowPrivate: boolean;
	timeoutMs?: number;
	maxBytes?: number;
}

const MAX_REDIRECTS = 3;

/**
 * Is this an address on this machine or a private network (not on the public
 * internet)? ipaddr.js knows the special ranges (loopback, private, link-local,
 * NAT64, 6to4, documentation, …); only its plain 'unicast' is public. IPv4
 * carried in IPv6 (mapped `::ffff:a.b.c.d`, or the old compatible `::a.b.c.d`)
 * is judged as the IPv4 address it carries.
 */
export function isPrivateAddress(address: string): boolean {
	if (!ipaddr.isValid(address)) return true;
	let ip = ipaddr.parse(address);
	if (ip instanceof ipaddr.IPv6) {
		if (ip.isIPv4MappedAddress()) ip = ip.toIPv4Address();
		else if (ip.parts.slice(0, 6).every((part) => part === 0)) ip = ipaddr.fromByteArray(ip.toByteArray().slice(12));
	}
	return ip.range() !== 'unicast';
}

class PrivateAddress extends Error {
	code = 'EPRIVATE';
}

/** A DNS lookup that refuses private addresses: used by the connection itself. */
function guardedLookup(allowPrivate: boolean): net.LookupFunction {
	return (hostname, options, callback) => {
		dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
			if (err) return callback(err, '', 0);
			const list = addresses as dns.LookupAddress[];
			if (!allowPrivate && list.some((a) => isPrivateAddress(a.address))) return callback(new PrivateAddress(hostname), '', 0);
			if (!list.length) return callback(Object.assign(new Error('no address'), { code: 'ENOTFOUND' }), '', 0);
			if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
			callback(null, list[0].address, list[0].family);
		});
	};
}

/** A URL we may fetch: http(s) (`webcal://` is https), no user name or password in it. */
export function feedUrl(text: string): URL | null {
	const value = text.trim().replace(/^webcals?:\/\//i, 'https://');
	if (!URL.canParse(value)) return null;
	const url = new URL(value);
	if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password || !url.hostname) return null;
	return url;
}

function get(url: URL, options: Required<FeedOptions>, signal: AbortSignal): Promise<FeedResult | { redirect: string }> {
	return new Promise((resolve) => {
		const client = url.protocol === 'https:' ? https : http;
		const request = client.get(
			url,
			{ lookup: guardedLookup(options.allowPrivate), signal, headers: { accept: 'text/calendar, text/plain;q=0.5, */*;q=0.1', 'user-agent': 'Herstelplein-import' } },
			(response) => {
				const status = response.statusCode ?? 0;
				if (status >= 300 && status < 400 && response.headers.location) {
					response.resume();
					return resolve({ redirect: new URL(response.headers.location, url).toString() });
				}
				if (status !== 200) {
					response.resume();
					return resolve({ ok: false, error: 'feed_status', status });
				}
				if (Number(response.headers['content-length'] ?? 0) > options.maxBytes) {
					response.destroy();
					return resolve({ ok: false, error: 'too_large' });
				}
				const chunks: Buffer[] = [];
				let size = 0;
				response.on('data', (chunk: Buffer) => {
					size += chunk.length;
					if (size > options.maxBytes) {
						response.destroy();
						resolve({ ok: false, error: 'too_large' });
					} else chunks.push(chunk);
				});
				response.on('end', () => resolve({ ok: true, bytes: new Uint8Array(Buffer.concat(chunks)) }));
				// Cut off (timeout) before the end: `end` never comes, `close` does.
				response.on('close', () => resolve({ ok: false, error: signal.aborted ? 'feed_timeout' : 'feed_unreachable' }));
			}
		);
		request.on('error', (err: NodeJS.ErrnoException) => {
			if (err.code === 'EPRIVATE') return resolve({ ok: false, error: 'url_private' });
			if (signal.aborted) return resolve({ ok: false, error: 'feed_timeout' });
			log.info({ err: err.message, host: url.hostname }, 'calendar feed could not be read');
			resolve({ ok: false, error: 'feed_unreachable' });
		});
	});
}

/**
 * Fetch a calendar feed: its bytes, or why not. Never throws. The whole
 * fetch, redirects included, has `timeoutMs` (10 s) and `maxBytes` (2 MB).
 */
export async function fetchFeed(text: string, options: FeedOptions): Promise<FeedResult> {
	const settings = { timeoutMs: 10_000, maxBytes: MAX_BYTES, ...options };
	let url = feedUrl(text);
	const signal = AbortSignal.timeout(settings.timeoutMs);
	for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
		if (!url) return { ok: false, error: 'url_invalid' };
		const host = url.hostname.replace(/^\[|\]$/g, '');
		// An address in the URL itself is never looked up, so it is checked here.
		if (net.isIP(host) && !settings.allowPrivate && isPrivateAddress(host)) return { ok: false, error: 'url_private' };
		const result = await get(url, settings, signal);
		if (!('redirect' in result)) return result;
		url = feedUrl(result.redirect);
	}
	return { ok: false, error: 'feed_unreachable' };
}
