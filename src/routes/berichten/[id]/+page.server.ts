import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizeHref } from '#lib/paraglide/runtime.js';
import { readForm, unreadableForm } from '#lib/server/http/forms.ts';
import { guarded, uuidParam } from '#lib/server/http/guard.ts';
import { messageBody, sendFailure } from '#lib/server/messages/forms.ts';
import { messageParts } from '#lib/server/messages/linkify.ts';
import { leaveConversation, MESSAGE_MAX, readConversation, sendMessage, setBlocked } from '#lib/server/messages/service.ts';
import { dealActions, dealForPage } from './deal.server.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		const before = event.url.searchParams.get('voor') ?? '';
		const c = await readConversation(event.locals.db, event.locals.viewer, uuidParam(event.params.id), UUID.test(before) ? before : undefined);
		return {
			id: c.conversation.id,
			other: c.other ? { name: c.other.name, id: c.block === 'none' ? c.other.userId : null } : null,
			// A small group: the others by name (ids only for the "geen contact meer" forms), never contact details.
			group: c.conversation.group ? { others: c.others.map(({ userId, name, blockedByMe }) => ({ id: userId, name, blockedByMe })) } : null,
			about: c.about,
			// "Geen contact meer" chosen by the other is never shown as such: the conversation is only closed.
			blockedByMe: c.block === 'byMe',
			// The other's "wie mag mij berichten sturen" keeps the viewer out: said calmly, nothing more.
			notReceiving: !!c.other && c.block === 'none' && !c.accepts,
			canWrite: c.canWrite,
			messages: c.messages.map((msg) => ({ id: msg.id, from: msg.from, name: msg.name, createdAt: msg.createdAt, hidden: msg.hidden, parts: messageParts(msg.body) })),
			earlier: c.earlier,
			paged: UUID.test(before),
			max: MESSAGE_MAX,
			deal: await dealForPage(event, c.conversation.id)
		};
	});

/** "Geen contact meer" with the other, or in a group with the one named in `wie`; or contact again. */
const block = (event: Parameters<Actions[string]>[0], blocked: boolean) =>
	guarded(event, async () => {
		const form = await readForm(event.request);
		const whom = form?.get('wie');
		const { name } = await setBlocked(event.locals.db, event.locals.viewer, uuidParam(event.params.id), blocked, typeof whom === 'string' ? whom : undefined);
		return blocked ? { blocked: name } : { unblocked: name };
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
	blokkeren: (event) => block(event, true),
	deblokkeren: (event) => block(event, false),
	/** Leave a group conversation; back to the inbox. */
	verlaten: (event) =>
		guarded(event, async () => {
			await leaveConversation(event.locals.db, event.locals.viewer, uuidParam(event.params.id));
			redirect(303, localizeHref('/berichten?verlaten=1'));
		})
};
