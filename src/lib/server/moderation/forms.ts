import { fail } from '@sveltejs/kit';
import { m } from '../../paraglide/messages.js';
import { cleanFields, formValues, type FormFailure } from '../http/forms.ts';
import { RULE_MAX, RULES_MAX, type RuleResult } from './rules.ts';
import { REASON_MAX, type ActionResult } from './queue.ts';
import { WORDS_MAX, type ReportResult } from './reports.ts';

/*
 * The moderation forms: fields read through `cleanFields` (characters that
 * have no place in text are refused, never stored), failures as a message at
 * the field with what was typed kept, and a fitting status.
 */

/** The text fields of a form, cleaned; `refused` names the fields with characters that cannot be kept. */
export function readFields<K extends string>(form: FormData, names: readonly K[]): { values: Record<K, string>; refused: K[] } {
	const { raw, refused } = cleanFields(form);
	const values = {} as Record<K, string>;
	for (const name of names) values[name] = typeof raw[name] === 'string' ? (raw[name] as string) : '';
	return { values, refused: names.filter((n) => refused.includes(n)) };
}

const failure = (status: number, form: FormData, field: string, text: string) => fail(status, { errors: { [field]: text }, values: formValues(form) } satisfies FormFailure);

/** A refused character in one of the fields. */
export const charactersFailure = (form: FormData, field: string) => failure(400, form, field, m.form_error_characters());

export function reportFailure(form: FormData, error: Exclude<ReportResult, { ok: true }>['error'], length: number) {
	if (error === 'rate_limited') return failure(429, form, 'whatHappened', m.moderation_error_rate());
	if (error === 'rule') return failure(400, form, 'rule', m.moderation_error_rule());
	return failure(400, form, 'whatHappened', error === 'too_long' ? m.moderation_error_words_long({ length, max: WORDS_MAX }) : m.moderation_error_words_needed());
}

export function ruleFailure(form: FormData, field: string, error: Exclude<RuleResult, { ok: true }>['error']) {
	const text = error === 'empty' ? m.moderation_error_rule_empty() : error === 'too_long' ? m.moderation_error_rule_long({ max: RULE_MAX }) : m.moderation_error_rule_too_many({ max: RULES_MAX });
	return failure(400, form, field, text);
}

export function actionFailure(form: FormData, error: Exclude<ActionResult, { ok: true }>['error']) {
	if (error === 'action') return failure(400, form, 'action', m.moderation_error_action());
	return failure(400, form, 'reason', error === 'reason' ? m.moderation_error_reason() : m.moderation_error_reason_long({ max: REASON_MAX }));
}
