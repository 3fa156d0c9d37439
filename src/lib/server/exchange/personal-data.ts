import { asc, eq } from 'drizzle-orm';
import type { PersonalDataPart } from '../personal-data/part.ts';
import { initiative } from '../initiatives/schema.ts';
import { exchangePause, exchangePost } from './schema.ts';

/**
 * The offers and requests a person wrote. They go with the account
 * (`on delete cascade`); conversations about them stay for the others.
 */
export const exchangePersonalData: PersonalDataPart = {
	key: 'offersAndRequests',
	async collect(db, viewer) {
		return db
			.select({
				kind: exchangePost.kind,
				title: exchangePost.title,
				text: exchangePost.body,
				theme: exchangePost.theme,
				town: exchangePost.town,
				online: exchangePost.online,
				audience: exchangePost.audience,
				endsOn: exchangePost.endsOn,
				closedAt: exchangePost.closedAt,
				initiative: initiative.name,
				createdAt: exchangePost.createdAt
			})
			.from(exchangePost)
			.innerJoin(initiative, eq(initiative.id, exchangePost.initiativeId))
			.where(eq(exchangePost.createdBy, viewer.userId))
			.orderBy(asc(exchangePost.createdAt));
	}
};

/** "Even pauze", while it is set. Goes with the account. */
export const exchangePausePersonalData: PersonalDataPart = {
	key: 'exchangePause',
	async collect(db, viewer) {
		const [pause] = await db.select({ until: exchangePause.until, since: exchangePause.createdAt }).from(exchangePause).where(eq(exchangePause.userId, viewer.userId));
		return pause ?? null;
	}
};
