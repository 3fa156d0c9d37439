// A tiny round-robin HTTP proxy, standing in for a load balancer in front of
// several app processes. Usage: node scripts/bench/proxy.ts <port> <backendPort>...
import http from 'node:http';

const [port, ...backends] = process.argv.slice(2).map(Number);
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
let next = 0;

const server = http.createServer((req, res) => {
	const backend = backends[next++ % backends.length];
	const upstream = http.request(
		{ host: '127.0.0.1', port: backend, method: req.method, path: req.url, headers: req.headers, agent },
		(answer) => {
			res.writeHead(answer.statusCode ?? 502, answer.headers);
			answer.pipe(res);
		}
	);
	upstream.on('error', () => {
		if (!res.headersSent) res.writeHead(502);
		res.end();
	});
	req.pipe(upstream);
});
server.keepAliveTimeout = 60_000;
server.listen(port, '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
