import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { parsePeriod } from '#lib/server/impact/period.ts';
import { publicFigures } from '#lib/server/impact/service.ts';
import { m } from '#lib/paraglide/messages.js';

/** Open data: the public figures as JSON, the same cells as /cijfers (`value` null when hidden; these are counts of things). */
export const GET: RequestHandler = async ({ locals, url }) => {
	const period = parsePeriod(url.searchParams);
	if (!period) return json({ error: m.impact_period_error() }, { status: 400 });
	const f = await publicFigures(locals.db, period);
	return json(
		{
			period: { key: period.key, firstMonth: period.firstMonth, lastMonth: period.lastMonth },
			initiatives: f.initiatives.value,
			activitiesHeld: { total: f.heldTotal.value, byKind: Object.fromEntries(f.held.map((r) => [r.key, r.cell.value])) },
			byTown: f.byTown.map((t) => ({ town: t.town, initiatives: t.initiatives.value, activitiesHeld: t.held.value }))
		},
		{ headers: { 'cache-control': 'public, max-age=300', 'access-control-allow-origin': '*', 'cross-origin-resource-policy': 'cross-origin' } }
	);
};
