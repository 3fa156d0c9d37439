// Load with autocannon: a warm-up, then a fixed duration at N connections, on the same connections.
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

const perSecond = (x: number) => (x < 10 ? Math.round(x * 10) / 10 : Math.round(x));

/** The value at share `p` of sorted `values` (nearest rank). */
const percentile = (values: number[], p: number) => (values.length ? values[Math.min(values.length - 1, Math.ceil(p * values.length) - 1)] : 0);

/**
 * One run of `warmup + seconds` at N connections; only the responses that come back after the warm-up count.
 * One run, not a warm-up run and then another: the connections stay open. New connections opened while the app
 * is still busy with the warm-up's last requests were taken on one after another over seconds, and their first
 * requests made the p99 of a heavy page three to five times its steady state (BENCHMARKS.md).
 */
export async function load(url: string, options: { connections: number; warmup: number; seconds: number; headers?: Record<string, string> }): Promise<LoadResult> {
	const headers = options.headers ?? {};
	// One request alone first: a result read once per minute (the month, a year of figures) is then read before
	// the warm-up, not by its first N requests at once.
	if (options.warmup > 0) await (await fetch(url, { headers, redirect: 'manual' })).arrayBuffer();
	const started = performance.now();
	const from = started + options.warmup * 1000;
	const until = from + options.seconds * 1000;
	const latencies: number[] = [];
	const r = await new Promise<autocannon.Result>((resolve, reject) => {
		const instance = autocannon({ url, connections: options.connections, duration: options.warmup + options.seconds, headers, timeout: 10 }, (err, result) =>
			err ? reject(err) : resolve(result)
		);
		instance.on('response', (_client, _status, _bytes, responseTime) => {
			const now = performance.now();
			if (now >= from && now < until) latencies.push(Math.round(responseTime));
		});
	});
	latencies.sort((a, b) => a - b);
	return {
		connections: options.connections,
		seconds: options.seconds,
		requests: latencies.length,
		// Whole numbers, but one decimal below 10 so that a very slow page does not read as 0.
		reqPerSec: perSecond(latencies.length / options.seconds),
		p50: percentile(latencies, 0.5),
		p99: percentile(latencies, 0.99),
		// Over the whole run, warm-up included.
		errors: r.errors + r.timeouts,
		non2xx: r.non2xx
	};
}
