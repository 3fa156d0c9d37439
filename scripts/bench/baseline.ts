// The physical limit: a minimal node:http server that answers each page with
// the exact bytes and content type the app gave, from memory.
// Usage: node scripts/bench/baseline.ts <port> <manifest.json>
// The manifest maps a path (with query) to { file, contentType }.
import { readFileSync } from 'node:fs';
import http from 'node:http';

const [port, manifestFile] = process.argv.slice(2);
const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, { file: string; contentType: string }>;
const pages = new Map(Object.entries(manifest).map(([url, { file, contentType }]) => [url, { body: readFileSync(file), contentType }]));

const server = http.createServer((req, res) => {
	const page = pages.get(req.url ?? '');
	if (!page) {
		res.statusCode = 404;
		res.end();
		return;
	}
	res.writeHead(200, { 'content-type': page.contentType, 'content-length': page.body.length });
	res.end(page.body);
});
server.keepAliveTimeout = 60_000;
server.listen(Number(port), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
