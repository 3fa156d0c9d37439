import { asc, eq } from 'drizzle-orm';
import type { PersonalDataPart } from '../personal-data/part.ts';
import { initiative, joinRequest, membership } from './schema.ts';

/** The initiatives a person belongs to, and their role there. */
export const membershipsPersonalData: PersonalDataPart = {
	key: 'memberships',
	async collect(db, viewer) {
		const rows = await db
			.select({ name: initiative.name, slug: initiative.slug, town: initiative.town, role: membership.role, joinedAt: membership.joinedAt, showName: membership.showName })
			.from(membership)
			.innerJoin(initiative, eq(initiative.id, membership.initiativeId))
			.where(eq(membership.userId, viewer.userId))
			.orderBy(asc(initiative.name));
		return rows.map(({ name, slug, town, role, joinedAt, showName }) => ({ initiative: { name, slug, town }, role, joinedAt, nameInMemberList: showName }));
	}
	// membership rows go with the account row (on delete cascade); invites they made keep existing without them (set null).
};

/** The person's requests to take part in initiatives by invitation, and the answers. */
export const joinRequestsPersonalData: PersonalDataPart = {
	key: 'joinRequests',
	async collect(db, viewer) {
		return db
			.select({ initiative: initiative.name, status: joinRequest.status, askedAt: joinRequest.askedAt, decidedAt: joinRequest.decidedAt })
			.from(joinRequest)
			.innerJoin(initiative, eq(initiative.id, joinRequest.initiativeId))
			.where(eq(joinRequest.userId, viewer.userId))
			.orderBy(asc(joinRequest.askedAt));
	}
	// The rows go with the account row (on delete cascade).
};
