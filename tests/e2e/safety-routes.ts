import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/*
 * Every page, form action and endpoint, read from the route tree (src/routes),
 * so a new one is in the hostile-input harness without anyone adding it.
 */

export interface RouteInfo {
	/** The route's path with its parameters, e.g. `/initiatieven/[slug]/leden`. */
	route: string;
	/** Form actions (`default` for the unnamed one); empty for an endpoint or a page without actions. */
	actions: string[];
	/** HTTP methods an endpoint (+server.ts) exports; ['GET'] for a page. */
	methods: string[];
	/** Field names the route's server code reads itself (`.get('name')`). */
	fields: string[];
}

const ROUTES = path.join(import.meta.dirname, '../../src/routes');

/** The keys of `export const actions = { … }`: one tab deep, up to the closing brace at the start of a line. */
export function actionNames(source: string): string[] {
	const start = source.search(/export const actions\b/);
	if (start < 0) return [];
	const body = source.slice(start).split(/\n\}/)[0];
	return [...body.matchAll(/^\t'?([\w-]+)'?\s*:/gm)].map((m) => m[1]);
}

export function routeTree(dir = ROUTES, route = ''): RouteInfo[] {
	const out: RouteInfo[] = [];
	const entries = readdirSync(dir, { withFileTypes: true });
	const files = new Set(entries.filter((e) => e.isFile()).map((e) => e.name));
	const read = (name: string) => readFileSync(path.join(dir, name), 'utf8');
	const fieldsIn = (source: string) => [...source.matchAll(/\.get(?:All)?\(['"]([\w-]+)['"]\)/g)].map((m) => m[1]);
	const here = route || '/';
	if (files.has('+page.server.ts') || files.has('+page.svelte')) {
		const source = files.has('+page.server.ts') ? read('+page.server.ts') : '';
		out.push({ route: here, actions: actionNames(source), methods: ['GET'], fields: [...new Set(fieldsIn(source))] });
	}
	if (files.has('+server.ts')) {
		const source = read('+server.ts');
		const methods = [...source.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]);
		out.push({ route: here, actions: [], methods, fields: [...new Set(fieldsIn(source))] });
	}
	for (const entry of entries) {
		if (!entry.isDirectory()) continue;
		// A group folder `(name)` adds nothing to the address.
		const segment = /^\(.*\)$/.test(entry.name) ? '' : `/${entry.name}`;
		out.push(...routeTree(path.join(dir, entry.name), route + segment));
	}
	return out;
}

/** The query parameters any server code reads (`searchParams.get('naar')`, `params.getAll('soort')`). */
export function queryKeys(dirs = [ROUTES, path.join(import.meta.dirname, '../../src/lib/server')]): string[] {
	const keys = new Set<string>();
	const walk = (dir: string) => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(full);
			else if (/\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)) {
				for (const m of readFileSync(full, 'utf8').matchAll(/(?:searchParams|params)\.(?:get|getAll|has)\(['"]([\w-]+)['"]\)/g)) keys.add(m[1]);
			}
		}
	};
	dirs.forEach(walk);
	return [...keys].sort();
}
