import type { Actions, PageServerLoad } from './$types';
import { handoverFormAction, handoverFormLoad } from '#lib/server/handover/pages.ts';

export const load: PageServerLoad = (event) => handoverFormLoad(event);

export const actions: Actions = {
	default: (event) => handoverFormAction(event, 'professional')
};
