import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prefixQuery } from './search.ts';

describe('the words of a search', () => {
	it('become a prefix query of every word', () => {
		expect(prefixQuery('Fiets  hulp!')).toBe('fiets:* & hulp:*');
		expect(prefixQuery('geld-zaken')).toBe('geld:* & zaken:*');
		expect(prefixQuery('  ')).toBeNull();
		expect(prefixQuery('&|!():*')).toBeNull();
	});

	it('never let anything through that could change the query', () => {
		fc.assert(
			fc.property(fc.string(), (typed) => {
				const query = prefixQuery(typed);
				if (query !== null) expect(query).toMatch(/^[\p{L}\p{N}]+:\*( & [\p{L}\p{N}]+:\*)*$/u);
			})
		);
	});
});
