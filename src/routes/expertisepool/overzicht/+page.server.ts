import type { PageServerLoad } from './$types';
import { requestOverview, shownCount } from '#lib/server/expertise/request-figures.ts';
import { guarded } from '#lib/server/http/guard.ts';

/** The association's overview of requests in figures: the pool coordinators of the association and the admin. Counts below 10 leave here as "< 10". */
export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		const o = await requestOverview(event.locals.db, event.locals.viewer);
		const shown = <T extends { count: number }>(rows: T[]) => rows.map((r) => ({ ...r, shown: shownCount(r.count) }));
		return {
			months: o.months.map((r) => ({
				month: r.month,
				daysToAnswer: r.daysToAnswer,
				received: shownCount(r.received),
				delivered: shownCount(r.delivered),
				// the chart draws a small count at the threshold, so a bar tells no more than the table
				receivedBar: r.received > 0 && r.received < 10 ? 10 : r.received,
				deliveredBar: r.delivered > 0 && r.delivered < 10 ? 10 : r.delivered
			})),
			themes: shown(o.themes),
			forms: shown(o.forms),
			sectors: shown(o.sectors)
		};
	});
