/**
 * Demo activities: each initiative gets activities that fit its themes —
 * mostly weekly series that started a few weeks ago, some every other week or
 * monthly, a few one-offs — around the day the demo is made. Most are free,
 * some cost €1–€5, a few are online. Some dates have sign-ups, one is full,
 * a date is cancelled here and there. Deterministic for a seed and a day.
 */
import type { activity, activityException, activitySignup } from '../activities/schema.ts';
import { buildRule, expand } from '../activities/recurrence.ts';
import { amsterdamMoment } from '../activities/time.ts';
import type { Theme } from '../initiatives/schema.ts';
import { DEMO_ACTIVITIES, type DemoActivity } from './activity-content.ts';

const DAY = 24 * 3600 * 1000;

export interface DemoHome {
	id: string;
	slug: string;
	themes: Theme[];
	coordinator: string;
	members: string[];
}

export interface DemoActivityRows {
	activities: Array<typeof activity.$inferInsert & { id: string }>;
	exceptions: Array<typeof activityException.$inferInsert>;
	signups: Array<typeof activitySignup.$inferInsert>;
}

function addDays(date: string, days: number): { year: number; month: number; day: number } {
	const d = new Date(Date.parse(`${date}T12:00:00Z`) + days * DAY);
	return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** The rows for the demo's activities; `today` is the demo's day in Amsterdam (`2026-12-01`). */
export function demoActivities(homes: DemoHome[], today: string, now: Date, rand: () => number, uuid: () => string): DemoActivityRows {
	const rows: DemoActivityRows = { activities: [], exceptions: [], signups: [] };
	homes.forEach((home, i) => {
		const chosen: DemoActivity[] = [];
		home.themes.forEach((theme, j) => {
			const [first, second] = DEMO_ACTIVITIES[theme];
			chosen.push(first);
			if (second && (i + j) % 3 === 0) chosen.push(second);
		});
		chosen.forEach((template, k) => {
			const theme = home.themes.find((t) => DEMO_ACTIVITIES[t].includes(template))!;
			// Spread over the week; a series began weeks ago, a one-off is still to come.
			const offset = (i * 3 + k * 2) % 7;
			const back = template.repeat === 'once' ? -(7 + 7 * ((i + k) % 3)) : template.repeat === 'monthly' ? 56 : 21;
			const [hour, minute] = template.time.split(':').map(Number);
			const startsAt = amsterdamMoment(addDays(today, offset - back), { hour, minute })!;
			const endsAt = new Date(startsAt.getTime() + template.minutes * 60_000);
			const rrule = template.repeat === 'once' ? null : buildRule(template.repeat, startsAt, { kind: 'never' });
			const row = {
				id: uuid(),
				initiativeId: home.id,
				title: template.title,
				description: template.description,
				kind: template.kind,
				theme,
				startsAt,
				endsAt,
				rrule,
				place: template.place ?? '',
				onlineUrl: template.online ? `https://video.example.nl/${home.slug}-${k + 1}` : null,
				costCents: template.costCents ?? 0,
				bring: template.bring ?? '',
				accessibility: template.accessibility ?? [],
				capacity: template.capacity ?? null,
				visibility: template.visibility ?? 'public',
				// Now and then an activity does not go ahead.
				status: template.repeat === 'once' && i % 5 === 4 ? ('cancelled' as const) : ('published' as const),
				createdBy: k % 2 === 1 && home.members.length ? home.members[(i + k) % home.members.length] : home.coordinator
			};
			rows.activities.push(row);

			const coming = expand(row, now, new Date(now.getTime() + 28 * DAY), 4);
			// Every third initiative skips a date of its first series (a holiday, a closed building).
			if (rrule && k === 0 && i % 3 === 0 && coming[2]) rows.exceptions.push({ activityId: row.id, occurrenceStart: coming[2].start, status: 'cancelled' });
			if (row.capacity === null) return;
			// People signed up for the coming dates; the first date of the first limited activity is full.
			coming.slice(0, 3).forEach((date, n) => {
				const full = n === 0 && rows.signups.length === 0;
				const count = full ? row.capacity! : Math.floor(rand() * Math.min(row.capacity!, home.members.length + 1));
				const people = [home.coordinator, ...home.members].slice(0, Math.min(count, home.members.length + 1));
				for (const userId of people) rows.signups.push({ activityId: row.id, occurrenceStart: date.start, userId, status: 'confirmed' });
			});
		});
	});
	return rows;
}
