import { eq } from 'drizzle-orm';
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
				themes: expertProfile.themes,
				ownThemes: expertProfile.ownThemes,
				audiences: expertProfile.audiences,
				forms: expertProfile.forms,
				regions: expertProfile.regions,
				online: expertProfile.online,
				availability: expertProfile.availability,
				languages: expertProfile.languages,
				training: expertProfile.training,
				introduction: expertProfile.introduction,
				rates: expertProfile.rates,
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
