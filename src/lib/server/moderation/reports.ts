import { and, desc, eq, isNull } from 'drizzle-orm';
import { NotFound, requireSignedIn } from '../access/core.ts';
import { decidedByAdmins, reportsMadeBy, reportTarget, type ReportTarget } from '../access/moderation.ts';
import { allowAttempt, type Limit } from '../accounts/rate-limit.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { initiative } from '../initiatives/schema.ts';
import { afsprakenOf, type Afspraken } from './rules.ts';
import { PLATFORM_RULES, report, type ReportRule, type SubjectKind } from './schema.ts';

/*
 * Melden: a member tells the coordinators of an initiative that something
 * goes against the afspraken. The reported person is never told who did;
 * nothing happens by itself, however many reports there are: the
 * coordinators decide (queue.ts).
 */

export const WORDS_MAX = 2000;
/** Per account, so reporting cannot be used to flood the coordinators. */
export const REPORT_LIMIT: Limit = { max: 10, windowSeconds: 24 * 60 * 60 };

export interface ReportInput {
	initiativeId: string;
	/** A platform rule's key, `other`, or the id of one of the initiative's own afspraken. */
	rule: string;
	whatHappened: string;
}

/** `to`: who will look at it, as the reporter is told: the coordinators, or the platform admins when no other coordinator can decide. */
export type ReportResult = { ok: true; again: boolean; to: 'coordinators' | 'admins' } | { ok: false; error: 'rule' | 'words_needed' | 'too_long' | 'rate_limited' };

/** What the report form needs: the item, where it may go, and the afspraken of the chosen initiative. */
export async function reportForm(db: Db, viewer: Viewer, kind: SubjectKind, id: string, initiativeId?: string): Promise<{ target: ReportTarget; chosen: ReportTarget['initiatives'][number] | null; afspraken: Afspraken | null }> {
	const target = await reportTarget(db, viewer, kind, id);
	const chosen = target.initiatives.length === 1 ? target.initiatives[0] : (target.initiatives.find((i) => i.id === initiativeId) ?? null);
	return { target, chosen, afspraken: chosen ? await afsprakenOf(db, chosen.id) : null };
}

/**
 * Make a report. A second submit of the same one, while it is open, changes
 * nothing (`again`). NotFound when the viewer may not report this, or not to
 * this initiative.
 */
export async function makeReport(db: Db, viewer: Viewer, kind: SubjectKind, id: string, input: ReportInput): Promise<ReportResult> {
	const { target, chosen, afspraken } = await reportForm(db, viewer, kind, id, input.initiativeId);
	if (!chosen || chosen.id !== input.initiativeId || !afspraken) throw new NotFound();
	const me = viewer!.userId;
	const [open] = await db
		.select({ id: report.id })
		.from(report)
		.where(and(eq(report.reporterId, me), eq(report.subjectKind, kind), eq(report.subjectId, target.subjectId), isNull(report.handledAt)));
	const to = (await decidedByAdmins(db, chosen.id, target.subjectUserId)) ? 'admins' : 'coordinators';
	if (open) return { ok: true, again: true, to };

	const house = afspraken.own.find((r) => r.id === input.rule);
	const rule: ReportRule | undefined = house ? 'house' : [...PLATFORM_RULES, 'other' as const].find((r) => r === input.rule);
	if (!rule) return { ok: false, error: 'rule' };
	const words = input.whatHappened.trim();
	if (words.length > WORDS_MAX) return { ok: false, error: 'too_long' };
	if (rule === 'other' && !words) return { ok: false, error: 'words_needed' };
	if (!(await allowAttempt(db, [{ key: `report:${me}`, limit: REPORT_LIMIT }]))) return { ok: false, error: 'rate_limited' };
	await db
		.insert(report)
		.values({
			initiativeId: chosen.id,
			reporterId: me,
			subjectKind: kind,
			subjectId: target.subjectId,
			subjectUserId: target.subjectUserId,
			rule,
			houseRuleText: house?.text ?? null,
			whatHappened: words
		})
		.onConflictDoNothing();
	return { ok: true, again: false, to };
}

export interface MyReport {
	id: string;
	kind: SubjectKind;
	initiative: string;
	createdAt: Date;
	/** Handled: "we hebben ernaar gekeken". What was done is between the coordinators and the person it was about. */
	handled: boolean;
}

export const MY_PAGE = 20;

/** The reports the viewer made, newest first, a page at a time. */
export async function myReports(db: Db, viewer: Viewer, page = 1): Promise<{ reports: MyReport[]; more: boolean }> {
	const me = requireSignedIn(viewer);
	const rows = await db
		.select({ id: report.id, kind: report.subjectKind, initiative: initiative.name, createdAt: report.createdAt, handledAt: report.handledAt })
		.from(report)
		.innerJoin(initiative, eq(initiative.id, report.initiativeId))
		.where(reportsMadeBy(me))
		.orderBy(desc(report.createdAt), desc(report.id))
		.limit(MY_PAGE + 1)
		.offset((page - 1) * MY_PAGE);
	return { reports: rows.slice(0, MY_PAGE).map((r) => ({ id: r.id, kind: r.kind, initiative: r.initiative, createdAt: r.createdAt, handled: r.handledAt !== null })), more: rows.length > MY_PAGE };
}
