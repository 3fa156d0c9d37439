// `npm test`: every test, in order — the layout rules and the type check, unit and integration (Vitest; on PGlite,
// and on PostgreSQL when DATABASE_URL is set), then browser tests (Playwright in
// Chromium) against the production build. Prints one summary line counted from
// the runners' own JSON reports and fails when any test fails or none ran.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const out = '.tmp';
mkdirSync(out, { recursive: true });
const reports = { vitest: `${out}/vitest.json`, playwright: `${out}/playwright.json` };
for (const file of Object.values(reports)) rmSync(file, { force: true });

/** Run a command from node_modules/.bin, streaming its output; returns its exit code. */
function run(bin, args, env = {}) {
	console.log(`\n--- ${bin} ${args.join(' ')}`);
	const result = spawnSync(`node_modules/.bin/${bin}`, args, { stdio: 'inherit', env: { ...process.env, ...env } });
	return result.status ?? 1;
}

const steps = [];
steps.push(run('paraglide-js', ['compile', '--project', './project.inlang', '--outdir', './src/lib/paraglide', '--strategy', 'url', 'baseLocale', '--silent']));
steps.push(run('svelte-kit', ['sync']));
// The checks that are not tests: the layout rules (.dependency-cruiser.cjs) and the type check.
// Each that fails counts as one failed test in the summary, so CI's last line shows it.
const checks = [
	run('depcruise', ['src', '--config', '.dependency-cruiser.cjs']),
	run('svelte-check', ['--tsconfig', './tsconfig.json', '--threshold', 'error', '--output', 'human'])
];
steps.push(...checks);
steps.push(run('vitest', ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${reports.vitest}`]));
const built = run('vite', ['build', '--logLevel', 'warn']);
steps.push(built);
if (built === 0) {
	steps.push(run('playwright', ['test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: reports.playwright }));
}

const counts = { passed: 0, failed: checks.filter((code) => code !== 0).length, skipped: 0 };
if (existsSync(reports.vitest)) {
	const r = JSON.parse(readFileSync(reports.vitest, 'utf8'));
	counts.passed += r.numPassedTests;
	counts.failed += r.numFailedTests;
	counts.skipped += r.numPendingTests + r.numTodoTests;
	// A test file that fails to load has no tests but is still a failure.
	counts.failed += (r.testResults ?? []).filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
} else {
	console.error('Vitest wrote no report.');
	counts.failed += 1;
}
if (existsSync(reports.playwright)) {
	const s = JSON.parse(readFileSync(reports.playwright, 'utf8')).stats;
	counts.passed += s.expected + s.flaky;
	counts.failed += s.unexpected;
	counts.skipped += s.skipped;
	if (s.expected + s.unexpected + s.flaky === 0) counts.failed += 1;
} else {
	console.error('Playwright wrote no report.');
	counts.failed += 1;
}

const summary = `tests: ${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`;
writeFileSync(`${out}/test-summary.txt`, summary + '\n');
console.log(`\n${summary}`);
const ok = counts.failed === 0 && counts.passed > 0 && steps.every((code) => code === 0);
process.exit(ok ? 0 : 1);
