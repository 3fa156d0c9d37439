import { eq } from 'drizzle-orm';
import { profileContent } from '../access/expertise.ts';
import type { PersonalDataPart } from '../personal-data/part.ts';
import { expertProfile, poolCoordinator, poolProposal, poolRequest } from './schema.ts';

/**
 * The expert profile with everything in it ("hier praat ik niet over"
 * included), the person's pool coordinator tasks, and the requests they were
 * proposed for with their check-ins and reflections. All go with the account
 * (`on delete cascade`, through the profile); the organisation's details are
 * the organisation's and go at closed + retention (request-kind.ts).
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
		// The pool work they were proposed for: what it was and their own words, never the organisation's contact details.
		const proposals = await db
			.select({
				form: poolRequest.form,
				day: poolRequest.day,
				status: poolRequest.status,
				answer: poolProposal.answer,
				answeredAt: poolProposal.answeredAt,
				checkIn: poolProposal.checkIn,
				reflection: poolProposal.reflection,
				reflectionShared: poolProposal.reflectionShared,
				feedbackFromOrganisation: poolRequest.feedback
			})
			.from(poolProposal)
			.innerJoin(expertProfile, eq(expertProfile.id, poolProposal.profileId))
			.innerJoin(poolRequest, eq(poolRequest.id, poolProposal.requestId))
			.where(eq(expertProfile.userId, viewer.userId))
			.limit(5000);
		return { profile: profile ?? null, poolCoordinator: tasks, poolProposals: proposals };
	}
};
