import { asc, eq } from 'drizzle-orm';
import type { PersonalDataPart } from '../personal-data/part.ts';
import { noticeDigestItem, noticePreference } from './schema.ts';

/**
 * What the notice room keeps about a person: their choice per kind of notice
 * and what waits for their daily digest (ids only). Both go with the account
 * (on delete cascade).
 */
export const noticesPersonalData: PersonalDataPart = {
	key: 'noticeSettings',
	async collect(db, viewer) {
		const choices = await db
			.select({ kind: noticePreference.kind, mode: noticePreference.mode, since: noticePreference.updatedAt })
			.from(noticePreference)
			.where(eq(noticePreference.userId, viewer.userId))
			.orderBy(asc(noticePreference.kind));
		const waiting = await db
			.select({ kind: noticeDigestItem.kind, since: noticeDigestItem.createdAt })
			.from(noticeDigestItem)
			.where(eq(noticeDigestItem.userId, viewer.userId))
			.orderBy(asc(noticeDigestItem.createdAt));
		return { choices, waitingForDigest: waiting };
	}
};
