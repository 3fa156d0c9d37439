import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { readForm, unreadableForm } from '#lib/server/http/forms.ts';
import { guarded, uuidParam } from '#lib/server/http/guard.ts';
import { charactersFailure, readFields, ruleFailure } from '#lib/server/moderation/forms.ts';
import { addRule, deleteRule, readAfspraken, updateRule, RULE_MAX, RULES_MAX, type RuleResult } from '#lib/server/moderation/rules.ts';

/** The afspraken: every member reads them, the coordinators write them here. */
export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		const { initiative, role, afspraken } = await readAfspraken(event.locals.db, event.locals.viewer, event.params.slug);
		return { initiative: { slug: initiative.slug, name: initiative.name }, coordinator: role === 'coordinator', afspraken, max: RULE_MAX, full: afspraken.own.length >= RULES_MAX };
	});

/** Run a change with the form's `text` (and `ruleId`); a failure is shown at the field it belongs to. */
async function change(event: RequestEvent, field: (ruleId: string) => string, run: (text: string, ruleId: string) => Promise<RuleResult>) {
	return guarded(event, async () => {
		const form = await readForm(event.request);
		if (!form) return unreadableForm();
		const { values, refused } = readFields(form, ['text', 'ruleId'] as const);
		if (refused.length) return charactersFailure(form, field(values.ruleId));
		const result = await run(values.text, values.ruleId);
		if (!result.ok) return ruleFailure(form, field(values.ruleId), result.error);
		return { saved: true };
	});
}

export const actions: Actions = {
	toevoegen: (event) => change(event, () => 'text', (text) => addRule(event.locals.db, event.locals.viewer, event.params.slug, text)),
	opslaan: (event) => change(event, (id) => `rule-${id}`, (text, ruleId) => updateRule(event.locals.db, event.locals.viewer, event.params.slug, uuidParam(ruleId), text)),
	weghalen: (event) =>
		change(event, (id) => `rule-${id}`, async (_text, ruleId) => {
			await deleteRule(event.locals.db, event.locals.viewer, event.params.slug, uuidParam(ruleId));
			return { ok: true };
		})
};
