import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { HTML_DIR, pageRoutes, routeOf, savedPages } from './html-pages.ts';

/*
 * Valid HTML on every page the browser tests and the language walk looked at,
 * for every persona they were: the Nu Html Checker (vnu-jar, offline) reads
 * all the saved pages in one run after the other tests (this file is the
 * Playwright project "html", the teardown of project "e2e"); then there is one
 * test per page route, so a failure names the page. A route no test visited is
 * skipped, saying so.
 */

const JAR = path.join(path.dirname(createRequire(import.meta.url).resolve('vnu-jar/package.json')), 'build/dist/vnu.jar');

/**
 * Messages we do not count, each with its reason. As few as possible:
 * - info messages that are no warning (`type: 'info'` without `subType`): notes,
 *   not faults (e.g. "Trailing slash on void elements has no effect").
 * - the guess that a page is in another language than its `lang`: `lang` is
 *   the interface's language, and what members write is in their own (the
 *   demo's is Dutch, also on an English page that is mostly their writing).
 */
const IGNORED: Array<{ why: string; matches: (m: VnuMessage) => boolean }> = [
	{ why: 'a note, not a fault', matches: (m) => m.type === 'info' && m.subType !== 'warning' },
	{ why: "members' writing is in their own language", matches: (m) => m.message.startsWith('This document appears to be written in') }
];

interface VnuMessage {
	type: 'error' | 'info' | 'non-document-error';
	subType?: string;
	url: string;
	message: string;
	lastLine?: number;
	extract?: string;
}

const routes = pageRoutes();
const problems = new Map<string, string[]>();
const visited = new Set<string>();

test.beforeAll(() => {
	test.setTimeout(110_000);
	const pages = savedPages();
	if (!pages.length) return;
	const byFile = new Map(pages.map((p) => [path.basename(p.file), p.path]));
	for (const p of pages) {
		const route = routeOf(p.path, routes);
		if (route) visited.add(route);
	}
	const run = spawnSync('java', ['-Xss1m', '-jar', JAR, '--format', 'json', '--stdout', '--exit-zero-always', '--skip-non-html', HTML_DIR], {
		encoding: 'utf8',
		maxBuffer: 256 * 1024 * 1024
	});
	if (run.error || run.status !== 0) throw new Error(`the Nu Html Checker did not run: ${run.error?.message ?? run.stderr}`);
	const { messages } = JSON.parse(run.stdout) as { messages: VnuMessage[] };
	for (const m of messages) {
		if (IGNORED.some((i) => i.matches(m))) continue;
		const served = byFile.get(path.basename(new URL(m.url).pathname)) ?? m.url;
		const route = routeOf(served, routes) ?? served;
		const line = `${served}:${m.lastLine ?? '?'} ${m.subType ?? m.type}: ${m.message}${m.extract ? ` — ${m.extract.replace(/\s+/g, ' ').trim()}` : ''}`;
		problems.set(route, [...(problems.get(route) ?? []), line]);
	}
});

for (const route of routes) {
	test(`valid HTML: ${route}`, () => {
		test.skip(!visited.has(route) && !problems.has(route), 'no browser test looked at this page');
		expect([...new Set(problems.get(route) ?? [])]).toEqual([]);
	});
}

test('valid HTML: pages outside the route tree (404 and error pages)', () => {
	const other = [...problems.keys()].filter((k) => !routes.includes(k));
	expect(other.flatMap((k) => problems.get(k)!)).toEqual([]);
});
