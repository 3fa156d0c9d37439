import type { Actions, PageServerLoad } from './$types';
import { decideReport, loadReport } from '#lib/server/moderation/pages.ts';

/** One report with the reported item alone, and what the coordinators do about it. */
export const load: PageServerLoad = (event) => loadReport(event, event.params.slug);

export const actions: Actions = {
	besluiten: (event) => decideReport(event, event.params.slug, false),
	zichtbaar: (event) => decideReport(event, event.params.slug, true)
};
