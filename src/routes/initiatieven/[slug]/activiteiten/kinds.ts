import { m } from '#lib/paraglide/messages.js';

/** The name of a kind of activity, in the reader's language. */
export function kindLabel(kind: 'ontmoeting' | 'ontdekking' | 'ontplooiing'): string {
	return { ontmoeting: m.activity_kind_ontmoeting, ontdekking: m.activity_kind_ontdekking, ontplooiing: m.activity_kind_ontplooiing }[kind]();
}

export function kindHint(kind: 'ontmoeting' | 'ontdekking' | 'ontplooiing'): string {
	return { ontmoeting: m.activity_kind_ontmoeting_hint, ontdekking: m.activity_kind_ontdekking_hint, ontplooiing: m.activity_kind_ontplooiing_hint }[kind]();
}
