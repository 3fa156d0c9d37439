import type { Actions, PageServerLoad } from './$types';
import { readForm, unreadableForm } from '#lib/server/http/forms.ts';
import { guarded, uuidParam } from '#lib/server/http/guard.ts';
import { messageBody, sendFailure } from '#lib/server/messages/forms.ts';
import { messageParts } from '#lib/server/messages/linkify.ts';
import { MESSAGE_MAX, readConversation, sendMessage, setBlocked } from '#lib/server/messages/service.ts';
import { dealActions, dealForPage } from './deal.server.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		const before = event.url.searchParams.get('voor') ?? '';
		const c = await readConversation(event.locals.db, event.locals.viewer, uuidParam(event.params.id), UUID.test(before) ? before : undefined);
		return {
			id: c.conversation.id,
			other: c.other ? { name: c.other.name, id: c.block === 'none' ? c.other.userId : null } : null,
			about: c.about,
			// "Geen contact meer" chosen by the other is never shown as such: the conversation is only closed.
			blockedByMe: c.block === 'byMe',
			// The other's "wie mag mij berichten sturen" keeps the viewer out: said calmly, nothing more.
			notReceiving: !!c.other && c.block === 'none' && !c.accepts,
			canWrite: c.canWrite,
			messages: c.messages.map((msg) => ({ id: msg.id, from: msg.from, createdAt: msg.createdAt, hidden: msg.hidden, parts: messageParts(msg.body) })),
			earlier: c.earlier,
			paged: UUID.test(before),
			max: MESSAGE_MAX,
			deal: await dealForPage(event, c.conversation.id)
		};
	});

export const actions: Actions = {
	// Afspraak, gedaan, bedankje (deal.server.ts); named here so every action of the page is listed in one place.
	voorstellen: dealActions.voorstellen,
	akkoord: dealActions.akkoord,
	afzeggen: dealActions.afzeggen,
	gedaan: dealActions.gedaan,
	bevestigen: dealActions.bevestigen,
	nogniet: dealActions.nogniet,
	bedanken: dealActions.bedanken,
	tonen: dealActions.tonen,
	verbergen: dealActions.verbergen,
	versturen: (event) =>
		guarded(event, async () => {
			const form = await readForm(event.request);
			if (!form) return unreadableForm();
			const result = await sendMessage(event.locals.db, event.locals.viewer, uuidParam(event.params.id), messageBody(form));
			if (!result.ok) return sendFailure(form, result.error);
			return { sent: true };
		}),
	blokkeren: (event) =>
		guarded(event, async () => ({ blocked: (await setBlocked(event.locals.db, event.locals.viewer, uuidParam(event.params.id), true)).name })),
	deblokkeren: (event) =>
		guarded(event, async () => ({ unblocked: (await setBlocked(event.locals.db, event.locals.viewer, uuidParam(event.params.id), false)).name }))
};
