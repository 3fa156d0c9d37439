import { eq } from 'drizzle-orm';
import type { PersonalDataPart } from '../personal-data/part.ts';
import { memberProfile } from './schema.ts';

/** What a person wrote on their profile; it goes with the account (`on delete cascade`). */
export const profilesPersonalData: PersonalDataPart = {
	key: 'profile',
	async collect(db, viewer) {
		const [row] = await db.select({ likes: memberProfile.likes, talents: memberProfile.talents, updatedAt: memberProfile.updatedAt }).from(memberProfile).where(eq(memberProfile.userId, viewer.userId));
		return row ?? null;
	}
};
