import type { Actions, PageServerLoad } from './$types';
import { PLATFORM_ROOM } from '#lib/server/access/moderation.ts';
import { decideReport, loadReport } from '#lib/server/moderation/pages.ts';

/** A report no coordinator but the reported person could decide: the platform admins decide it, as coordinators would. */
export const load: PageServerLoad = (event) => loadReport(event, PLATFORM_ROOM);

export const actions: Actions = {
	besluiten: (event) => decideReport(event, PLATFORM_ROOM, false),
	zichtbaar: (event) => decideReport(event, PLATFORM_ROOM, true)
};
