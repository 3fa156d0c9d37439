/**
 * National-scale ervaringsverhalen for the benchmark: 20,000 stories at
 * scale 1, a mix of visibility levels and states, from the demo stories'
 * paragraphs, so search meets a realistic vocabulary.
 */
import { STORY_THEMES, STORY_WARNINGS, story } from '../stories/schema.ts';
import { searchVector } from '../stories/search.ts';
import type { Db } from '../db/index.ts';
import { PSEUDONYMS } from './content.ts';
import { CLOSINGS, STORIES } from './stories.ts';
import { insertAll, sample, uuidFrom, weighted } from './scale-tools.ts';

const DAY = 86_400_000;

export interface ScaleStoriesInput {
	rand: () => number;
	scale: number;
	now: Date;
	initiatives: Array<{ id: string; size: number }>;
	membersOf: Map<string, string[]>;
}

export async function generateScaleStories(tx: Db, input: ScaleStoriesInput): Promise<{ count: number; publicStory: string }> {
	const { rand, scale, now, membersOf } = input;
	const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
	const nStories = Math.max(20, Math.round(20_000 * scale));
	const byShare = weighted(input.initiatives, (i) => Math.pow(i.size, 0.7));
	// Rows as inserted: `search` is an SQL expression (computed by the database from the text).
	const rows: object[] = [];
	let publicStory = '';
	for (let n = 0; n < nStories; n++) {
		const home = byShare(rand);
		const source = pick(STORIES);
		const x = rand();
		const status = x < 0.85 ? 'published' : x < 0.9 ? 'review' : x < 0.97 ? 'draft' : 'withdrawn';
		const v = rand();
		const visibility = v < 0.3 ? 'public' : v < 0.55 ? 'network' : v < 0.9 ? 'initiative' : 'link';
		const createdAt = new Date(now.getTime() - Math.floor(rand() * 3 * 365) * DAY);
		const id = uuidFrom(rand);
		const linkToken = `${uuidFrom(rand)}${uuidFrom(rand)}`.replaceAll('-', '');
		const withdrawn = status === 'withdrawn';
		const themes = withdrawn ? [] : sample([...STORY_THEMES], 1 + Math.floor(rand() * 3), rand);
		const body = withdrawn ? '' : `${source.opening}\n\n${sample(CLOSINGS, 1 + Math.floor(rand() * 3), rand).join('\n\n')}`;
		const title = withdrawn ? '' : source.title;
		if (!publicStory && status === 'published' && visibility === 'public') publicStory = id;
		rows.push({
			id,
			writerId: pick(membersOf.get(home.id)!),
			initiativeId: home.id,
			title,
			body,
			themes,
			warnings: !withdrawn && rand() < 0.15 ? [pick(STORY_WARNINGS)] : [],
			pseudonym: !withdrawn && rand() < 0.3 ? pick(PSEUDONYMS) : '',
			visibility,
			indexable: visibility === 'public' && rand() < 0.5,
			status,
			linkToken,
			search: searchVector({ title, themes, body }),
			publishedAt: status === 'published' ? createdAt : null,
			withdrawnAt: withdrawn ? createdAt : null,
			createdAt,
			updatedAt: createdAt
		});
	}
	await insertAll(tx, story, rows, 500);
	return { count: rows.length, publicStory };
}
