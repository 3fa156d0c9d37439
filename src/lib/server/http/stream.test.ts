import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonText, Later } from './stream.ts';

const text = async (chunks: AsyncGenerator<string>) => (await Array.fromAsync(chunks)).join('');

async function* items<T>(values: T[]): AsyncGenerator<T> {
	for (const v of values) yield v;
}

/** The value with some of its parts read later and some of its arrays streamed, chosen by `pick`. */
function deferred(value: unknown, pick: () => number): unknown {
	const inner = Array.isArray(value)
		? value.map((v) => deferred(v, pick))
		: value && typeof value === 'object'
			? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deferred(v, pick)]))
			: value;
	const choice = pick();
	if (choice === 0) return new Later(async () => inner);
	if (choice === 1 && Array.isArray(inner)) return items(inner);
	return inner;
}

describe('jsonText', () => {
	it('writes the bytes of JSON.stringify, whatever is read later or streamed', async () => {
		await fc.assert(
			fc.asyncProperty(fc.jsonValue(), fc.array(fc.nat(2), { minLength: 1 }), fc.constantFrom(0, 2, 4), async (value, picks, space) => {
				let i = 0;
				const streamed = deferred(value, () => picks[i++ % picks.length]);
				expect(await text(jsonText(streamed, space))).toBe(JSON.stringify(value, null, space) ?? 'null');
			}),
			{ numRuns: 300 }
		);
	});

	it('writes dates, dropped keys and empty lists as JSON.stringify does, and strings that look like its stand-ins as text', async () => {
		const when = new Date(Date.UTC(2026, 11, 5, 9, 30));
		const value = { when, gone: undefined, empty: [], none: {}, list: [1, undefined, 'x'], tricky: '\u0000abc:0\u0000 "\\u0000' };
		expect(await text(jsonText({ ...value, empty: items([]), list: items([1, undefined, 'x']), when: new Later(async () => when) }))).toBe(JSON.stringify(value, null, 2));
	});

	it('sends a long list in pieces, not as one string', async () => {
		const many = Array.from({ length: 5000 }, (_, i) => ({ day: `2026-01-${i}`, text: 'Vandaag wandelde ik een rondje.' }));
		const chunks = await Array.fromAsync(jsonText({ journal: items(many) }));
		expect(chunks.length).toBeGreaterThan(3);
		expect(chunks.join('')).toBe(JSON.stringify({ journal: many }, null, 2));
	});
});
