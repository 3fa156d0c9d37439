import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every message file pair: messages/nl.json + en.json, messages/<capability>/nl.json + en.json. */
async function pairs(): Promise<string[]> {
	const dirs = ['messages', ...(await readdir('messages', { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => path.join('messages', d.name))];
	return dirs;
}

const load = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as Record<string, string>;

describe('interface text', () => {
	it('English has exactly the same messages as Dutch, none empty, with the same placeholders', async () => {
		const settings = JSON.parse(await readFile('project.inlang/settings.json', 'utf8'));
		const patterns: string[] = settings['plugin.inlang.messageFormat'].pathPattern;
		for (const dir of await pairs()) {
			const pattern = `./${dir}/{locale}.json`;
			expect(patterns, `${dir} is registered in project.inlang/settings.json`).toContain(pattern);
			const nl = await load(path.join(dir, 'nl.json'));
			const en = await load(path.join(dir, 'en.json'));
			expect(Object.keys(en).sort(), dir).toEqual(Object.keys(nl).sort());
			for (const [key, text] of Object.entries(nl)) {
				if (key === '$schema') continue;
				expect(text.trim(), `${dir}/nl.json ${key}`).not.toBe('');
				expect(en[key].trim(), `${dir}/en.json ${key}`).not.toBe('');
				const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
				expect(placeholders(en[key]), `${key} placeholders`).toEqual(placeholders(text));
			}
		}
	});

	it('message keys are unique across capabilities', async () => {
		const seen = new Map<string, string>();
		for (const dir of await pairs()) {
			for (const key of Object.keys(await load(path.join(dir, 'nl.json')))) {
				if (key === '$schema') continue;
				expect(seen.get(key), `${key} in ${dir}`).toBeUndefined();
				seen.set(key, dir);
			}
		}
	});
});
