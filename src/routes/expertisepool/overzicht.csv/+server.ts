import type { RequestHandler } from './$types';
import { overviewCsv, requestOverview } from '#lib/server/expertise/request-figures.ts';
import { guarded } from '#lib/server/http/guard.ts';
import { m } from '#lib/paraglide/messages.js';

/** The overview's months as CSV: the same figures as the table, small counts as "< 10". */
export const GET: RequestHandler = (event) =>
	guarded(event, async () => {
		const overview = await requestOverview(event.locals.db, event.locals.viewer);
		const csv = overviewCsv(overview, {
			month: m.expertise_overview_month(),
			received: m.expertise_overview_received(),
			delivered: m.expertise_overview_delivered(),
			daysToAnswer: m.expertise_overview_days()
		});
		return new Response(csv, {
			headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="expertisepool-aanvragen.csv"', 'cache-control': 'private, no-store' }
		});
	});
