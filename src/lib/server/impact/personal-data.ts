import { asc, eq } from 'drizzle-orm';
import { initiative } from '../initiatives/schema.ts';
import type { PersonalDataPart } from '../personal-data/part.ts';
import { impactNote, impactReport } from './schema.ts';

/**
 * The "wat is er voor mij veranderd" notes a person gave for reports, and the
 * reports they made. Notes go with the account (cascade); the report log
 * keeps the line without the person (set null). Who led activities in which
 * month (`impact_person_month`, counted ahead) is a copy of the activities'
 * own part, only ever counted: it goes with the account too (cascade).
 */
export const impactPersonalData: PersonalDataPart = {
	key: 'impact',
	async collect(db, viewer) {
		const notes = await db
			.select({ initiative: initiative.name, text: impactNote.body, createdAt: impactNote.createdAt })
			.from(impactNote)
			.innerJoin(initiative, eq(initiative.id, impactNote.initiativeId))
			.where(eq(impactNote.userId, viewer.userId))
			.orderBy(asc(impactNote.createdAt));
		const reportsMade = await db
			.select({ format: impactReport.format, period: impactReport.period, createdAt: impactReport.createdAt })
			.from(impactReport)
			.where(eq(impactReport.madeBy, viewer.userId))
			.orderBy(asc(impactReport.createdAt));
		return { notes, reportsMade };
	}
};
