import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';

/** The name of a kind of activity, in the reader's language. */
export function kindLabel(kind: 'ontmoeting' | 'ontdekking' | 'ontplooiing'): string {
	return { ontmoeting: m.activity_kind_ontmoeting, ontdekking: m.activity_kind_ontdekking, ontplooiing: m.activity_kind_ontplooiing }[kind]();
}

export function kindHint(kind: 'ontmoeting' | 'ontdekking' | 'ontplooiing'): string {
	return { ontmoeting: m.activity_kind_ontmoeting_hint, ontdekking: m.activity_kind_ontdekking_hint, ontplooiing: m.activity_kind_ontplooiing_hint }[kind]();
}

/** An amount in euro cents as the reader writes money: "€ 2,50" or "€2.50". */
export function formatEuro(cents: number): string {
	return new Intl.NumberFormat(getLocale() === 'en' ? 'en-GB' : 'nl-NL', { style: 'currency', currency: 'EUR' }).format(cents / 100);
}
