import type { PageServerLoad } from './$types';
import { NotFound } from '#lib/server/access/core.ts';
import { nextOccurrence, occurrenceAt, occurrenceOnDay } from '#lib/server/activities/occurrences.ts';
import { activityInInitiative } from '#lib/server/activities/service.ts';
import { dayKey, formatRange, parseDate } from '#lib/server/activities/time.ts';
import { guarded, uuidParam } from '#lib/server/http/guard.ts';
import { qrSvg } from '#lib/server/share/qr.ts';
import { m } from '#lib/paraglide/messages.js';
import { localizeHref } from '#lib/paraglide/runtime.js';

/** A poster of one activity (for a series: the date asked with `?datum=`, or the next one), for whoever may see it. */
export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		const { db, viewer, locale, origin } = event.locals;
		const { activity: a, initiative } = await activityInInitiative(db, viewer, event.params.slug, uuidParam(event.params.id));
		const asked = event.url.searchParams.get('datum');
		const day = asked === null ? null : parseDate(asked);
		if (asked !== null && !day) throw new NotFound();
		const o = day ? await occurrenceOnDay(db, a, day) : a.rrule ? await nextOccurrence(db, a) : await occurrenceAt(db, a, a.startsAt);
		if (!o) throw new NotFound();
		const page = localizeHref(`/initiatieven/${initiative.slug}/activiteiten/${a.id}${a.rrule ? `?datum=${dayKey(o.key)}` : ''}`);
		const url = `${origin}${page}`;
		return {
			title: a.title,
			lines: [formatRange(o.startsAt, o.endsAt, locale), a.place || m.activity_place_initiative(), initiative.name],
			url,
			qr: await qrSvg(url),
			back: page
		};
	});
