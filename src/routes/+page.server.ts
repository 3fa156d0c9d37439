import type { PageServerLoad } from './$types';
import { datePath } from '#lib/server/activities/notifications/mails.ts';
import { formatRange } from '#lib/server/activities/time.ts';
import { startPage } from '#lib/server/start/page.ts';

/** Signed in, `/` is the person's own start page; a visitor gets the home page (no data). */
export const load: PageServerLoad = async ({ locals }) => {
	if (!locals.viewer) return { start: null };
	const { initiatives, next, moreDates, todos } = await startPage(locals.db, locals.viewer);
	return {
		start: {
			name: locals.viewer.name,
			todos,
			initiatives: initiatives.map((i) => ({ slug: i.slug, name: i.name, town: i.town, coordinator: i.role === 'coordinator' })),
			next: next.map(({ activity: a, initiative, status, occurrence: o }) => ({
				key: `${a.id}/${o.key.getTime()}`,
				title: a.title,
				initiative: initiative.name,
				href: datePath(initiative.slug, a.id, a.rrule ? o.key : null),
				when: formatRange(o.startsAt, o.endsAt, locals.locale),
				waitlist: status === 'waitlist',
				cancelled: a.status === 'cancelled' || o.cancelled
			})),
			moreDates
		}
	};
};
