import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { initiative, membership } from '../initiatives/schema.ts';
import { session, user } from './schema.ts';
import type { SignedIn } from './viewer.ts';
import { activitiesPersonalData } from '../activities/personal-data.ts';
import { notificationsPersonalData } from '../activities/notification-personal-data.ts';

/*
 * Personal data, per capability: the one list that the export (AVG/GDPR
 * art. 15 and 20) and account deletion (art. 17) walk through. A capability
 * that keeps something about a person adds one part here:
 *
 *   - `collect` returns everything it keeps about the person, for the export
 *     (never password hashes, tokens or other people's private data);
 *   - `erase` removes or anonymises it, inside the delete transaction, before
 *     the account row goes. Content others rely on (messages, stories) is
 *     anonymised there rather than deleted. Rows with `on delete cascade` to
 *     app_user need no `erase`.
 */
export interface PersonalDataPart {
	/** Key of this part in the export file. */
	key: string;
	collect(db: Db, viewer: SignedIn): Promise<unknown>;
	erase?(tx: Db, viewer: SignedIn): Promise<void>;
}

const account: PersonalDataPart = {
	key: 'account',
	async collect(db, viewer) {
		const [me] = await db
			.select({ name: user.name, email: user.email, emailVerified: user.emailVerified, locale: user.locale, createdAt: user.createdAt, updatedAt: user.updatedAt })
			.from(user)
			.where(eq(user.id, viewer.userId));
		return me ?? null;
	}
	// auth_account (the password hash) and auth_session go with the account row (on delete cascade).
};

const sessions: PersonalDataPart = {
	key: 'sessions',
	collect: (db, viewer) =>
		db
			.select({ createdAt: session.createdAt, expiresAt: session.expiresAt, userAgent: session.userAgent })
			.from(session)
			.where(eq(session.userId, viewer.userId))
			.orderBy(asc(session.createdAt))
};

// Memberships belong to the initiatives capability; this part can move there.
const memberships: PersonalDataPart = {
	key: 'memberships',
	async collect(db, viewer) {
		const rows = await db
			.select({ name: initiative.name, slug: initiative.slug, town: initiative.town, role: membership.role, joinedAt: membership.joinedAt })
			.from(membership)
			.innerJoin(initiative, eq(initiative.id, membership.initiativeId))
			.where(eq(membership.userId, viewer.userId))
			.orderBy(asc(initiative.name));
		return rows.map(({ name, slug, town, role, joinedAt }) => ({ initiative: { name, slug, town }, role, joinedAt }));
	}
	// membership rows go with the account row (on delete cascade); invites they made keep existing without them (set null).
};

/** Every part, in the order of the export file. Add a capability's part here. */
export const personalDataParts: PersonalDataPart[] = [account, memberships, activitiesPersonalData, notificationsPersonalData, sessions];

export interface PersonalDataExport {
	format: 'herstelplein-export';
	version: 1;
	exportedAt: string;
	parts: Record<string, unknown>;
}

/** Everything Herstelplein keeps about the viewer, as one JSON-ready object. */
export async function exportPersonalData(db: Db, viewer: SignedIn, parts: PersonalDataPart[] = personalDataParts): Promise<PersonalDataExport> {
	const collected: Record<string, unknown> = {};
	for (const part of parts) collected[part.key] = await part.collect(db, viewer);
	return { format: 'herstelplein-export', version: 1, exportedAt: new Date().toISOString(), parts: collected };
}
