import type { outsideRequest } from '../outside/schema.ts';
import type { ExpertiseForm, ExpertiseTheme, poolProposal, poolRequest, poolRequestMessage, RequestSector, RequestStatus } from '../expertise/schema.ts';

/*
 * Demo requests to the expertise pool, one in every status, with questions
 * back and forth. The demo links are not usable: no token is made.
 */

const DAY = 24 * 3_600_000;

interface DemoRequest {
	organisation: string;
	contact: string;
	sector: RequestSector;
	form: ExpertiseForm;
	themes: ExpertiseTheme[];
	goal: string;
	audience: string;
	status: RequestStatus;
	/** Days from now of the work (negative: past). */
	inDays: number;
	online?: boolean;
	volunteer?: boolean;
	experts?: number;
	thread: Array<['organisation' | 'coordinator', string]>;
	feedback?: string;
}

const REQUESTS: DemoRequest[] = [
	{ organisation: 'Hogeschool Windesheim', contact: 'Marieke de Boer', sector: 'onderwijs', form: 'gastles', themes: ['herstel', 'stigma'], goal: 'Studenten verpleegkunde horen van binnenuit hoe herstel gaat, en wat een hulpverlener dan wel en niet helpt.', audience: 'Tweedejaars verpleegkunde', status: 'nieuw', inDays: 40, thread: [] },
	{ organisation: 'Gemeente Deventer', contact: 'Ruud Hendriks', sector: 'gemeente', form: 'beleid', themes: ['wonen', 'eenzaamheid'], goal: 'Meedenken over het nieuwe beleid voor beschermd wonen in de wijk.', audience: 'Beleidsmedewerkers sociaal domein', status: 'in_behandeling', inDays: 25, thread: [['coordinator', 'Dank voor uw aanvraag. Hoe lang duurt de bijeenkomst ongeveer, en is er een pauze?'], ['organisation', 'Twee uur, met een pauze halverwege. Koffie staat klaar.']] },
	{ organisation: 'GGZ Centraal', contact: 'Sandra Visser', sector: 'ggz', form: 'training', themes: ['dwang-en-opname', 'herstel'], goal: 'Een training voor teams over herstelgericht werken na een opname.', audience: 'Verpleegkundigen en begeleiders', status: 'voorgesteld', inDays: 18, volunteer: true, thread: [['coordinator', 'We hebben twee ervaringsdeskundigen gevraagd. U hoort snel meer.']] },
	{ organisation: 'Wijkteam Zuid', contact: 'Ilse Bakker', sector: 'wijkteam', form: 'lezing', themes: ['geld-en-schulden'], goal: 'Een teamochtend over schulden en schaamte: wat maakt dat mensen niet om hulp vragen?', audience: 'Het wijkteam', status: 'afgesproken', inDays: 9, thread: [['organisation', 'Is het goed als we de lezing opnemen voor collega\'s die er niet zijn?'], ['coordinator', 'Liever niet. Dat staat nu ook zo op de afsprakenkaart.']] },
	{ organisation: 'Bouwbedrijf Van Dijk', contact: 'Peter van Dijk', sector: 'werkgever', form: 'advies', themes: ['werk-en-meedoen'], goal: 'Advies over hoe we collega\'s die uitvallen goed kunnen laten terugkomen.', audience: 'Leidinggevenden', status: 'uitgevoerd', inDays: -3, online: true, experts: 1, thread: [], feedback: 'Heel open en praktisch. We gaan de terugkeergesprekken anders voeren.' },
	{ organisation: 'ROC Midden', contact: 'Noor El Idrissi', sector: 'onderwijs', form: 'panel', themes: ['jongeren', 'angst'], goal: 'Een panelgesprek met studenten over stress en hulp zoeken.', audience: 'Studenten zorg en welzijn', status: 'afgerond', inDays: -30, thread: [['coordinator', 'Hoeveel studenten verwacht u?'], ['organisation', 'Ongeveer zestig.']], feedback: 'De studenten stelden vragen die ze anders nooit zouden stellen. Dank jullie wel.' },
	{ organisation: 'Huisartsenpraktijk De Linde', contact: 'Dokter Yilmaz', sector: 'zorg-en-welzijn', form: 'interview', themes: ['somberheid'], goal: 'Een interview voor de nieuwsbrief van de praktijk.', audience: 'Patiënten van de praktijk', status: 'geannuleerd', inDays: 12, thread: [['organisation', 'Helaas gaat de nieuwsbrief niet door. Sorry voor de moeite.']] }
];

const STAGE: Record<RequestStatus, number> = { nieuw: 0, in_behandeling: 1, voorgesteld: 2, afgesproken: 3, uitgevoerd: 4, afgerond: 5, geannuleerd: 1 };

/** The rows, with ids made by `uuid`; `profileIds` are published demo profiles to propose, `coordinator` the pool coordinator. */
export function demoPoolRequests(profileIds: string[], coordinator: string, now: Date, uuid: () => string) {
	const requests: Array<typeof outsideRequest.$inferInsert> = [];
	const rows: Array<typeof poolRequest.$inferInsert> = [];
	const messages: Array<typeof poolRequestMessage.$inferInsert> = [];
	const proposals: Array<typeof poolProposal.$inferInsert> = [];
	if (profileIds.length < 2) return { requests, rows, messages, proposals };
	REQUESTS.forEach((demo, i) => {
		const id = uuid();
		const stage = STAGE[demo.status];
		const receivedAt = new Date(now.getTime() - (stage + 2) * 3 * DAY);
		const at = (n: number) => new Date(receivedAt.getTime() + n * DAY);
		const closed = demo.status === 'afgerond' || demo.status === 'geannuleerd' ? at(stage + 1) : null;
		const experts = demo.experts ?? 2;
		requests.push({ id, kind: 'pool-request', email: `${demo.contact.toLowerCase().replace(/[^a-z]+/g, '.')}@organisatie.example`, locale: 'nl', createdAt: receivedAt, confirmedAt: receivedAt, closedAt: closed, expiresAt: closed && new Date(closed.getTime() + 90 * DAY) });
		rows.push({
			id,
			sector: demo.sector,
			form: demo.form,
			themes: demo.themes,
			organisation: demo.organisation,
			contactName: demo.contact,
			goal: demo.goal,
			audience: demo.audience,
			audienceSize: 20 + i * 5,
			day: new Date(now.getTime() + demo.inDays * DAY).toISOString().slice(0, 10),
			startTime: '13:30',
			duration: '2 uur',
			online: demo.online ?? false,
			place: demo.online ? null : `${demo.organisation}, grote zaal`,
			accessibility: demo.online ? null : 'Gelijkvloers, een stille ruimte om even bij te komen.',
			feeKind: demo.volunteer ? 'vrijwilligersvergoeding' : 'honorarium',
			feeCents: demo.volunteer ? 4000 : 17500,
			recording: false,
			storyUse: 'Wat verteld wordt, blijft in de zaal.',
			aftercare: 'Een nagesprek met de contactpersoon, en een rustige plek na afloop.',
			experts,
			status: demo.status,
			version: stage,
			firstAnswerAt: stage > 0 ? at(1) : null,
			cancelledAt: demo.status === 'geannuleerd' ? closed : null,
			...(stage >= 3 && demo.status !== 'geannuleerd'
				? { cardRoles: 'De een vertelt het eigen verhaal, de ander beantwoordt vragen.', cardAsk: 'Wat hielp, wat niet, en wat je als professional kunt doen.', cardNotAsk: 'Geen vragen over diagnoses of medicijnen.', cardWrittenAt: at(2), orgConfirmedAt: at(2) }
				: {}),
			feedback: demo.feedback ?? null,
			feedbackAt: demo.feedback ? at(stage + 1) : null
		});
		demo.thread.forEach(([author, body], n) => messages.push({ requestId: id, author, authorId: author === 'coordinator' ? coordinator : null, body, createdAt: new Date(receivedAt.getTime() + (n + 1) * 3_600_000) }));
		if (stage >= 2 && demo.status !== 'geannuleerd') {
			for (let k = 0; k < experts; k++) {
				const agreed = stage >= 3;
				proposals.push({
					requestId: id,
					profileId: profileIds[(i + k) % profileIds.length],
					answer: agreed || k === 0 ? 'accepted' : 'open',
					proposedAt: at(1),
					answeredAt: agreed || k === 0 ? at(1.5) : null,
					cardConfirmedAt: agreed ? at(2) : null,
					checkIn: stage >= 4 && k === 0 ? 'Spannend vooraf, maar ik ging met een goed gevoel naar huis.' : null
				});
			}
		}
	});
	return { requests, rows, messages, proposals };
}
