// The machine's description and the markdown tables of a run.
import os from 'node:os';
import type { CurveResult, DatabaseResult, Memory } from '../bench.ts';
import type { LoadResult } from './load.ts';

export async function machine(versions: Array<string | undefined>) {
	return {
		cpu: os.cpus()[0]?.model ?? 'unknown',
		cores: os.availableParallelism(),
		ramGb: Math.round(os.totalmem() / 1024 ** 3),
		os: `${os.type()} ${os.release()}`,
		node: process.version,
		/** 1-minute load average at the end of the run: other work on the machine makes every figure noisier. */
		loadAverage: Number(os.loadavg()[0].toFixed(1)),
		databases: versions
	};
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const ratio = (a: number, b: number) => (b ? a / b : 0);
const pct = (x: number) => `${Math.round(x * 100)} %`;

interface Result {
	when: string;
	machine: Awaited<ReturnType<typeof machine>>;
	settings: { quick: boolean; scale: number; scaleCurve?: number[]; seed: number; connections: number[] };
	databases: DatabaseResult[];
	curve: CurveResult[];
	totalSeconds: number;
}

export function markdown(r: Result): string {
	const m = r.machine;
	const out: string[] = [
		`## Run of ${r.when.slice(0, 16).replace('T', ' ')} UTC${r.settings.quick ? ' (quick)' : ''}`,
		'',
		`Machine: ${m.cpu}, ${m.cores} cores, ${m.ramGb} GB RAM, ${m.os}, Node ${m.node}; ${m.databases.join(', ')}.${m.loadAverage === undefined ? '' : ` Load average at the end: ${m.loadAverage} (other processes shared the cores).`}`,
		`${r.settings.scaleCurve ? `Scale curve ${r.settings.scaleCurve.join(' / ')}` : `Scale ${r.settings.scale}`}, seed ${r.settings.seed}; the whole run took ${r.totalSeconds} s.`,
		''
	];
	const d0 = r.databases[0];
	if (d0) out.push(`Data: ${counts(d0.data.counts)}.`, '');
	for (const d of r.databases) {
		for (const [k, connections] of r.settings.connections.entries()) {
			out.push(`### ${d.db === 'pglite' ? 'PGlite (embedded)' : 'PostgreSQL'}, ${connections} connection${connections === 1 ? '' : 's'}`, '');
			out.push('Visitors\' pages (not signed in): "app" is the warm page cache (hits); "miss" is the same page rendered for every request (uncached).', '');
			out.push('| page | HTML KB | app req/s | baseline req/s | app ÷ baseline | app p50 ms | app p99 ms | baseline p99 ms | p99 ÷ baseline | miss req/s | miss p99 ms | errors / non-2xx |');
			out.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
			for (const p of d.pages) {
				const run = p.runs[k];
				if (!run) continue;
				const { app, baseline, miss } = run;
				const uncached = miss ? `${miss.reqPerSec} | ${miss.p99}` : '– | –';
				const failures = `${app.errors + (miss?.errors ?? 0)} / ${app.non2xx + (miss?.non2xx ?? 0)}`;
				const name = `${p.name}${p.status === 200 ? '' : ` (HTTP ${p.status})`}`;
				if (!app.requests) {
					out.push(`| ${name} | ${kb(p.bytes)} | none finished in ${app.seconds} s | ${baseline.reqPerSec} | – | – | – | ${baseline.p99} | – | ${uncached} | ${failures} |`);
					continue;
				}
				// Latencies are whole milliseconds: a 0 ms baseline p99 counts as 1 ms in the ratio.
				out.push(
					`| ${name} | ${kb(p.bytes)} | ${app.reqPerSec} | ${baseline.reqPerSec} | ${pct(ratio(app.reqPerSec, baseline.reqPerSec))} | ${app.p50} | ${app.p99} | ${baseline.p99} | ${ratio(app.p99, Math.max(1, baseline.p99)).toFixed(1)}× | ${uncached} | ${failures} |`
				);
			}
			out.push('');
		}
	}
	if (r.databases.length) {
		out.push('### Start and memory (RSS of the app process)', '');
		out.push('RSS / peak: VmRSS and VmHWM (the highest RSS so far) of the app process at that moment.', '');
		out.push('| database | start, empty database | RSS after start, empty | data generated in | start with data | RSS / peak after start | after the page load | at the end |');
		out.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
		for (const d of r.databases) {
			out.push(`| ${d.db} | ${d.start.emptyMs} ms | ${d.start.emptyRssMb} MB | ${(d.data.loadMs / 1000).toFixed(1)} s | ${d.start.withDataMs} ms | ${memoryCells(d.memory)} |`);
		}
		out.push('');
	}
	for (const c of r.curve) out.push(...curveTables(c, r.settings.connections[0]));
	const weighted = r.databases.find((d) => d.weight);
	if (weighted?.weight) {
		const compressed = Object.values(weighted.weight).some((w) => w.serverCompressed);
		out.push('### Page weight in Chromium', '');
		out.push(compressed ? 'gzip: as transferred.' : 'The server does not compress: "gzip" is what gzip would make of the same bytes (computed), "raw" is what was transferred.');
		out.push('');
		out.push('| page | requests | HTML KB raw / gzip | JS files | JS KB raw / gzip | CSS KB raw / gzip | other KB | foreign requests |');
		out.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
		for (const [name, w] of Object.entries(weighted.weight)) {
			out.push(`| ${name} | ${w.requests} | ${kb(w.html.raw)} / ${kb(w.html.gzip)} | ${w.js.files} | ${kb(w.js.raw)} / ${kb(w.js.gzip)} | ${kb(w.css.raw)} / ${kb(w.css.gzip)} | ${kb(w.other.raw)} | ${w.foreignRequests.length} |`);
		}
		out.push('');
	}
	const two = r.databases.find((d) => d.twoProcesses)?.twoProcesses;
	if (two) {
		out.push(`### Two app processes behind a round-robin proxy (PostgreSQL, ${r.settings.connections[0]} connections)`, '');
		out.push('| page | 1 process req/s | 2 processes req/s | 2 ÷ 1 | p99 ms 1 → 2 | errors / non-2xx with 2 |');
		out.push('| --- | ---: | ---: | ---: | ---: | ---: |');
		for (const p of two.pages) {
			out.push(`| ${p.name} | ${p.one.reqPerSec} | ${p.two.reqPerSec} | ${ratio(p.two.reqPerSec, p.one.reqPerSec).toFixed(2)}× | ${p.one.p99} → ${p.two.p99} | ${p.two.errors} / ${p.two.non2xx} |`);
		}
		const s = two.signups;
		out.push('');
		out.push(
			`Parallel sign-ups: ${s.racers} people at once, through both processes, for an activity with ${s.capacity} places → ${s.confirmed} confirmed, ${s.waitlist} on the waitlist; HTTP answers ${JSON.stringify(s.answers)}: **${s.ok ? 'consistent' : 'NOT consistent'}**.`
		);
		out.push('');
	}
	return out.join('\n');
}

const counts = (c: DatabaseResult['data']['counts']) => `${c.initiatives} initiatives, ${c.users} people, ${c.memberships} memberships, ${c.activities} activities, ${c.signups} sign-ups`;

const memoryCells = (m: Memory) => `${m.afterStartMb} / ${m.afterStartPeakMb} MB | ${m.afterLoadMb} / ${m.afterLoadPeakMb} MB | ${m.endMb} / ${m.peakMb} MB`;

/** `--scale-curve`: req/s per page at each size, and the largest size as a share of national scale (target ≥ 80 %). */
function curveTables(c: CurveResult, connections: number): string[] {
	const scales = c.scales.map((s) => s.scale);
	// "4 ÷ 1": the largest size against the middle one (national scale in a full run).
	const middle = c.scales[Math.floor(c.scales.length / 2)];
	const largest = c.scales[c.scales.length - 1];
	const out = [`### Scale curve, ${c.db === 'pglite' ? 'PGlite (embedded)' : 'PostgreSQL'}, uncached, ${connections} connections`, ''];
	for (const s of c.scales) out.push(`- scale ${s.scale}: ${counts(s.data.counts)}; data generated in ${(s.data.loadMs / 1000).toFixed(1)} s.`);
	out.push('');
	out.push(`| page | ${scales.map((s) => `req/s @ ${s}`).join(' | ')} | ${largest.scale} ÷ ${middle.scale} | p99 ms @ ${scales.join(' / ')} | errors / non-2xx |`);
	out.push(`| --- | ${scales.map(() => '---:').join(' | ')} | ---: | ---: | ---: |`);
	for (const [i, p] of middle.pages.entries()) {
		const runs = c.scales.map((s) => s.pages[i]);
		const name = `${p.name}${runs.every((x) => x.status === 200) ? '' : ` (HTTP ${runs.map((x) => x.status).join(' / ')})`}`;
		// "none": not one request finished within the measuring window.
		const share = largest.pages[i].run.requests && p.run.requests ? pct(ratio(largest.pages[i].run.reqPerSec, p.run.reqPerSec)) : '–';
		const failures = `${runs.reduce((n, x) => n + x.run.errors, 0)} / ${runs.reduce((n, x) => n + x.run.non2xx, 0)}`;
		const cells = (f: (r: LoadResult) => number) => runs.map((x) => (x.run.requests ? f(x.run) : 'none'));
		out.push(`| ${name} | ${cells((r) => r.reqPerSec).join(' | ')} | ${share} | ${cells((r) => r.p99).join(' / ')} | ${failures} |`);
	}
	out.push('');
	out.push('| scale | RSS / peak after start | after the page load | at the end |');
	out.push('| ---: | ---: | ---: | ---: |');
	for (const s of c.scales) out.push(`| ${s.scale} | ${memoryCells(s.memory)} |`);
	out.push('');
	return out;
}
