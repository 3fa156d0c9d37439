import { eq } from 'drizzle-orm';
import { initiative } from '../initiatives/schema.ts';
import type { PersonalDataPart } from '../personal-data/part.ts';
import { handover } from './schema.ts';

/*
 * A handover is about someone without an account, so no account holds it.
 * What an account holds: the handovers this coordinator took, by initiative
 * and step, never the person's details (those are the person's, not the
 * coordinator's). On deletion `taken_by` is set to null by the database.
 */
export const handoverPersonalData: PersonalDataPart = {
	key: 'handovers_taken',
	async collect(db, viewer) {
		return db
			.select({ initiative: initiative.name, step: handover.step, takenAt: handover.takenAt })
			.from(handover)
			.innerJoin(initiative, eq(initiative.id, handover.initiativeId))
			.where(eq(handover.takenBy, viewer.userId))
			.limit(5000);
	}
};
