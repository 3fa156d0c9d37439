import type { RequestEvent } from '@sveltejs/kit';
import type { Room } from '../access/moderation.ts';
import { readForm, unreadableForm } from '../http/forms.ts';
import { guarded, uuidParam } from '../http/guard.ts';
import { actionFailure, charactersFailure, readFields } from './forms.ts';
import { actOnReport, reportDetail, restoreItem } from './queue.ts';

/*
 * One report's page, the same in every room (an initiative's coordinators,
 * the platform admins): the reported item alone, what the room does about
 * it, and undoing a hide.
 */

type Event = Pick<RequestEvent, 'url' | 'request' | 'locals'> & { params: { id?: string } };

export const loadReport = (event: Event, room: Room) =>
	guarded(event, async () => {
		const { initiative, report } = await reportDetail(event.locals.db, event.locals.viewer, room, uuidParam(event.params.id));
		return { initiative: { slug: initiative.slug, name: initiative.name }, report };
	});

/** An action on the open report, or (`restore`) making the item it hid visible again; both with a reason. */
export const decideReport = (event: Event, room: Room, restore: boolean) =>
	guarded(event, async () => {
		const form = await readForm(event.request);
		if (!form) return unreadableForm();
		const { values, refused } = readFields(form, ['action', 'reason'] as const);
		if (refused.length) return charactersFailure(form, refused[0]);
		const { db, viewer } = event.locals;
		const id = uuidParam(event.params.id);
		const result = restore ? await restoreItem(db, viewer, room, id, values.reason) : await actOnReport(db, viewer, room, id, values.action, values.reason);
		if (!result.ok) return actionFailure(form, result.error);
		return restore ? { restored: true, already: result.already } : { done: true, already: result.already };
	});
