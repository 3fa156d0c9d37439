import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIGURES } from './figures.ts';

/** The statement quotes our own tests: recount them, so a figure on the page is never older than the tests. */
describe("the accessibility statement's figures", () => {
	const folder = join(process.cwd(), 'tests/e2e');
	const specs = readdirSync(folder)
		.filter((name) => name.endsWith('.spec.ts'))
		.map((name) => readFileSync(join(folder, name), 'utf8'));

	it('are what the browser tests do today (update figures.ts and its date when this fails)', () => {
		const { countedOn: _, ...figures } = FIGURES;
		expect(figures).toEqual({
			axeChecks: specs.reduce((n, text) => n + text.split('expectAccessible(').length - 1, 0),
			specsWithAxe: specs.filter((text) => text.includes('expectAccessible(')).length,
			withoutJavaScript: specs.filter((text) => text.includes('javaScriptEnabled: false') || text.includes('JOURNEY_SCRIPTING')).length,
			keyboardOnly: specs.filter((text) => text.includes('keyboard.press')).length
		});
	});
});
