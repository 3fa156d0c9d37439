import type { exchangePost } from '../exchange/schema.ts';
import type { houseRule, moderationLog, report } from '../moderation/schema.ts';
import type { DemoHome } from './activities.ts';

/*
 * Demo moderation: the afspraken of the first two initiatives, and one report
 * that a coordinator looked at and closed without action, with the reason in
 * the log.
 */

const AFSPRAKEN: string[][] = [
	['We laten elkaar uitpraten.', 'Wat iemand hier vertelt, blijft hier.', 'Je mag altijd even pauze nemen of weggaan.', 'We geven geen advies over medicijnen.'],
	['We zijn op tijd, of laten het even weten.', 'Iedereen is welkom, hoe het ook met je gaat.', 'We praten over onszelf, niet over anderen die er niet zijn.']
];

/** The rows, with ids made by `uuid`; `posts` are the demo posts (demo/exchange.ts). */
export function demoModeration(homes: DemoHome[], posts: Array<typeof exchangePost.$inferInsert>, now: Date, uuid: () => string) {
	const rules: Array<typeof houseRule.$inferInsert> = homes.slice(0, 2).flatMap((home, i) => AFSPRAKEN[i].map((text, position) => ({ initiativeId: home.id, text, position })));
	const reports: Array<typeof report.$inferInsert> = [];
	const log: Array<typeof moderationLog.$inferInsert> = [];
	const about = posts.find((p) => p.title === 'Uitleg over je telefoon');
	const home = about && homes.find((h) => h.id === about.initiativeId);
	const reporter = home?.members.find((m) => m !== about!.createdBy && m !== home.coordinator);
	if (!about || !home || !reporter) return { rules, reports, log };
	const madeAt = new Date(now.getTime() - 20 * 3_600_000);
	const handledAt = new Date(now.getTime() - 6 * 3_600_000);
	const id = uuid();
	reports.push({
		id,
		initiativeId: home.id,
		reporterId: reporter,
		subjectKind: 'post',
		subjectId: about.id!,
		subjectUserId: about.createdBy,
		rule: 'advertising',
		whatHappened: 'Ik weet niet zeker of dit reclame is. Vraagt deze persoon geld voor de uitleg?',
		createdAt: madeAt,
		handledAt,
		outcome: 'close'
	});
	log.push({
		initiativeId: home.id,
		reportId: id,
		actorId: home.coordinator,
		action: 'close',
		subjectKind: 'post',
		subjectUserId: about.createdBy,
		reason: 'Nagevraagd: het is gratis hulp van een lid, geen reclame. Goed dat het gemeld is.',
		createdAt: handledAt
	});
	return { rules, reports, log };
}
