/**
 * Demo figures that look real: each published initiative has run a weekly
 * group for most of the year, with turnout written down for its past dates;
 * members joined over the year; a few quotes from stories whose writers
 * consented, and a few "wat is er voor mij veranderd" notes.
 */
import type { activity, activityTurnout } from '../activities/schema.ts';
import { buildRule, expand } from '../activities/recurrence.ts';
import type { impactNote, impactQuote } from '../impact/schema.ts';
import type { DemoHome } from './activities.ts';

const DAY = 24 * 3600 * 1000;

const GROUPS = [
	{ title: 'Herstelgroep op dinsdag', kind: 'ontmoeting' as const, theme: 'lotgenotengroep' as const },
	{ title: 'Samen wandelen', kind: 'ontdekking' as const, theme: 'wandelen' as const },
	{ title: 'Werkplaats: samen maken', kind: 'ontplooiing' as const, theme: 'creatief' as const }
];

const NOTES = [
	'Ik kom weer buiten. Op dinsdag heb ik een reden om op te staan.',
	'Ik merk dat ik mijn verhaal kan vertellen zonder me te schamen.',
	'Hier hoef ik niks uit te leggen. Dat geeft rust.',
	'Ik help nu zelf bij de inloop. Dat had ik een jaar geleden niet gedacht.'
];

export interface DemoImpactRows {
	activities: Array<typeof activity.$inferInsert & { id: string }>;
	turnout: Array<typeof activityTurnout.$inferInsert>;
	quotes: Array<typeof impactQuote.$inferInsert>;
	notes: Array<typeof impactNote.$inferInsert>;
}

/** `stories`: the demo's stories, to quote from those whose writers consented. */
export function demoImpact(
	homes: DemoHome[],
	stories: Array<{ id: string; initiativeId: string; body: string; status: string; consentImpact: boolean }>,
	now: Date,
	rand: () => number,
	uuid: () => string
): DemoImpactRows {
	const rows: DemoImpactRows = { activities: [], turnout: [], quotes: [], notes: [] };
	homes.forEach((home, i) => {
		if (!home.members.length) return;
		const group = GROUPS[i % GROUPS.length];
		// Started about ten months ago, ended last week: all its dates are in the past.
		const startsAt = new Date(Math.floor((now.getTime() - 300 * DAY) / DAY) * DAY + 9 * 3600 * 1000);
		const endsAt = new Date(startsAt.getTime() + 2 * 3600 * 1000);
		const last = new Date(now.getTime() - 7 * DAY);
		const end = { year: last.getUTCFullYear(), month: last.getUTCMonth() + 1, day: last.getUTCDate() };
		const rrule = buildRule('weekly', startsAt, { kind: 'until', date: end });
		const id = uuid();
		const dates = expand({ startsAt, endsAt, rrule }, startsAt, now, 400);
		rows.activities.push({
			id,
			initiativeId: home.id,
			title: group.title,
			description: 'Elke week samen. Je mag gewoon binnenlopen.',
			kind: group.kind,
			theme: group.theme,
			startsAt,
			endsAt,
			rrule,
			seriesEndsAt: dates.at(-1)?.end ?? endsAt,
			visibility: 'members',
			createdBy: home.members[0]
		});
		const big = i < 2;
		for (const date of dates) {
			// Hosts forget now and then.
			if (rand() < 0.1) continue;
			rows.turnout.push({ activityId: id, occurrenceStart: date.start, people: (big ? 8 : 4) + Math.floor(rand() * (big ? 10 : 6)), recordedBy: home.coordinator });
		}
		if (i < 2) {
			home.members.slice(1, 3).forEach((userId, k) => rows.notes.push({ id: uuid(), initiativeId: home.id, userId, body: NOTES[(i * 2 + k) % NOTES.length] }));
		}
	});
	for (const s of stories) {
		if (!s.consentImpact || s.status !== 'published') continue;
		const sentence = s.body.split(/(?<=[.!?])\s+/)[0].slice(0, 300);
		if (sentence) rows.quotes.push({ id: uuid(), initiativeId: s.initiativeId, storyId: s.id, body: sentence });
	}
	return rows;
}

/** When a demo member joined: spread over the past year, so the figures show growth. */
export function demoJoinedAt(now: Date, rand: () => number): Date {
	return new Date(now.getTime() - Math.floor(rand() * 330) * DAY - 3600 * 1000);
}
