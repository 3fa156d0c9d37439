import { asc, eq } from 'drizzle-orm';
import type { PersonalDataPart } from '../personal-data/part.ts';
import { initiative } from '../initiatives/schema.ts';
import { exchangePost } from './schema.ts';

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
