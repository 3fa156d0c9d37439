import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { dateFormat } from '#lib/labels/intl.ts';
import { requireCoordinator } from '#lib/server/access/initiatives.ts';
import { turnoutForm } from '#lib/server/activities/forms.ts';
import { calendarDay, formatDay, formatTime, parseDate, startOfDay, ZONE } from '#lib/server/activities/time.ts';
import { recordTurnout, turnoutOverview } from '#lib/server/activities/turnout.ts';
import { formValues, parseForm, readForm, t, unreadableForm } from '#lib/server/http/forms.ts';
import { guarded, uuidParam } from '#lib/server/http/guard.ts';

/** `maand=2026-11`; anything else (or nothing) is the present month. */
function monthOf(param: string | null, now: Date): { year: number; month: number } {
	const first = /^\d{4}-\d{2}$/.test(param ?? '') ? parseDate(`${param}-01`) : null;
	return first ?? calendarDay(now);
}
const monthKey = (m: { year: number; month: number }) => `${m.year}-${String(m.month).padStart(2, '0')}`;
const shift = (m: { year: number; month: number }, by: number) => {
	const n = m.year * 12 + (m.month - 1) + by;
	return { year: Math.floor(n / 12), month: (n % 12) + 1 };
};

/** Turnout per date of one month, and the year's totals per month: for coordinators. */
export const load: PageServerLoad = (event) =>
	guarded(event, async () => {
		const { db, viewer, locale } = event.locals;
		const { initiative } = await requireCoordinator(db, viewer, { slug: event.params.slug });
		const now = new Date();
		const month = monthOf(event.url.searchParams.get('maand'), now);
		const from = startOfDay({ ...month, day: 1 });
		const to = startOfDay({ ...shift(month, 1), day: 1 });
		const overview = await turnoutOverview(db, viewer, initiative.id, { from, to }, now);
		const monthName = (m: { year: number; month: number }) =>
			dateFormat(locale, { timeZone: ZONE, month: 'long', year: 'numeric' }).format(startOfDay({ ...m, day: 15 }));
		return {
			initiative: { slug: initiative.slug, name: initiative.name },
			month: { key: monthKey(month), label: monthName(month), previous: monthKey(shift(month, -1)), next: to <= now ? monthKey(shift(month, 1)) : null },
			dates: overview.dates.map((o) => ({
				activityId: o.id,
				key: o.key.toISOString(),
				title: o.title,
				when: `${formatDay(o.startsAt, locale)}, ${formatTime(o.startsAt, locale)}`,
				people: o.people
			})),
			months: overview.months.map((r) => {
				const [year, month] = r.month.split('-').map(Number);
				return { ...r, label: monthName({ year, month }) };
			})
		};
	});

export const actions: Actions = {
	default: (event) =>
		guarded(event, async () => {
			const { db, viewer } = event.locals;
			await requireCoordinator(db, viewer, { slug: event.params.slug });
			const form = await readForm(event.request);
			if (!form) return unreadableForm();
			const activityId = uuidParam(String(form.get('activityId') ?? ''));
			const key = new Date(String(form.get('key') ?? ''));
			const row = `${activityId}/${form.get('key')}`;
			if (Number.isNaN(key.getTime())) return fail(400, { row, errors: { people: t('form_error_invalid') }, values: formValues(form) });
			const parsed = parseForm(turnoutForm, form);
			if (!parsed.ok) return fail(400, { row, ...parsed.failure.data });
			const result = await recordTurnout(db, viewer, activityId, key, parsed.data.people);
			if (!result.ok) return fail(400, { row, errors: { people: t(`activity_error_${result.error}`) }, values: formValues(form) });
			return { saved: row };
		})
};
