import type { PageServerLoad } from './$types';
import { guarded } from '#lib/server/http/guard.ts';
import { networkView } from '#lib/server/impact/network-page.ts';
import { pagePeriod } from '#lib/server/impact/page.ts';

export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		const { period, view, periodError, choices } = pagePeriod(event.url);
		const { csv: _, ...figures } = await networkView(event.locals.db, event.locals.viewer, period);
		return { period: view, periodError, choices, ...figures };
	});
