import type { handover, handoverStep, Sector, Step } from '../handover/schema.ts';
import type { outsideRequest } from '../outside/schema.ts';
import type { DemoHome } from './activities.ts';

/*
 * Demo handovers (warme overdracht) for the first initiative: one new, one
 * picked up, one in touch, one asked directly, and two closed (doet mee, wil
 * nu niet). The demo links are not usable: no token is made.
 */

const DAY = 24 * 3_600_000;

interface DemoHandover {
	sector: Sector | null;
	referrer?: [string, string];
	person: string;
	reach: 'phone' | 'email' | 'self';
	words: string;
	steps: Step[];
	daysAgo: number;
	closed?: boolean;
	share?: boolean;
}

const HANDOVERS: DemoHandover[] = [
	{ sector: 'huisarts', referrer: ['Dokter Yilmaz', 'Huisartsenpraktijk De Linde'], person: 'Sanne', reach: 'phone', words: 'Ze is veel alleen sinds haar verhuizing en zoekt mensen om mee te wandelen.', steps: ['new'], daysAgo: 1, share: true },
	{ sector: 'poh-ggz', referrer: ['Marloes de Wit', 'Gezondheidscentrum Oost'], person: 'Ahmed', reach: 'email', words: 'Hij wil graag iets doen met zijn handen. Koken of klussen misschien.', steps: ['new', 'taken'], daysAgo: 4, share: true },
	{ sector: 'wijkteam', referrer: ['Joost Bakker', 'Wijkteam Centrum'], person: 'Ria', reach: 'self', words: 'Komt zelf een keer langs bij de inloop, liefst op een rustig moment.', steps: ['new', 'taken', 'contact', 'visiting'], daysAgo: 9 },
	{ sector: null, person: 'Kees', reach: 'phone', words: 'Ik zou graag eens komen kijken, maar vind het spannend om alleen te gaan.', steps: ['new', 'taken', 'contact'], daysAgo: 6 },
	{ sector: 'ggz', referrer: ['Fatima El Amrani', 'GGZ-team Noord'], person: 'Lotte', reach: 'phone', words: 'Zoekt lotgenoten na een opname.', steps: ['new', 'taken', 'contact', 'visiting', 'joined'], daysAgo: 30, closed: true, share: true },
	{ sector: 'sociaal-werk', referrer: ['Henk Visser', 'Sociaal Werk De Brug'], person: 'Wim', reach: 'phone', words: '', steps: ['new', 'taken', 'not_now'], daysAgo: 21, closed: true }
];

/** The rows, with ids made by `uuid`. */
export function demoHandovers(homes: DemoHome[], now: Date, uuid: () => string) {
	const requests: Array<typeof outsideRequest.$inferInsert> = [];
	const handovers: Array<typeof handover.$inferInsert> = [];
	const steps: Array<typeof handoverStep.$inferInsert> = [];
	const home = homes[0];
	if (!home) return { requests, handovers, steps };
	for (const demo of HANDOVERS) {
		const id = uuid();
		const at = (n: number) => new Date(now.getTime() - demo.daysAgo * DAY + n * 2 * DAY);
		const last = demo.steps.length - 1;
		const closedAt = demo.closed ? at(last + 1) : null;
		const email = demo.referrer ? `${demo.referrer[0].toLowerCase().replace(/[^a-z]+/g, '.')}@praktijk.example` : `${demo.person.toLowerCase()}@thuis.example`;
		requests.push({ id, kind: 'handover', targetId: home.id, email, locale: 'nl', createdAt: at(0), confirmedAt: at(0), closedAt, expiresAt: closedAt && new Date(closedAt.getTime() + 90 * DAY) });
		handovers.push({
			id,
			initiativeId: home.id,
			source: demo.sector ? 'professional' : 'self',
			sector: demo.sector,
			referrerName: demo.referrer?.[0] ?? null,
			organisation: demo.referrer?.[1] ?? null,
			personName: demo.person,
			reach: demo.reach,
			phone: demo.reach === 'phone' ? '06 ' + String(10_000_000 + handovers.length * 1_234_567).slice(0, 8) : null,
			personEmail: demo.reach === 'email' ? `${demo.person.toLowerCase()}@thuis.example` : null,
			lookingFor: demo.words || null,
			shareStep: demo.share ?? false,
			step: demo.steps[last],
			takenBy: last > 0 ? home.coordinator : null,
			takenAt: last > 0 ? at(1) : null,
			stepAt: at(last)
		});
		demo.steps.forEach((step, n) => steps.push({ handoverId: id, step, at: at(n) }));
	}
	return { requests, handovers, steps };
}
