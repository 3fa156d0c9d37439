import type { PageServerLoad } from './$types';
import { PLATFORM_ROOM } from '#lib/server/access/moderation.ts';
import { guarded } from '#lib/server/http/guard.ts';
import { openReports } from '#lib/server/moderation/queue.ts';

const pageParam = (value: string | null) => Math.min(1000, Math.max(1, Number.parseInt(value ?? '1', 10) || 1));

/** The platform admins' room: open reports that no coordinator but the reported person could decide. */
export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		const page = pageParam(event.url.searchParams.get('pagina'));
		const queue = await openReports(event.locals.db, event.locals.viewer, PLATFORM_ROOM, page);
		return {
			reports: queue.reports.map(({ id, kind, about, rule, houseRuleText, createdAt, initiative }) => ({ id, kind, about, rule, houseRuleText, createdAt, initiative })),
			nextHref: queue.more ? `?pagina=${page + 1}` : null
		};
	});
