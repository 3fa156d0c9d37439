import type { PageServerLoad } from './$types';
import { guarded } from '#lib/server/http/guard.ts';
import { actionLog, openReports } from '#lib/server/moderation/queue.ts';

const pageParam = (value: string | null) => Math.min(1000, Math.max(1, Number.parseInt(value ?? '1', 10) || 1));

/** The coordinators' queue of open reports and the log of what they did; nobody else opens it. */
export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		const { db, viewer } = event.locals;
		const page = pageParam(event.url.searchParams.get('pagina'));
		const logPage = pageParam(event.url.searchParams.get('logboek'));
		const queue = await openReports(db, viewer, event.params.slug, page);
		const log = await actionLog(db, viewer, event.params.slug, logPage);
		return {
			initiative: { slug: queue.initiative.slug, name: queue.initiative.name },
			// The list shows what kind, about whom, which afspraak and when; the reporter's words are on the report's own page.
			reports: queue.reports.map(({ id, kind, about, rule, houseRuleText, createdAt }) => ({ id, kind, about, rule, houseRuleText, createdAt })),
			nextHref: queue.more ? `?pagina=${page + 1}` : null,
			log: log.entries,
			logNextHref: log.more ? `?logboek=${logPage + 1}#logboek` : null
		};
	});
