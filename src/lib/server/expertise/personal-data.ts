import { eq } from 'drizzle-orm';
import { profileContent } from '../access/expertise.ts';
import type { PersonalDataPart } from '../personal-data/part.ts';
import { expertProfile, poolCoordinator } from './schema.ts';

/**
 * The expert profile with everything in it ("hier praat ik niet over"
 * included) and the person's pool coordinator tasks. Both go with the
 * account (`on delete cascade`).
 */
export const expertisePersonalData: PersonalDataPart = {
	key: 'expertise',
	async collect(db, viewer) {
		const [profile] = await db
			.select({
				pseudonym: expertProfile.pseudonym,
				...profileContent,
				notAbout: expertProfile.notAbout,
				publishedAt: expertProfile.publishedAt,
				createdAt: expertProfile.createdAt,
				updatedAt: expertProfile.updatedAt
			})
			.from(expertProfile)
			.where(eq(expertProfile.userId, viewer.userId));
		const tasks = await db
			.select({ initiative: poolCoordinator.initiativeId, since: poolCoordinator.createdAt })
			.from(poolCoordinator)
			.where(eq(poolCoordinator.userId, viewer.userId));
		return { profile: profile ?? null, poolCoordinator: tasks };
	}
};
