import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { readForm, unreadableForm } from '#lib/server/http/forms.ts';
import { guarded, uuidParam } from '#lib/server/http/guard.ts';
import { charactersFailure, readFields, reportFailure } from '#lib/server/moderation/forms.ts';
import { makeReport, reportForm, WORDS_MAX } from '#lib/server/moderation/reports.ts';
import type { SubjectKind } from '#lib/server/moderation/schema.ts';

/** The Dutch words in the address for what is reported; `persoon` takes the conversation with them. */
const KINDS: Record<string, SubjectKind> = { 'vraag-en-aanbod': 'post', bericht: 'message', groepsbericht: 'announcement', persoon: 'person' };

function kindParam(soort: string): SubjectKind {
	const kind = KINDS[soort];
	if (!kind) error(404, 'Not found');
	return kind;
}

export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		const kind = kindParam(event.params.soort);
		const chosenId = event.url.searchParams.get('initiatief') ?? undefined;
		const { target, chosen, afspraken } = await reportForm(event.locals.db, event.locals.viewer, kind, uuidParam(event.params.id), chosenId);
		return {
			kind,
			label: target.label,
			initiatives: target.initiatives.map((i) => ({ id: i.id, name: i.name })),
			chosen: chosen ? { id: chosen.id, name: chosen.name } : null,
			afspraken,
			max: WORDS_MAX
		};
	});

export const actions: Actions = {
	default: (event) =>
		guarded(event, async () => {
			const kind = kindParam(event.params.soort);
			const form = await readForm(event.request);
			if (!form) return unreadableForm();
			const { values, refused } = readFields(form, ['initiativeId', 'rule', 'whatHappened'] as const);
			if (refused.length) return charactersFailure(form, refused[0]);
			const result = await makeReport(event.locals.db, event.locals.viewer, kind, uuidParam(event.params.id), values);
			if (!result.ok) return reportFailure(form, result.error, values.whatHappened.length);
			return { reported: true, again: result.again, admins: result.to === 'admins' };
		})
};
