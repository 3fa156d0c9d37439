// A tiny round-robin HTTP proxy, standing in for a load balancer in front of
// several app processes. Usage: node scripts/bench/proxy.ts <port> <backendPort>...
//
// Like a real load balancer it keeps connections to the backends open, and it
// retries a request once when a kept-alive connection turned out to be closed
// by the backend just as it was reused (Node closes idle connections after 5 s):
// that race is the proxy's, not the app's, and must not count as an app error.
import http from 'node:http';

const [port, ...backends] = process.argv.slice(2).map(Number);
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
let next = 0;

function forward(req: http.IncomingMessage, body: Buffer, res: http.ServerResponse, attempt: number) {
	const backend = backends[next++ % backends.length];
	const upstream = http.request(
		{ host: '127.0.0.1', port: backend, method: req.method, path: req.url, headers: req.headers, agent },
		(answer) => {
			res.writeHead(answer.statusCode ?? 502, answer.headers);
			answer.pipe(res);
		}
	);
	upstream.on('error', () => {
		if (upstream.reusedSocket && attempt === 0 && !res.headersSent) return forward(req, body, res, 1);
		if (!res.headersSent) res.writeHead(502);
		res.end();
	});
	upstream.end(body);
}

const server = http.createServer((req, res) => {
	// Requests here are pages and small forms: read the body first, so a retry can send it again.
	const chunks: Buffer[] = [];
	req.on('data', (c: Buffer) => chunks.push(c));
	req.on('end', () => forward(req, Buffer.concat(chunks), res, 0));
});
server.keepAliveTimeout = 60_000;
server.listen(port, '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
