// Load with autocannon: a warm-up, then a fixed duration at N connections.
import autocannon from 'autocannon';

export interface LoadResult {
	connections: number;
	seconds: number;
	requests: number;
	reqPerSec: number;
	p50: number;
	p99: number;
	/** Connection errors and timeouts. */
	errors: number;
	non2xx: number;
}

function run(url: string, connections: number, seconds: number, headers: Record<string, string>): Promise<autocannon.Result> {
	return new Promise((resolve, reject) => {
		autocannon({ url, connections, duration: seconds, headers, timeout: 10 }, (err, result) => (err ? reject(err) : resolve(result)));
	});
}

const perSecond = (x: number) => (x < 10 ? Math.round(x * 10) / 10 : Math.round(x));

export async function load(url: string, options: { connections: number; warmup: number; seconds: number; headers?: Record<string, string> }): Promise<LoadResult> {
	const headers = options.headers ?? {};
	if (options.warmup > 0) {
		// One request alone first: a result read once per minute (the month, a year of figures) is then read
		// before the warm-up, not by its first N requests at once, which the warm-up would leave unanswered.
		await (await fetch(url, { headers, redirect: 'manual' })).arrayBuffer();
		await run(url, options.connections, options.warmup, headers);
	}
	const r = await run(url, options.connections, options.seconds, headers);
	return {
		connections: options.connections,
		seconds: options.seconds,
		requests: r.requests.total,
		// Whole numbers, but one decimal below 10 so that a very slow page does not read as 0.
		reqPerSec: perSecond(r.requests.total / options.seconds),
		p50: r.latency.p50,
		p99: r.latency.p99,
		errors: r.errors + r.timeouts,
		non2xx: r.non2xx
	};
}
