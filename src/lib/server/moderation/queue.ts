import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { requireSignedIn } from '../access/core.ts';
import { isMemberOf, notAbout, reportForModerator, requireModerator } from '../access/moderation.ts';
import { user } from '../accounts/schema.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { removeMember } from '../initiatives/memberships.ts';
import { initiative } from '../initiatives/schema.ts';
import { enqueueNotice } from '../notify/index.ts';
import { moderationLog, moderationNotice, report, type ModerationAction, type ReportRule, type SubjectKind } from './schema.ts';
import { subjects, type SubjectView } from './subjects.ts';

/*
 * The coordinators' side: the queue of open reports of their initiative, one
 * report with the reported item (and nothing else of a conversation), the
 * actions, each with a reason and logged, and the log. Both sides hear the
 * outcome: the person it was about reads a notice (never who reported), the
 * reporter sees "we hebben ernaar gekeken"; a mail says only that there is
 * news, with a link.
 */

export const REASON_MAX = 1000;
export const MODERATION_NOTICE_QUEUE = 'moderation-notice';
export const QUEUE_PAGE = 20;

const reporter = alias(user, 'reporter');
const subjectUser = alias(user, 'subject_user');

export interface QueueItem {
	id: string;
	kind: SubjectKind;
	rule: ReportRule;
	houseRuleText: string | null;
	whatHappened: string;
	/** The reporter's shown name, for the coordinators only; null once their account is gone. */
	reporter: string | null;
	/** Who it is about; null once their account is gone. */
	about: string | null;
	createdAt: Date;
}

const queueColumns = {
	id: report.id,
	kind: report.subjectKind,
	rule: report.rule,
	houseRuleText: report.houseRuleText,
	whatHappened: report.whatHappened,
	reporter: reporter.name,
	about: subjectUser.name,
	createdAt: report.createdAt
};

/** The open reports of an initiative, oldest first, a page at a time; for its coordinators only. */
export async function openReports(db: Db, viewer: Viewer, slug: string, page = 1) {
	const access = await requireModerator(db, viewer, slug);
	const rows: QueueItem[] = await db
		.select(queueColumns)
		.from(report)
		.leftJoin(reporter, eq(reporter.id, report.reporterId))
		.leftJoin(subjectUser, eq(subjectUser.id, report.subjectUserId))
		.where(and(eq(report.initiativeId, access.initiative.id), isNull(report.handledAt), notAbout(viewer!.userId)))
		.orderBy(asc(report.createdAt), asc(report.id))
		.limit(QUEUE_PAGE + 1)
		.offset((page - 1) * QUEUE_PAGE);
	return { initiative: access.initiative, reports: rows.slice(0, QUEUE_PAGE), more: rows.length > QUEUE_PAGE };
}

export interface ReportDetail extends QueueItem {
	/** The reported item alone; null once it is gone. */
	item: SubjectView | null;
	handledAt: Date | null;
	outcome: ModerationAction | null;
	/** The actions that fit this report now. */
	actions: ModerationAction[];
}

/** One report with the reported item, for the coordinators of its initiative. */
export async function reportDetail(db: Db, viewer: Viewer, slug: string, reportId: string) {
	const { access, report: found } = await reportForModerator(db, viewer, slug, reportId);
	const [row] = await db
		.select(queueColumns)
		.from(report)
		.leftJoin(reporter, eq(reporter.id, report.reporterId))
		.leftJoin(subjectUser, eq(subjectUser.id, report.subjectUserId))
		.where(eq(report.id, found.id));
	const item = await subjects[found.subjectKind].view(db, found.subjectId);
	const member = found.subjectUserId ? await isMemberOf(db, found.subjectUserId, access.initiative.id) : false;
	const actions = actionsFor(found.subjectKind, item, found.subjectUserId !== null, member);
	const detail: ReportDetail = { ...row, item, handledAt: found.handledAt, outcome: found.outcome, actions };
	return { initiative: access.initiative, report: detail };
}

/** Hide only what can be hidden and is not yet; warn only a person who still has an account; remove only a member. */
function actionsFor(kind: SubjectKind, item: SubjectView | null, hasPerson: boolean, member: boolean): ModerationAction[] {
	const actions: ModerationAction[] = [];
	if (subjects[kind].hide && item && !item.hidden) actions.push('hide');
	if (hasPerson) actions.push('warn');
	if (member) actions.push('remove');
	actions.push('close');
	return actions;
}

export type ActionResult = { ok: true; already: boolean } | { ok: false; error: 'reason' | 'reason_long' | 'action' };

/**
 * A coordinator acts on an open report, with a reason: hide the item, warn
 * the person, remove them from the initiative (which ends their sign-ups), or
 * close it without action. Logged; the people involved are told. A second
 * submit finds the report handled and changes nothing (`already`).
 */
export async function actOnReport(db: Db, viewer: Viewer, slug: string, reportId: string, action: string, reason: string, now = new Date()): Promise<ActionResult> {
	const { report: before } = await reportDetail(db, viewer, slug, reportId);
	if (before.handledAt) return { ok: true, already: true };
	const chosen = before.actions.find((a) => a === action);
	if (!chosen) return { ok: false, error: 'action' };
	const why = reason.trim();
	if (!why) return { ok: false, error: 'reason' };
	if (why.length > REASON_MAX) return { ok: false, error: 'reason_long' };
	const me = requireSignedIn(viewer).userId;
	return db.transaction(async (tx) => {
		const [open] = await tx
			.select()
			.from(report)
			.where(and(eq(report.id, reportId), isNull(report.handledAt)))
			.for('update');
		if (!open) return { ok: true, already: true } as const;
		if (chosen === 'hide') await subjects[open.subjectKind].hide!(tx, open.subjectId, now);
		if (chosen === 'remove') {
			const removed = await removeMember(tx, viewer, open.initiativeId, open.subjectUserId!, now);
			if (!removed.ok) return { ok: false, error: 'action' } as const;
		}
		await tx.update(report).set({ handledAt: now, outcome: chosen }).where(eq(report.id, open.id));
		await tx.insert(moderationLog).values({ initiativeId: open.initiativeId, reportId: open.id, actorId: me, action: chosen, subjectKind: open.subjectKind, subjectUserId: open.subjectUserId, reason: why, createdAt: now });
		if (chosen !== 'close' && open.subjectUserId) {
			await tx.insert(moderationNotice).values({ userId: open.subjectUserId, initiativeId: open.initiativeId, action: chosen, subjectKind: open.subjectKind, reason: why, createdAt: now });
			await enqueueNotice(tx, MODERATION_NOTICE_QUEUE, { userId: open.subjectUserId, side: 'subject' });
		}
		if (open.reporterId) await enqueueNotice(tx, MODERATION_NOTICE_QUEUE, { userId: open.reporterId, side: 'reporter' });
		return { ok: true, already: false } as const;
	});
}

export const LOG_PAGE = 30;

/** The log of every action in this initiative, newest first; for its coordinators only. */
export async function actionLog(db: Db, viewer: Viewer, slug: string, page = 1) {
	const access = await requireModerator(db, viewer, slug);
	const actor = alias(user, 'actor');
	const rows = await db
		.select({ id: moderationLog.id, action: moderationLog.action, kind: moderationLog.subjectKind, reason: moderationLog.reason, createdAt: moderationLog.createdAt, actor: actor.name, about: subjectUser.name })
		.from(moderationLog)
		.leftJoin(actor, eq(actor.id, moderationLog.actorId))
		.leftJoin(subjectUser, eq(subjectUser.id, moderationLog.subjectUserId))
		.where(eq(moderationLog.initiativeId, access.initiative.id))
		.orderBy(desc(moderationLog.createdAt), desc(moderationLog.id))
		.limit(LOG_PAGE + 1)
		.offset((page - 1) * LOG_PAGE);
	return { entries: rows.slice(0, LOG_PAGE), more: rows.length > LOG_PAGE };
}

/** What the coordinators told the viewer about their own posts, messages or membership, newest first. Never who reported. */
export async function myNotices(db: Db, viewer: Viewer) {
	const me = requireSignedIn(viewer);
	return db
		.select({ id: moderationNotice.id, action: moderationNotice.action, kind: moderationNotice.subjectKind, reason: moderationNotice.reason, createdAt: moderationNotice.createdAt, initiative: initiative.name })
		.from(moderationNotice)
		.innerJoin(initiative, eq(initiative.id, moderationNotice.initiativeId))
		.where(eq(moderationNotice.userId, me.userId))
		.orderBy(desc(moderationNotice.createdAt), desc(moderationNotice.id))
		.limit(50);
}
