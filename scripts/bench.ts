// `npm run bench [-- --quick] [--scale 1] [--scale-curve] [--seed 2026] [--no-build] [--db pglite,postgres]`
// Benchmarks the production build with national-scale data against a node:http
// server that returns the same bytes from memory, on PGlite and (when
// DATABASE_URL is set) on PostgreSQL. Writes bench/results/<time>.{json,md}.
// See BENCHMARKS.md for how to read the results.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ORIGIN, startApp, signIn, cookieHeader, type RunningApp } from './bench/app.ts';
import { load, type LoadResult } from './bench/load.ts';
import { cleanupAll, freePort, startNode, tempDir, waitFor200 } from './bench/processes.ts';
import { machine, markdown } from './bench/report.ts';
import { pageWeights, type Weight } from './bench/weight.ts';
import { createDatabase, loadData, type Target } from './bench/data.ts';
import type { ScaleResult } from '#lib/server/demo/scale.ts';
import { BENCH_EMAIL, BENCH_PASSWORD } from '#lib/server/demo/scale.ts';
import { lastQuarter } from '#lib/server/impact/period.ts';

/**
 * The pages under load. A new main page is one line here. `path` may use the
 * generated data (slugs); `signedIn` pages are requested with the bench login's
 * session cookie.
 */
const PAGES: Array<{ name: string; path: (d: ScaleResult) => string; signedIn?: boolean }> = [
	{ name: 'home', path: () => '/' },
	{ name: 'directory', path: () => '/initiatieven' },
	{ name: 'directory by place', path: () => '/initiatieven?plaats=Zwolle&afstand=25' },
	{ name: 'map by place (with next dates)', path: () => '/initiatieven/kaart?plaats=Zwolle&afstand=25' },
	{ name: 'initiative (biggest)', path: (d) => `/initiatieven/${d.bigInitiative}` },
	{ name: 'initiative (small)', path: (d) => `/initiatieven/${d.smallInitiative}` },
	{ name: 'activities (biggest)', path: (d) => `/initiatieven/${d.bigInitiative}/activiteiten` },
	{ name: 'network activities', path: () => '/activiteiten' },
	{ name: 'network activities by place', path: () => '/activiteiten?plaats=Zwolle&afstand=25' },
	{ name: 'network month', path: () => '/activiteiten?weergave=maand' },
	{ name: 'how it works', path: () => '/hoe-werkt-het' },
	{ name: 'how it works for coordinators', path: () => '/hoe-werkt-het/coordinatoren' },
	{ name: 'accessibility statement', path: () => '/toegankelijkheid' },
	{ name: 'account (signed in)', path: () => '/account', signedIn: true },
	{ name: 'my page (signed in)', path: () => '/', signedIn: true },
	{ name: 'members (biggest, signed in)', path: (d) => `/initiatieven/${d.bigInitiative}/leden`, signedIn: true },
	{ name: 'offers and requests (signed in)', path: () => '/vraag-en-aanbod', signedIn: true },
	{ name: 'offers and requests near a place (signed in)', path: () => '/vraag-en-aanbod?plaats=Zwolle&afstand=25', signedIn: true },
	{ name: 'prikbord (biggest, signed in)', path: (d) => `/initiatieven/${d.bigInitiative}/prikbord`, signedIn: true },
	{ name: 'offers and requests search (signed in)', path: () => '/vraag-en-aanbod?zoek=fiets&soort=aanbod', signedIn: true },
	// The bench login is the busiest member: the fullest inbox, and a conversation of 300 messages (one page of it).
	{ name: 'messages inbox (signed in)', path: () => '/berichten', signedIn: true },
	{ name: 'conversation of 300 messages (signed in)', path: (d) => `/berichten/${d.longConversation}`, signedIn: true },
	{ name: 'messages and notices settings (signed in)', path: () => '/account/berichten-en-mails', signedIn: true },
	// Moderation: no national-scale reports are generated yet; the queue and log of the bench login's initiative.
	{ name: 'reports queue (biggest, coordinator)', path: (d) => `/initiatieven/${d.bigInitiative}/meldingen`, signedIn: true },
	{ name: 'geven en ontvangen (signed in)', path: () => '/account/geven-en-ontvangen', signedIn: true },
	// The bench login's herstelruimte: a full space with 500 journal entries (demo/scale.ts).
	{ name: 'mijn herstelruimte (signed in)', path: () => '/mijn-herstelruimte', signedIn: true },
	{ name: 'herstelruimte journal (signed in)', path: () => '/mijn-herstelruimte/dagboek', signedIn: true },
	{ name: 'herstelruimte on paper', path: () => '/herstelruimte/op-papier' },
	{ name: 'new group conversation (signed in)', path: () => '/berichten/nieuw', signedIn: true },
	{ name: 'local pool coordinators (biggest, coordinator)', path: (d) => `/initiatieven/${d.bigInitiative}/expertisepool`, signedIn: true },
	// The bench login is the association's pool coordinator: 20,000 requests at scale 1.
	{ name: 'pool requests queue (pool coordinator)', path: () => '/expertisepool/coordinatie/aanvragen', signedIn: true },
	{ name: 'pool requests overview (pool coordinator)', path: () => '/expertisepool/overzicht', signedIn: true },
	{ name: 'stories', path: () => '/verhalen' },
	{ name: 'stories search, a common word', path: () => '/verhalen?zoek=dag' },
	{ name: 'story (public)', path: (d) => `/verhalen/${d.publicStory}` },
	{ name: 'stories search (signed in)', path: () => '/verhalen?zoek=wandelen', signedIn: true },
	{ name: 'stories feed', path: () => '/verhalen.atom' },
	// Warme overdracht: no national-scale handovers are generated yet (the lead handles scale data).
	{ name: 'refer someone near a place', path: () => '/doorverwijzen?plaats=Zwolle' },
	{ name: 'handovers queue (biggest, coordinator)', path: (d) => `/initiatieven/${d.bigInitiative}/doorverwijzingen`, signedIn: true },
	{ name: 'expertise pool', path: () => '/expertisepool' },
	{ name: 'expertise pool search (theme, region, words)', path: () => '/expertisepool?thema=herstel&regio=utrecht&zoek=werk' },
	{ name: 'expert profile', path: (d) => `/expertisepool/${d.publishedExpert}` },
	// The last whole quarter and its year: the scale data's history of activities and turnout, counted ahead after loading.
	{ name: 'figures, a quarter (biggest, coordinator)', path: (d) => `/initiatieven/${d.bigInitiative}/cijfers?periode=${lastQuarter().key}`, signedIn: true },
	{ name: 'network figures, a year (admin)', path: () => `/beheer/cijfers?periode=${lastQuarter().key.slice(0, 4)}`, signedIn: true },
	{ name: 'open figures, a year', path: () => `/cijfers?periode=${lastQuarter().key.slice(0, 4)}` }
];

const { values: args } = parseArgs({
	options: {
		quick: { type: 'boolean', default: false },
		scale: { type: 'string' },
		seed: { type: 'string', default: '2026' },
		'no-build': { type: 'boolean', default: false },
		connections: { type: 'string', default: '32' },
		/** The pages uncached at 0.25, 1 and 4 times national scale: is every page's cost flat in the size of the data? */
		'scale-curve': { type: 'boolean', default: false },
		/** Only these databases (`pglite`, `postgres`), comma-separated; default: both when DATABASE_URL is set. */
		db: { type: 'string' }
	}
});
const quick = args.quick;
const scale = Number(args.scale ?? (quick ? 0.05 : 1));
const settings = {
	quick,
	scale,
	/** With `--scale-curve`: the data sizes, around `scale` (4 × national scale is 160,000 people, ~400,000 dates). */
	scaleCurve: args['scale-curve'] ? [0.25, 1, 4].map((f) => f * scale) : undefined,
	seed: Number(args.seed),
	/** The quick run measures at N connections only; the full run also at one connection. */
	connections: quick ? [Number(args.connections)] : [Number(args.connections), 1],
	/** Seconds of warm-up and of measuring, for the app and for the baseline (which is steady sooner). */
	// The quick run is a smoke test of the whole run (every page, both databases, all parts) in under two minutes.
	// No warm-up there: its figures are for seeing that everything runs, not for comparing.
	many: quick ? { warmup: 0, app: 1, baseline: 0.5 } : { warmup: 2, app: 6, baseline: 3 },
	one: quick ? { warmup: 0, app: 1, baseline: 0.5 } : { warmup: 1, app: 3, baseline: 2 },
	twoProcesses: quick ? { warmup: 0, seconds: 1 } : { warmup: 2, seconds: 6 }
};

interface PageResult {
	name: string;
	url: string;
	status: number;
	bytes: number;
	contentType: string;
	/** `miss`: a visitor's page with the page cache bypassed (every request renders); signed-in pages never use it. */
	runs: Array<{ app: LoadResult; baseline: LoadResult; miss?: LoadResult }>;
}

export interface DatabaseResult {
	db: 'pglite' | 'postgres';
	serverVersion?: string;
	data: ScaleResult & { loadMs: number };
	start: { emptyMs: number; emptyRssMb: number; withDataMs: number };
	memory: Memory;
	pages: PageResult[];
	weight?: Record<string, Weight>;
	twoProcesses?: TwoProcesses;
}

/** RSS (VmRSS) and the peak so far (VmHWM) after start with data, after the page load, and at the end (after page weight / two processes). */
export interface Memory {
	afterStartMb: number;
	afterStartPeakMb: number;
	afterLoadMb: number;
	afterLoadPeakMb: number;
	endMb: number;
	peakMb: number;
}

/** One database at the sizes of `--scale-curve`: every page uncached (the app runs with PAGE_CACHE_MB=0). */
export interface CurveResult {
	db: 'pglite' | 'postgres';
	serverVersion?: string;
	scales: Array<{ scale: number; data: ScaleResult & { loadMs: number }; memory: Memory; pages: Array<{ name: string; url: string; status: number; run: LoadResult }> }>;
}

interface TwoProcesses {
	pages: Array<{ name: string; one: LoadResult; two: LoadResult }>;
	signups: { racers: number; capacity: number; answers: Record<string, number>; confirmed: number; waitlist: number; ok: boolean };
}

const log = (msg: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${msg}`);

async function measurePages(app: RunningApp, data: ScaleResult, cookie: string): Promise<PageResult[]> {
	const pages: PageResult[] = [];
	const dir = tempDir('hp-bench-pages-');
	const manifest: Record<string, { file: string; contentType: string }> = {};
	for (const [i, p] of PAGES.entries()) {
		const url = p.path(data);
		const res = await fetch(app.base + url, { headers: p.signedIn ? { cookie } : {}, redirect: 'manual' });
		const body = Buffer.from(await res.arrayBuffer());
		const contentType = res.headers.get('content-type') ?? '';
		const file = path.join(dir, `${i}.body`);
		writeFileSync(file, body);
		manifest[url] = { file, contentType };
		if (res.status !== 200) log(`  warning: ${url} answered ${res.status}`);
		pages.push({ name: p.name, url, status: res.status, bytes: body.length, contentType, runs: [] });
	}
	writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
	const port = await freePort();
	const baseline = startNode([path.resolve('scripts/bench/baseline.ts'), String(port), path.join(dir, 'manifest.json')], {});
	const baseBase = `http://127.0.0.1:${port}`;
	await waitFor200(baseBase + pages[0].url, baseline, performance.now(), 10_000);
	try {
		for (const connections of settings.connections) {
			const t = connections === 1 ? settings.one : settings.many;
			for (const [i, p] of pages.entries()) {
				const headers: Record<string, string> = PAGES[i].signedIn ? { cookie } : {};
				const appRun = await load(app.base + p.url, { connections, warmup: t.warmup, seconds: t.app, headers });
				const baseRun = await load(baseBase + p.url, { connections, warmup: Math.min(1, t.warmup), seconds: t.baseline });
				// Any cookie sends a request past the page cache (src/lib/server/pagecache/): this one names no session.
				const miss = PAGES[i].signedIn ? undefined : await load(app.base + p.url, { connections, warmup: t.warmup, seconds: t.app, headers: { cookie: 'bench=uncached' } });
				p.runs.push({ app: appRun, baseline: baseRun, miss });
				log(`  ${p.name} @${connections}: ${appRun.reqPerSec} req/s (baseline ${baseRun.reqPerSec}${miss ? `, uncached ${miss.reqPerSec}` : ''}), p99 ${appRun.p99} ms (baseline ${baseRun.p99}${miss ? `, uncached ${miss.p99}` : ''}), errors ${appRun.errors + (miss?.errors ?? 0)}, non-2xx ${appRun.non2xx + (miss?.non2xx ?? 0)}`);
			}
		}
	} finally {
		await baseline.stop();
	}
	return pages;
}

/** Two app processes behind a round-robin proxy, against one process behind the same proxy. */
async function twoProcesses(first: RunningApp, target: Target, data: ScaleResult, pages: PageResult[]): Promise<TwoProcesses> {
	const second = await startApp(target.env);
	try {
		const result: TwoProcesses['pages'] = [];
		const proxies = [];
		for (const backends of [[first.port], [first.port, second.port]]) {
			const port = await freePort();
			const proxy = startNode([path.resolve('scripts/bench/proxy.ts'), String(port), ...backends.map(String)], {});
			await waitFor200(`http://127.0.0.1:${port}/healthz`, proxy, performance.now(), 10_000);
			proxies.push({ port, proxy });
		}
		for (const p of pages.filter((p) => ['directory', 'initiative (biggest)', 'activities (biggest)'].includes(p.name))) {
			const runs: LoadResult[] = [];
			for (const { port } of proxies) {
				runs.push(await load(`http://127.0.0.1:${port}${p.url}`, { connections: settings.connections[0], warmup: settings.twoProcesses.warmup, seconds: settings.twoProcesses.seconds }));
			}
			result.push({ name: p.name, one: runs[0], two: runs[1] });
			log(`  two processes, ${p.name}: ${runs[0].reqPerSec} → ${runs[1].reqPerSec} req/s, errors ${runs[1].errors}, non-2xx ${runs[1].non2xx}`);
		}

		// Many people sign up at once for an activity with few places, through both processes.
		const proxyBase = `http://127.0.0.1:${proxies[1].port}`;
		const cookies: string[] = [];
		for (const email of data.racers) cookies.push(cookieHeader(await signIn(proxyBase, email, BENCH_PASSWORD)));
		const activityUrl = `${proxyBase}/initiatieven/${data.bigInitiative}/activiteiten/${data.raceActivity.id}`;
		const answers: Record<string, number> = {};
		await Promise.all(
			cookies.map(async (cookie) => {
				const res = await fetch(`${activityUrl}?/aanmelden`, {
					method: 'POST',
					redirect: 'manual',
					headers: { cookie, origin: ORIGIN, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
					body: ''
				});
				await res.arrayBuffer();
				answers[res.status] = (answers[res.status] ?? 0) + 1;
			})
		);
		const counts = await target.signupCounts(data.raceActivity.id);
		const ok = counts.confirmed <= data.raceActivity.capacity && counts.confirmed + counts.waitlist === data.racers.length && Object.keys(answers).every((s) => s === '303' || s === '200');
		log(`  parallel sign-ups: ${JSON.stringify(answers)} → ${counts.confirmed} confirmed, ${counts.waitlist} waitlist (capacity ${data.raceActivity.capacity}) ${ok ? 'OK' : 'WRONG'}`);
		for (const { proxy } of proxies) await proxy.stop();
		return { pages: result, signups: { racers: data.racers.length, capacity: data.raceActivity.capacity, answers, ...counts, ok } };
	} finally {
		await second.stop();
	}
}

async function runDatabase(kind: 'pglite' | 'postgres'): Promise<DatabaseResult> {
	log(`${kind}: fresh database`);
	const target = await createDatabase(kind);
	try {
		const empty = await startApp(target.env);
		const emptyStart = { ms: empty.startMs, rss: empty.memory().rssMb };
		await empty.stop();
		log(`${kind}: empty start ${emptyStart.ms} ms, ${emptyStart.rss} MB; generating data at scale ${settings.scale}…`);
		const data = await loadData(target, { seed: settings.seed, scale: settings.scale });
		log(`${kind}: ${JSON.stringify(data.counts)} in ${data.loadMs} ms`);
		const app = await startApp(target.env);
		try {
			const afterStart = app.memory();
			log(`${kind}: started with data in ${app.startMs} ms, ${afterStart.rssMb} MB (peak ${afterStart.peakMb} MB)`);
			const cookies = await signIn(app.base, BENCH_EMAIL, BENCH_PASSWORD);
			const pages = await measurePages(app, data, cookieHeader(cookies));
			const afterLoad = app.memory();
			let weight: Record<string, Weight> | undefined;
			if (kind === 'pglite') {
				log('page weight in Chromium…');
				weight = await pageWeights(app.base, pages.map((p, i) => ({ name: p.name, url: p.url, cookies: PAGES[i].signedIn ? cookies : undefined })));
			}
			const two = kind === 'postgres' ? await twoProcesses(app, target, data, pages) : undefined;
			const end = app.memory();
			return {
				db: kind,
				serverVersion: target.version,
				data,
				start: { emptyMs: emptyStart.ms, emptyRssMb: emptyStart.rss, withDataMs: app.startMs },
				memory: memoryFigures(afterStart, afterLoad, end),
				pages,
				weight,
				twoProcesses: two
			};
		} finally {
			await app.stop();
		}
	} finally {
		await target.drop();
	}
}

function memoryFigures(afterStart: { rssMb: number; peakMb: number }, afterLoad: { rssMb: number; peakMb: number }, end: { rssMb: number; peakMb: number }): Memory {
	return { afterStartMb: afterStart.rssMb, afterStartPeakMb: afterStart.peakMb, afterLoadMb: afterLoad.rssMb, afterLoadPeakMb: afterLoad.peakMb, endMb: end.rssMb, peakMb: end.peakMb };
}

/**
 * `--scale-curve`: each page at every size of `settings.scaleCurve`, with the page cache off so that every request
 * renders, at N connections; a fresh database per size.
 */
async function runCurve(kind: 'pglite' | 'postgres', scales: number[]): Promise<CurveResult> {
	const result: CurveResult = { db: kind, scales: [] };
	for (const scale of scales) {
		log(`${kind}: scale ${scale}, generating data…`);
		const target = await createDatabase(kind);
		try {
			result.serverVersion = target.version;
			const data = await loadData(target, { seed: settings.seed, scale });
			log(`${kind}: ${JSON.stringify(data.counts)} in ${data.loadMs} ms`);
			const app = await startApp(target.env, { PAGE_CACHE_MB: '0' });
			try {
				const afterStart = app.memory();
				const cookie = cookieHeader(await signIn(app.base, BENCH_EMAIL, BENCH_PASSWORD));
				const pages: CurveResult['scales'][number]['pages'] = [];
				for (const p of PAGES) {
					const url = p.path(data);
					const headers: Record<string, string> = p.signedIn ? { cookie } : {};
					const first = await fetch(app.base + url, { headers, redirect: 'manual' });
					await first.arrayBuffer();
					if (first.status !== 200) log(`  warning: ${url} answered ${first.status}`);
					const run = await load(app.base + url, { connections: settings.connections[0], warmup: settings.many.warmup, seconds: settings.many.app, headers });
					pages.push({ name: p.name, url, status: first.status, run });
					log(`  ${p.name} @ scale ${scale}: ${run.reqPerSec} req/s, p99 ${run.p99} ms, errors ${run.errors}, non-2xx ${run.non2xx}`);
				}
				const afterLoad = app.memory();
				result.scales.push({ scale, data, memory: memoryFigures(afterStart, afterLoad, app.memory()), pages });
			} finally {
				await app.stop();
			}
		} finally {
			await target.drop();
		}
	}
	return result;
}

async function main() {
	const started = performance.now();
	if (!args['no-build']) {
		log('building (npm run build)…');
		const build = spawnSync('npm', ['run', 'build'], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
		if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
	}
	const available: Array<'pglite' | 'postgres'> = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
	const kinds = args.db ? available.filter((k) => args.db!.split(',').includes(k)) : available;
	if (!kinds.length) throw new Error(`--db ${args.db}: none of these can run (PostgreSQL needs DATABASE_URL)`);
	if (!process.env.DATABASE_URL) log('DATABASE_URL is not set: PostgreSQL and the two-process run are skipped');
	const databases: DatabaseResult[] = [];
	const curve: CurveResult[] = [];
	for (const kind of kinds) {
		if (settings.scaleCurve) curve.push(await runCurve(kind, settings.scaleCurve));
		else databases.push(await runDatabase(kind));
	}
	const versions = [...databases, ...curve].map((d) => d.serverVersion);
	const result = { when: new Date().toISOString(), machine: await machine(versions), settings, databases, curve, totalSeconds: Math.round((performance.now() - started) / 1000) };
	const stamp = result.when.replace(/[:.]/g, '-').slice(0, 19);
	mkdirSync('bench/results', { recursive: true });
	writeFileSync(`bench/results/${stamp}.json`, JSON.stringify(result, null, '\t') + '\n');
	const md = markdown(result);
	writeFileSync(`bench/results/${stamp}.md`, md);
	console.log('\n' + md);
	log(`wrote bench/results/${stamp}.{json,md} in ${result.totalSeconds} s`);
}

try {
	await main();
} catch (e) {
	console.error(e);
	process.exitCode = 1;
} finally {
	await cleanupAll();
}
// Open handles (pg pools, timers) must not keep the run alive.
process.exit();
