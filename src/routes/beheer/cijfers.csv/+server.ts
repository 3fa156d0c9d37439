import type { RequestHandler } from './$types';
import { guarded } from '#lib/server/http/guard.ts';
import { networkView } from '#lib/server/impact/network-page.ts';
import { fileName } from '#lib/server/impact/output.ts';
import { pagePeriod } from '#lib/server/impact/page.ts';
import { logReport } from '#lib/server/impact/service.ts';

/** The network's figures as a spreadsheet, every row per town and initiative: for the association admin; logged. */
export const GET: RequestHandler = (event) =>
	guarded(event, async () => {
		const { db, viewer } = event.locals;
		const { period } = pagePeriod(event.url);
		const view = await networkView(db, viewer, period);
		await logReport(db, viewer, null, 'csv', period);
		return new Response(view.csv(), {
			headers: {
				'content-type': 'text/csv; charset=utf-8',
				'content-disposition': `attachment; filename="${fileName('herstelplein', period)}"`,
				'cache-control': 'private, no-store'
			}
		});
	});
