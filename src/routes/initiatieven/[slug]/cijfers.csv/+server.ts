import type { RequestHandler } from './$types';
import { guarded } from '#lib/server/http/guard.ts';
import { fileName, figuresCsv, labelled } from '#lib/server/impact/output.ts';
import { pagePeriod } from '#lib/server/impact/page.ts';
import { initiativeFigures, logReport } from '#lib/server/impact/service.ts';
import { m } from '#lib/paraglide/messages.js';

/** An initiative's figures as a spreadsheet, for its coordinators; the download is logged. */
export const GET: RequestHandler = (event) =>
	guarded(event, async () => {
		const { db, viewer } = event.locals;
		const { period } = pagePeriod(event.url);
		const figures = await initiativeFigures(db, viewer, event.params.slug, period);
		await logReport(db, viewer, figures.initiative.id, 'csv', period);
		const body = figuresCsv(m.impact_page_title({ name: figures.initiative.name }), period, labelled(figures.tables));
		return new Response(body, {
			headers: {
				'content-type': 'text/csv; charset=utf-8',
				'content-disposition': `attachment; filename="${fileName(figures.initiative.slug, period)}"`,
				'cache-control': 'private, no-store'
			}
		});
	});
