import type { PageServerLoad } from './$types';
import { keyLabel } from '#lib/server/impact/output.ts';
import { pagePeriod } from '#lib/server/impact/page.ts';
import { publicFigures } from '#lib/server/impact/service.ts';

/** The open figures: non-personal totals of the initiatives that opted in. For anyone. */
export const load: PageServerLoad = async (event) => {
	const { period, view, periodError, choices } = pagePeriod(event.url);
	const figures = await publicFigures(event.locals.db, period);
	return {
		period: view,
		periodError,
		choices,
		initiatives: figures.initiatives,
		held: figures.held.map((r) => ({ ...r, label: keyLabel('held_kind', r.key) })),
		heldTotal: figures.heldTotal,
		byTown: figures.byTown
	};
};
