import type { PageServerLoad } from './$types';
import { initiativeFor } from '#lib/server/access/initiatives.ts';
import { waitingProposals } from '#lib/server/activities/proposals.ts';
import { hasOccurrences, listOccurrences } from '#lib/server/activities/service.ts';
import { datePath } from '#lib/server/activities/notifications/mails.ts';
import { calendarDay, dayKey, formatDay, formatTime, parseDate, startOfDay } from '#lib/server/activities/time.ts';
import { guarded } from '#lib/server/http/guard.ts';

/** A page shows four weeks of dates, and at most this many; "later" goes on from there. */
const DAYS = 28;
const LIMIT = 100;

export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		const { db, viewer, locale } = event.locals;
		const { initiative, role } = await initiativeFor(db, viewer, { slug: event.params.slug });
		const now = new Date();
		const today = calendarDay(now);
		const asked = parseDate(event.url.searchParams.get('vanaf') ?? '');
		const first = asked ?? today;
		const from = asked ? startOfDay(first) : now;
		const to = startOfDay(first, DAYS);
		const { occurrences, more } = await listOccurrences(db, viewer, initiative.id, { from, to, limit: LIMIT });

		// When the page is full, it ends with the last whole day; "later" starts at the next one.
		let shown = occurrences;
		let next = dayKey(to);
		if (more) {
			const lastDay = dayKey(occurrences.at(-1)!.startsAt);
			const whole = occurrences.filter((o) => dayKey(o.startsAt) !== lastDay);
			if (whole.length) shown = whole;
			next = whole.length ? lastDay : dayKey(startOfDay(calendarDay(occurrences.at(-1)!.startsAt), 1));
		}
		const base = `/initiatieven/${initiative.slug}/activiteiten`;
		const days: Array<{ key: string; label: string; items: Array<(typeof shown)[number] & { time: string; href: string }> }> = [];
		for (const o of shown) {
			const key = dayKey(o.startsAt);
			if (days.at(-1)?.key !== key) days.push({ key, label: formatDay(o.startsAt, locale), items: [] });
			const href = datePath(initiative.slug, o.id, o.series ? o.key : null);
			days.at(-1)!.items.push({ ...o, time: `${formatTime(o.startsAt, locale)}–${formatTime(o.endsAt, locale)}`, href });
		}
		const lastShown = more && shown.length ? shown.at(-1)!.startsAt : new Date(to.getTime() - 1);
		// "Later" only when something comes later: within a year after this page.
		const later = more || (await hasOccurrences(db, viewer, initiative.id, { from: to, to: new Date(to.getTime() + 366 * 86_400_000) }));
		const proposals = await waitingProposals(db, viewer, initiative.id);
		return {
			initiative: { slug: initiative.slug, name: initiative.name, published: initiative.status === 'published' },
			role,
			days,
			period: { from: formatDay(from, locale), to: formatDay(lastShown, locale) },
			next: later ? next : null,
			paged: !!asked,
			proposals: proposals.map((p) => ({ title: p.title, href: `${base}/${p.id}`, when: formatDay(p.startsAt, locale) })),
			declined: event.url.searchParams.has('afgewezen')
		};
	});
