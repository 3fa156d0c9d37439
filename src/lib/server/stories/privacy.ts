/**
 * The privacy check before a story is sent: what in it may lead to a person
 * (the writer or someone they write about). Hints only, never a block — the
 * writer decides. Each hint names the kind and the words found.
 */
export type PrivacyHintKind = 'phone' | 'email' | 'postcode' | 'street' | 'employer' | 'name';

export interface PrivacyHint {
	kind: PrivacyHintKind;
	found: string[];
}

const PATTERNS: Array<[PrivacyHintKind, RegExp]> = [
	['email', /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu],
	['phone', /(?:\+31|0031|\b0)[\s-]?(?:\d[\s-]?){8,9}\b/g],
	['postcode', /\b[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}\b/g],
	['street', /\b\p{Lu}[\p{L}-]*(?:straat|laan|weg|plein|gracht|singel|kade|dijk|steeg|dreef|hof|pad|park)\b(?:\s+\d+[a-z]?)?/gu],
	['employer', /\b(?:mijn|m'n|onze)\s+(?:werkgever|baas|leidinggevende|manager|collega'?s?|bedrijf|school|huisarts|behandelaar|psychiater)\b|\bik werk(?:te)? bij\s+\S+(?:\s+\S+)?/giu]
];

/** Capitalised words inside a sentence (not at the start of a line: the title, a heading or a list item may end without a full stop) may be names of people; a short list of words that often stand there is left out. */
const NOT_NAMES = new Set(['Ik', 'Herstelplein', 'God', 'Kerst', 'Pasen', 'Nederland', 'Nederlands', 'Engels']);

const MAX_PER_KIND = 5;

export function privacyHints(text: string): PrivacyHint[] {
	const hints: PrivacyHint[] = [];
	for (const [kind, pattern] of PATTERNS) add(hints, kind, [...text.matchAll(pattern)].map((m) => m[0].trim()));
	const names = [...text.matchAll(/(?<=[\p{Ll},;:][ \t]+)\p{Lu}\p{Ll}{2,}(?:[ \t]+\p{Lu}\p{Ll}+)?/gu)].map((m) => m[0]).filter((w) => !NOT_NAMES.has(w.split(/\s/)[0]));
	add(hints, 'name', names);
	return hints;
}

function add(hints: PrivacyHint[], kind: PrivacyHintKind, found: string[]) {
	const unique = [...new Set(found)].slice(0, MAX_PER_KIND);
	if (unique.length) hints.push({ kind, found: unique });
}
