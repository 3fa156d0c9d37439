import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import type { PersonalDataPart } from '../personal-data/part.ts';
import { session, user } from './schema.ts';

/** The account itself: name, address, language. */
export const accountPersonalData: PersonalDataPart = {
	key: 'account',
	async collect(db: Db, viewer) {
		const [me] = await db
			.select({ name: user.name, email: user.email, emailVerified: user.emailVerified, locale: user.locale, createdAt: user.createdAt, updatedAt: user.updatedAt })
			.from(user)
			.where(eq(user.id, viewer.userId));
		return me ?? null;
	}
	// auth_account (the password hash) and auth_session go with the account row (on delete cascade).
};

/** Where the person is signed in (never the session tokens). */
export const sessionsPersonalData: PersonalDataPart = {
	key: 'sessions',
	collect: (db, viewer) =>
		db
			.select({ createdAt: session.createdAt, expiresAt: session.expiresAt, userAgent: session.userAgent })
			.from(session)
			.where(eq(session.userId, viewer.userId))
			.orderBy(asc(session.createdAt))
};
