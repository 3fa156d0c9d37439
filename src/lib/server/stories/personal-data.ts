import { asc, eq } from 'drizzle-orm';
import type { PersonalDataPart } from '../personal-data/part.ts';
import { story, storyMute, storyRecognition } from './schema.ts';
import { tombstone } from './service.ts';

/**
 * The stories a person wrote, with their pseudonyms and consents; the
 * stories they said "dit herken ik" to; their "liever niet zien" list.
 * Deleting the account empties the stories; their tombstones stay, without
 * the link to the writer.
 */
export const storiesPersonalData: PersonalDataPart = {
	key: 'stories',
	async collect(db, viewer) {
		const written = await db
			.select({
				title: story.title,
				text: story.body,
				pseudonym: story.pseudonym,
				themes: story.themes,
				diagnosis: story.diagnosis,
				warnings: story.warnings,
				ownWarning: story.ownWarning,
				visibility: story.visibility,
				status: story.status,
				visibleUntil: story.visibleUntil,
				consentImpactReport: story.consentImpact,
				consentTraining: story.consentTraining,
				createdAt: story.createdAt,
				publishedAt: story.publishedAt,
				withdrawnAt: story.withdrawnAt
			})
			.from(story)
			.where(eq(story.writerId, viewer.userId))
			.orderBy(asc(story.createdAt));
		const recognised = await db
			.select({ story: storyRecognition.storyId, at: storyRecognition.createdAt })
			.from(storyRecognition)
			.where(eq(storyRecognition.userId, viewer.userId))
			.orderBy(asc(storyRecognition.createdAt));
		const [ratherNotSee] = await db.select({ themes: storyMute.themes, words: storyMute.words }).from(storyMute).where(eq(storyMute.userId, viewer.userId));
		return { written, recognised, ratherNotSee: ratherNotSee ?? null };
	},
	async erase(tx, viewer) {
		await tombstone(tx, eq(story.writerId, viewer.userId), true);
	}
};
