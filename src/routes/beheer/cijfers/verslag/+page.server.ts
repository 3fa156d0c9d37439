import type { PageServerLoad } from './$types';
import { guarded } from '#lib/server/http/guard.ts';
import { networkView } from '#lib/server/impact/network-page.ts';
import { pagePeriod } from '#lib/server/impact/page.ts';
import { logReport } from '#lib/server/impact/service.ts';

export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		const { db, viewer } = event.locals;
		const { period, view } = pagePeriod(event.url);
		const { threshold, tables, byTown, columns } = await networkView(db, viewer, period, 12);
		await logReport(db, viewer, null, 'print', period);
		return { period: view, threshold, tables, byTown, columns, madeAt: new Date() };
	});
