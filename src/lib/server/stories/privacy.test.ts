import { describe, expect, it } from 'vitest';
import { privacyHints } from './privacy.ts';

const kinds = (text: string) => Object.fromEntries(privacyHints(text).map((h) => [h.kind, h.found]));

describe('the privacy check before sending', () => {
	it('points at phone numbers, e-mail addresses, postcodes and streets', () => {
		const found = kinds('Bel me op 06-12345678 of mail naar anna@voorbeeld.nl. Ik woon op de Kerkstraat 12 in 8011 AB Zwolle.');
		expect(found.phone).toEqual(['06-12345678']);
		expect(found.email).toEqual(['anna@voorbeeld.nl']);
		expect(found.postcode).toEqual(['8011 AB']);
		expect(found.street).toEqual(['Kerkstraat 12']);
	});

	it('points at an employer and at names of people inside a sentence', () => {
		const found = kinds('Toen belde mijn werkgever. Ik sprak met Petra de Vries, en later met Jan.');
		expect(found.employer).toEqual(['mijn werkgever']);
		expect(found.name).toEqual(expect.arrayContaining(['Petra', 'Jan']));
	});

	it('finds nothing in a story without such details', () => {
		expect(privacyHints('Ik voelde me lang alleen. Nu wandel ik elke week met een groep.')).toEqual([]);
		// The check reads the title and the text together: a new line starts a sentence, as after a heading or a list item.
		expect(privacyHints('Mijn eerste stap\nVandaag ging ik mee.\n\n# Thuis\nDaarna sliep ik goed.\n- koffie\n- Wandelen')).toEqual([]);
	});
});
