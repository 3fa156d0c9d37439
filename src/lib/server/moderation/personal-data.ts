import { asc, eq } from 'drizzle-orm';
import type { PersonalDataPart } from '../personal-data/part.ts';
import { initiative } from '../initiatives/schema.ts';
import { moderationLog, moderationNotice, report } from './schema.ts';

/**
 * Moderation in a person's export:
 *   - the reports they made: where to, which afspraak, their own words, and
 *     whether it was looked at (not the reported item: those are another
 *     person's words);
 *   - what the coordinators told them (a hidden item, a warning, a removal,
 *     with the reason). Reports about them are not exported as such: the
 *     report is the reporter's, and the reporter must never be known to them;
 *   - as a coordinator, the actions they took, with their reasons.
 * On deletion their reports stay for the coordinators without their name or
 * words; the log keeps the action without the coordinator's name (`set null`);
 * notices to them go with the account.
 */
export const moderationPersonalData: PersonalDataPart = {
	key: 'moderation',
	async collect(db, viewer) {
		const reportsMade = await db
			.select({ initiative: initiative.name, about: report.subjectKind, rule: report.rule, houseRule: report.houseRuleText, whatHappened: report.whatHappened, madeAt: report.createdAt, lookedAt: report.handledAt })
			.from(report)
			.innerJoin(initiative, eq(initiative.id, report.initiativeId))
			.where(eq(report.reporterId, viewer.userId))
			.orderBy(asc(report.createdAt));
		const noticesToMe = await db
			.select({ initiative: initiative.name, action: moderationNotice.action, about: moderationNotice.subjectKind, reason: moderationNotice.reason, at: moderationNotice.createdAt })
			.from(moderationNotice)
			.innerJoin(initiative, eq(initiative.id, moderationNotice.initiativeId))
			.where(eq(moderationNotice.userId, viewer.userId))
			.orderBy(asc(moderationNotice.createdAt));
		const actionsTaken = await db
			.select({ initiative: initiative.name, action: moderationLog.action, about: moderationLog.subjectKind, reason: moderationLog.reason, at: moderationLog.createdAt })
			.from(moderationLog)
			.innerJoin(initiative, eq(initiative.id, moderationLog.initiativeId))
			.where(eq(moderationLog.actorId, viewer.userId))
			.orderBy(asc(moderationLog.createdAt));
		return { reportsMade, noticesToMe, actionsTaken };
	},
	async erase(tx, viewer) {
		await tx.update(report).set({ whatHappened: '', reporterId: null }).where(eq(report.reporterId, viewer.userId));
	}
};
