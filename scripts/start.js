// Runs the built app (build/handler.js) on a plain node:http server.
// Our own server, rather than adapter-node's, so that:
// - form posts work both over plain http://localhost and behind a TLS proxy
//   (adapter-node 6 assumes https unless told otherwise, which breaks the CSRF
//   origin check on localhost);
// - the client address and protocol are only taken from proxy headers when
//   TRUST_PROXY says a proxy is really there;
// - shutdown closes the database cleanly after the last request;
// - static files get the same security headers as pages.
//
// Usage: node scripts/start.js [--demo]
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import process from 'node:process';
import { securityHeaders } from '../src/lib/server/http/headers.ts';

const demo = process.argv.includes('--demo');
if (demo) {
	process.env.DEMO = '1';
	process.env.DATA_DIR ||= './data-demo';
}

// Headers we set ourselves below; adapter-node reads protocol, host and client address from them.
const PROTO = 'x-herstelplein-proto';
const HOST = 'x-herstelplein-host';
const CLIENT = 'x-herstelplein-client';
process.env.PROTOCOL_HEADER = PROTO;
process.env.HOST_HEADER = HOST;
process.env.ADDRESS_HEADER = CLIENT;
process.env.XFF_DEPTH = '1';
// Photos may be up to 10 MB (src/lib/server/initiatives/photos.ts); adapter-node's default is 512K.
process.env.BODY_SIZE_LIMIT ||= '12M';
// The migrations ship beside this script, wherever the server is started from.
process.env.MIGRATIONS_DIR ||= fileURLToPath(new URL('../drizzle', import.meta.url));

const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || '127.0.0.1';
const trustProxy = ['1', 'true'].includes(process.env.TRUST_PROXY ?? '');
const origin = process.env.ORIGIN ? new URL(process.env.ORIGIN) : undefined;
const shutdownSeconds = Number(process.env.SHUTDOWN_TIMEOUT || 30);

/** First value of a possibly repeated, comma-separated header. */
function first(value) {
	const v = Array.isArray(value) ? value[0] : value;
	return v?.split(',')[0].trim() || undefined;
}

/** The address the request came from: the proxy's view when trusted, else the socket. */
function clientAddress(req) {
	if (trustProxy) {
		const forwarded = String(req.headers['x-forwarded-for'] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
		if (forwarded.length) return forwarded[forwarded.length - 1];
	}
	return req.socket.remoteAddress ?? '';
}

function setRequestOrigin(req) {
	for (const name of [PROTO, HOST, CLIENT]) delete req.headers[name];
	let proto = req.socket.encrypted ? 'https' : 'http';
	let hostHeader = req.headers.host ?? `localhost:${port}`;
	if (origin) {
		proto = origin.protocol.slice(0, -1);
		hostHeader = origin.host;
	} else if (trustProxy) {
		proto = first(req.headers['x-forwarded-proto']) === 'https' ? 'https' : proto;
		hostHeader = first(req.headers['x-forwarded-host']) ?? hostHeader;
	}
	req.headers[PROTO] = proto;
	req.headers[HOST] = hostHeader;
	req.headers[CLIENT] = clientAddress(req);
}

const started = performance.now();
// Importing the handler initialises the app: it opens the database and runs migrations.
const { handler } = await import('../build/handler.js');

const server = http.createServer((req, res) => {
	setRequestOrigin(req);
	// Here, not only in the app's hooks: files from build/client (/_app/immutable/…, the favicon) are
	// served by adapter-node before the hooks run.
	for (const [name, value] of Object.entries(securityHeaders(req.headers[PROTO] === 'https'))) res.setHeader(name, value);
	// A public page kept for visitors (src/lib/server/pagecache/), answered before SvelteKit does any work.
	if (globalThis[Symbol.for('herstelplein.pagecache')]?.(req, res)) return;
	handler(req, res, () => {
		res.statusCode = 404;
		res.end();
	});
});

server.listen(port, host, () => {
	const shown = host === '0.0.0.0' || host === '::' || host === '127.0.0.1' ? 'localhost' : host;
	console.log(
		JSON.stringify({
			level: 30,
			time: Date.now(),
			app: 'herstelplein',
			msg: `Herstelplein is running on http://${shown}:${port}`,
			startMs: Math.round(performance.now() - started),
			demo
		})
	);
});

let stopping = false;
function shutdown(signal) {
	if (stopping) return;
	stopping = true;
	// Stop taking requests, let running ones finish, then let the app close the database.
	server.close(() => process.emit('sveltekit:shutdown', signal));
	server.closeIdleConnections();
	setTimeout(() => {
		console.error(JSON.stringify({ level: 50, msg: 'shutdown took too long, exiting' }));
		process.exit(1);
	}, shutdownSeconds * 1000).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
