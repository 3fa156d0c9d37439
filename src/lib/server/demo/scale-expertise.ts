/**
 * National-scale expert profiles for the benchmark: 2,000 at scale 1, each a
 * different member, most published, from the demo profiles' words, so the
 * public search meets a realistic mix of themes, regions and text.
 */
import type { Db } from '../db/index.ts';
import { EXPERTISE_AUDIENCES, EXPERTISE_FORMS, EXPERTISE_REGIONS, EXPERTISE_THEMES, expertProfile } from '../expertise/schema.ts';
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
