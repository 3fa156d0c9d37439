/**
 * National-scale expert profiles for the benchmark: 2,000 at scale 1, each a
 * different member, most published, from the demo profiles' words, so the
 * public search meets a realistic mix of themes, regions and text; and
 * 20,000 organisations' requests to the pool over three years, in every
 * status, for the coordinators' queue and the overview.
 */
import type { Db } from '../db/index.ts';
import { EXPERTISE_AUDIENCES, EXPERTISE_FORMS, EXPERTISE_REGIONS, EXPERTISE_THEMES, expertProfile, FEE_KINDS, poolRequest, REQUEST_SECTORS, REQUEST_STATUSES } from '../expertise/schema.ts';
import { outsideRequest } from '../outside/schema.ts';
import { searchVector } from '../expertise/search.ts';
import { PSEUDONYMS } from './content.ts';
import { EXPERTS } from './expertise.ts';
import { insertAll, sample, uuidFrom } from './scale-tools.ts';

const DAY = 86_400_000;

export interface ScaleExpertiseInput {
	rand: () => number;
	scale: number;
	now: Date;
	membersOf: Map<string, string[]>;
	nameOf: (userId: string) => string;
}

export async function generateScaleExpertise(tx: Db, input: ScaleExpertiseInput): Promise<{ count: number; publishedExpert: string }> {
	const { rand, scale, now, nameOf } = input;
	const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
	const nExperts = Math.max(20, Math.round(2_000 * scale));
	// Different people: walk the initiatives' members, one expert in every so many members.
	const people = [...new Set([...input.membersOf.values()].flat())];
	const step = Math.max(1, Math.floor(people.length / nExperts));
	const rows: object[] = [];
	let publishedExpert = '';
	for (let n = 0; n < nExperts && n * step < people.length; n++) {
		const userId = people[n * step];
		const source = pick(EXPERTS.filter((e) => e.introduction));
		const id = uuidFrom(rand);
		const published = rand() < 0.85;
		const pseudonym = rand() < 0.3 ? pick(PSEUDONYMS) : '';
		const text = {
			themes: sample([...EXPERTISE_THEMES], 1 + Math.floor(rand() * 4), rand),
			ownThemes: rand() < 0.2 ? (source.ownThemes ?? '') : '',
			audiences: sample([...EXPERTISE_AUDIENCES], 1 + Math.floor(rand() * 3), rand),
			forms: sample([...EXPERTISE_FORMS], 1 + Math.floor(rand() * 3), rand),
			regions: sample([...EXPERTISE_REGIONS], 1 + Math.floor(rand() * 2), rand),
			online: rand() < 0.5,
			availability: source.availability,
			languages: source.languages,
			training: source.training ?? '',
			introduction: source.introduction,
			rates: source.rates ?? '',
			notAbout: source.notAbout ?? '',
			pseudonym
		};
		const createdAt = new Date(now.getTime() - Math.floor(rand() * 2 * 365) * DAY);
		if (!publishedExpert && published) publishedExpert = id;
		rows.push({ id, userId, ...text, search: searchVector({ ...text, name: pseudonym || nameOf(userId) }), publishedAt: published ? createdAt : null, createdAt, updatedAt: createdAt });
	}
	await insertAll(tx, expertProfile, rows, 500);
	return { count: rows.length, publishedExpert };
}

const ORGANISATIONS = ['Gemeente', 'GGZ-instelling', 'Hogeschool', 'ROC', 'Wijkteam', 'Werkgever', 'Huisartsenpraktijk', 'Welzijnsorganisatie'];
const GOALS = [
	'Een gastles voor studenten over herstel en wat ervaringskennis toevoegt.',
	'Meedenken over ons nieuwe beleid voor inloop en dagbesteding.',
	'Een training voor ons team: hoe praat je met iemand die in een crisis zit?',
	'Een lezing op onze themamiddag over eenzaamheid.',
	'Een panel voor de raad: wat hebben mensen nodig na een opname?'
];

/** The organisations' requests to the pool at national scale: outside requests, confirmed, spread over three years and every status. */
export async function generateScalePoolRequests(tx: Db, input: { rand: () => number; scale: number; now: Date; initiativeIds: string[] }): Promise<number> {
	const { rand, scale, now } = input;
	const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
	const n = Math.max(20, Math.round(20_000 * scale));
	const outside: object[] = [];
	const requests: object[] = [];
	for (let i = 0; i < n; i++) {
		const id = uuidFrom(rand);
		// The first few are recent, one in each status; the rest spread over three years.
		const first = i < REQUEST_STATUSES.length;
		const createdAt = new Date(now.getTime() - (first ? 5 + i : Math.floor(rand() * 3 * 365)) * DAY);
		const day = new Date(createdAt.getTime() + (14 + Math.floor(rand() * 60)) * DAY);
		// Old requests are done; recent ones anywhere on the way.
		const old = day.getTime() < now.getTime() - 30 * DAY;
		const status = first ? REQUEST_STATUSES[i] : old ? (rand() < 0.85 ? 'afgerond' : 'geannuleerd') : pick(REQUEST_STATUSES);
		const closed = status === 'afgerond' || status === 'geannuleerd';
		const closedAt = closed ? new Date(Math.min(now.getTime(), day.getTime() + 7 * DAY)) : null;
		const forgotten = closedAt !== null && closedAt.getTime() < now.getTime() - 90 * DAY;
		outside.push({
			id,
			kind: 'pool-request',
			email: forgotten ? null : `contact${i}@organisatie.example`,
			tokenHash: forgotten ? null : uuidFrom(rand).replaceAll('-', '') + uuidFrom(rand).replaceAll('-', ''),
			createdAt,
			confirmedAt: new Date(createdAt.getTime() + 3_600_000),
			closedAt,
			expiresAt: closedAt ? new Date(closedAt.getTime() + 90 * DAY) : null,
			forgottenAt: forgotten ? closedAt : null
		});
		const kind = pick(ORGANISATIONS);
		requests.push({
			id,
			initiativeId: rand() < 0.2 ? pick(input.initiativeIds) : null,
			sector: pick(REQUEST_SECTORS),
			form: pick(EXPERTISE_FORMS),
			themes: sample([...EXPERTISE_THEMES], 1 + Math.floor(rand() * 3), rand),
			organisation: forgotten ? null : `${kind} ${i % 500}`,
			contactName: forgotten ? null : `Contactpersoon ${i % 997}`,
			goal: forgotten ? null : pick(GOALS),
			audience: forgotten ? null : 'Medewerkers en studenten',
			audienceSize: 10 + Math.floor(rand() * 90),
			day: day.toISOString().slice(0, 10),
			duration: '2 uur',
			online: rand() < 0.3,
			feeKind: pick(FEE_KINDS),
			feeCents: (50 + Math.floor(rand() * 20) * 10) * 100,
			status,
			firstAnswerAt: status === 'nieuw' ? null : new Date(createdAt.getTime() + (1 + Math.floor(rand() * 5)) * DAY),
			cancelledAt: status === 'geannuleerd' ? closedAt : null
		});
	}
	await insertAll(tx, outsideRequest, outside, 2000);
	await insertAll(tx, poolRequest, requests, 1000);
	return n;
}
