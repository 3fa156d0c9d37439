import type { PageServerLoad } from './$types';
import { guarded } from '#lib/server/http/guard.ts';
import { labelled } from '#lib/server/impact/output.ts';
import { pagePeriod } from '#lib/server/impact/page.ts';
import { initiativeFigures, logReport } from '#lib/server/impact/service.ts';

/** The one-page report to print or save as PDF; opening it is logged for the coordinators. */
export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		const { db, viewer } = event.locals;
		const { period, view } = pagePeriod(event.url);
		const figures = await initiativeFigures(db, viewer, event.params.slug, period);
		await logReport(db, viewer, figures.initiative.id, 'print', period);
		return { initiative: figures.initiative, period: view, threshold: figures.threshold, tables: labelled(figures.tables), voices: figures.voices, madeAt: new Date() };
	});
