import { asc, eq, or, sql } from 'drizzle-orm';
import type { PersonalDataPart } from '../personal-data/part.ts';
import { user } from '../accounts/schema.ts';
import { deal, dealThanks } from './schema.ts';

/**
 * The afspraken a person made and the bedankjes they wrote or received.
 * On deletion, the other person keeps their history: the columns that name
 * this person become null (`on delete set null`), shown as "(verwijderd
 * account)"; a bedankje they wrote stays with who received it.
 */
export const dealsPersonalData: PersonalDataPart = {
	key: 'appointments',
	async collect(db, viewer) {
		const me = viewer.userId;
		const other = sql<string | null>`(select u.name from ${user} u where u.id = case when ${deal.giverId} = ${me} then ${deal.receiverId} else ${deal.giverId} end)`;
		const appointments = await db
			.select({
				about: deal.title,
				iGave: sql<boolean>`coalesce(${deal.giverId} = ${me}, false)`,
				with: other,
				startsAt: deal.startsAt,
				place: deal.place,
				status: deal.status,
				agreedAt: deal.agreedAt,
				doneAt: deal.doneAt,
				thanks: dealThanks.body,
				thanksShownOnProfile: dealThanks.shownOnProfile
			})
			.from(deal)
			.leftJoin(dealThanks, eq(dealThanks.conversationId, deal.conversationId))
			.where(or(eq(deal.giverId, me), eq(deal.receiverId, me)))
			.orderBy(asc(deal.startsAt));
		return appointments.map(({ thanks, thanksShownOnProfile, ...a }) => ({ ...a, thanks: thanks === null ? null : { text: thanks, shownOnProfile: thanksShownOnProfile } }));
	}
};
