import type { PageServerLoad } from './$types';
import { initiativeFor } from '#lib/server/access/index.ts';
import { listUpcoming } from '#lib/server/activities/service.ts';
import { dayKey, formatDay, formatTime } from '#lib/server/activities/time.ts';
import { guarded } from '#lib/server/http/guard.ts';

const PAGE_SIZE = 50;

export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		const { db, viewer, locale } = event.locals;
		const { initiative, role } = await initiativeFor(db, viewer, { slug: event.params.slug });
		const from = Number(event.url.searchParams.get('vanaf'));
		const offset = Number.isInteger(from) && from > 0 && from < 100_000 ? from : 0;
		const { activities, more } = await listUpcoming(db, viewer, initiative.id, { limit: PAGE_SIZE, offset });

		const days: Array<{ key: string; label: string; activities: Array<(typeof activities)[number] & { time: string }> }> = [];
		for (const a of activities) {
			const key = dayKey(a.startsAt);
			if (days.at(-1)?.key !== key) days.push({ key, label: formatDay(a.startsAt, locale), activities: [] });
			days.at(-1)!.activities.push({ ...a, time: `${formatTime(a.startsAt, locale)}–${formatTime(a.endsAt, locale)}` });
		}
		return {
			initiative: { slug: initiative.slug, name: initiative.name },
			role,
			days,
			next: more ? offset + PAGE_SIZE : null,
			paged: offset > 0
		};
	});
