import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/*
 * The pages the browser tests (and the language walk) looked at, as the server
 * sent them, one file per distinct HTML: html-valid.spec.ts runs the Nu Html
 * Checker over all of them at once after the other tests.
 */

export const HTML_DIR = path.resolve('.tmp/html');

/** Forget the pages of an earlier run (global setup). */
export function clearHtml(): void {
	rmSync(HTML_DIR, { recursive: true, force: true });
}

/** Keep a page's HTML for the validator, under its address's path (the same HTML once). */
export function saveHtml(url: string, html: string): void {
	mkdirSync(HTML_DIR, { recursive: true });
	const name = createHash('sha256').update(html).digest('hex').slice(0, 20);
	writeFileSync(path.join(HTML_DIR, `${name}.html`), html);
	writeFileSync(path.join(HTML_DIR, `${name}.path`), new URL(url).pathname);
}

/** The saved pages: file and the path it was served at. */
export function savedPages(): Array<{ file: string; path: string }> {
	let names: string[];
	try {
		names = readdirSync(HTML_DIR).filter((n) => n.endsWith('.html'));
	} catch {
		return [];
	}
	return names.map((n) => ({ file: path.join(HTML_DIR, n), path: readFileSync(path.join(HTML_DIR, n.replace(/\.html$/, '.path')), 'utf8') }));
}

const ROUTES = path.resolve('src/routes');

/** Every page route (a folder with +page.svelte), e.g. `/initiatieven/[slug]/leden`. */
export function pageRoutes(dir = ROUTES, route = ''): string[] {
	const entries = readdirSync(dir, { withFileTypes: true });
	const out = entries.some((e) => e.isFile() && e.name === '+page.svelte') ? [route || '/'] : [];
	for (const e of entries) {
		if (e.isDirectory()) out.push(...pageRoutes(path.join(dir, e.name), /^\(.*\)$/.test(e.name) ? route : `${route}/${e.name}`));
	}
	return out;
}

/** A route as a pattern for paths; routes with fewer parameters are tried first, as SvelteKit does. */
function routePattern(route: string): RegExp {
	const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	const source = route
		.split('/')
		.map((segment) =>
			segment
				.split(/(\[\[[^\]]+\]\]|\[\.\.\.[^\]]+\]|\[[^\]]+\])/)
				.map((part) => (part.startsWith('[[') ? '[^/]*' : part.startsWith('[...') ? '.*' : part.startsWith('[') ? '[^/]+' : escape(part)))
				.join('')
		)
		.join('/');
	return new RegExp(`^${source}/?$`);
}

/** The page route a path belongs to (the English `/en` prefix left out), if any. */
export function routeOf(pathname: string, routes: string[]): string | undefined {
	const bare = pathname.replace(/^\/en(?=\/|$)/, '') || '/';
	const params = (r: string) => (r.match(/\[/g) ?? []).length;
	return [...routes].sort((a, b) => params(a) - params(b)).find((r) => routePattern(r).test(decodeURI(bare)));
}
