import type { RequestEvent } from './$types';
import { formatDay, formatTime, toFormParts } from '#lib/server/activities/time.ts';
import { dealFailure, dealText, formVersion, parseProposal } from '#lib/server/deals/forms.ts';
import { acceptDeal, cancelDeal, confirmDone, dealView, markDone, proposeDeal, showThanks, thank, type DealResult } from '#lib/server/deals/service.ts';
import { readForm, unreadableForm } from '#lib/server/http/forms.ts';
import { guarded, uuidParam } from '#lib/server/http/guard.ts';

/*
 * The afspraak part of a conversation page: its state for the page, and its
 * forms (afspraak, gedaan, bedankje). Kept beside the page so the page's own
 * load and actions stay about messages.
 */

/** The afspraak as the page shows it, with its day and time written out in the reader's language. */
export async function dealForPage(event: RequestEvent, conversationId: string) {
	const view = await dealView(event.locals.db, event.locals.viewer, conversationId);
	const when = view.startsAt ? `${formatDay(view.startsAt, event.locals.locale)}, ${formatTime(view.startsAt, event.locals.locale)}` : '';
	return { ...view, when, formParts: view.startsAt ? toFormParts(view.startsAt) : null };
}

type Step = (event: RequestEvent, form: FormData, id: string, version: number) => Promise<DealResult>;

/** One form action of the afspraak: read the form, take the step, say what happened or why not. */
function action(saved: string, run: Step, textField: 'place' | 'note' | 'thanks' = 'place') {
	return (event: RequestEvent) =>
		guarded(event, async () => {
			const form = await readForm(event.request);
			if (!form) return unreadableForm();
			const id = uuidParam(event.params.id);
			const result = await run(event, form, id, formVersion(form));
			return result.ok ? { dealSaved: saved } : dealFailure(form, result.error, textField);
		});
}

const db = (event: RequestEvent) => event.locals.db;
const viewer = (event: RequestEvent) => event.locals.viewer;

export const dealActions = {
	voorstellen: (event: RequestEvent) =>
		guarded(event, async () => {
			const form = await readForm(event.request);
			if (!form) return unreadableForm();
			const parsed = parseProposal(form);
			if (!parsed.ok) return parsed.failure;
			const result = await proposeDeal(db(event), viewer(event), uuidParam(event.params.id), parsed.proposal, formVersion(form));
			return result.ok ? { dealSaved: 'proposed' } : dealFailure(form, result.error, 'place');
		}),
	akkoord: action('accepted', (event, _form, id, version) => acceptDeal(db(event), viewer(event), id, version)),
	afzeggen: action(
		'cancelled',
		async (event, form, id, version) => {
			const note = dealText(form, 'note');
			return note === null ? { ok: false, error: 'too_long' } : cancelDeal(db(event), viewer(event), id, version, note);
		},
		'note'
	),
	gedaan: action('done', (event, _form, id, version) => markDone(db(event), viewer(event), id, version)),
	bevestigen: action('confirmed', (event, _form, id, version) => confirmDone(db(event), viewer(event), id, version, true)),
	nogniet: action('not_yet', (event, _form, id, version) => confirmDone(db(event), viewer(event), id, version, false)),
	bedanken: action(
		'thanked',
		async (event, form, id) => {
			const text = dealText(form, 'thanks');
			return text === null ? { ok: false, error: 'empty' } : thank(db(event), viewer(event), id, text);
		},
		'thanks'
	),
	tonen: (event: RequestEvent) =>
		guarded(event, async () => {
			await showThanks(db(event), viewer(event), uuidParam(event.params.id), true);
			return { dealSaved: 'shown' };
		}),
	verbergen: (event: RequestEvent) =>
		guarded(event, async () => {
			await showThanks(db(event), viewer(event), uuidParam(event.params.id), false);
			return { dealSaved: 'hidden' };
		})
};
