import { and, asc, eq } from 'drizzle-orm';
import type { PersonalDataPart } from '../personal-data/part.ts';
import { story, storyMute, storyNote, storyRecognition } from './schema.ts';
import { tombstone } from './service.ts';

/**
 * The stories a person wrote, with their pseudonyms and consents, and the
 * notes of recognition passed on to them (without who wrote them); the
 * stories they said "dit herken ik" to and the notes they wrote; their
 * "liever niet zien" list.
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
		const notesReceived = await db
			.select({ story: storyNote.storyId, text: storyNote.text, at: storyNote.decidedAt })
			.from(storyNote)
			.innerJoin(story, eq(story.id, storyNote.storyId))
			.where(and(eq(story.writerId, viewer.userId), eq(storyNote.status, 'delivered')))
			.orderBy(asc(storyNote.decidedAt));
		const notesWritten = await db
			.select({ story: storyNote.storyId, text: storyNote.text, status: storyNote.status, reason: storyNote.reason, at: storyNote.createdAt })
			.from(storyNote)
			.where(eq(storyNote.giverId, viewer.userId))
			.orderBy(asc(storyNote.createdAt));
		const [ratherNotSee] = await db.select({ themes: storyMute.themes, words: storyMute.words }).from(storyMute).where(eq(storyMute.userId, viewer.userId));
		return { written, notesReceived, recognised, notesWritten, ratherNotSee: ratherNotSee ?? null };
	},
	async erase(tx, viewer) {
		await tombstone(tx, eq(story.writerId, viewer.userId), true);
	}
};
