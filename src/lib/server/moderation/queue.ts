import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { requireSignedIn } from '../access/core.ts';
import { isMemberOf, reportForModerator, requireModerator, requireRoom, type InitiativeRef, type Room } from '../access/moderation.ts';
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
 *
 * A room is an initiative's (named by its slug), or the platform admins'
 * (PLATFORM_ROOM) for the reports no coordinator but the reported person
 * could decide (access/moderation.ts). Both work the same way; only the
 * coordinators can remove someone from their initiative.
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

/** The open reports a room decides, oldest first, a page at a time; with the initiative for an initiative's room. */
export async function openReports(db: Db, viewer: Viewer, room: Room, page = 1) {
	const access = await requireRoom(db, viewer, room);
	const rows = await db
		.select({ ...queueColumns, initiative: initiative.name })
		.from(report)
		.innerJoin(initiative, eq(initiative.id, report.initiativeId))
		.leftJoin(reporter, eq(reporter.id, report.reporterId))
		.leftJoin(subjectUser, eq(subjectUser.id, report.subjectUserId))
		.where(and(access.reports, isNull(report.handledAt)))
		.orderBy(asc(report.createdAt), asc(report.id))
		.limit(QUEUE_PAGE + 1)
		.offset((page - 1) * QUEUE_PAGE);
	return { initiative: access.initiative!, reports: rows.slice(0, QUEUE_PAGE), more: rows.length > QUEUE_PAGE };
}

export interface ReportDetail extends QueueItem {
	/** The reported item alone; null once it is gone. */
	item: SubjectView | null;
	handledAt: Date | null;
	outcome: ModerationAction | null;
	/** The actions that fit this report now. */
	actions: ModerationAction[];
	/** This report's action hid the item, and it is still hidden: the room can make it visible again. */
	restorable: boolean;
}

/** One report with the reported item, for the room that decides it; with the initiative it was made to. */
export async function reportDetail(db: Db, viewer: Viewer, room: Room, reportId: string): Promise<{ initiative: InitiativeRef; report: ReportDetail }> {
	const { access, initiative: home, report: found } = await reportForModerator(db, viewer, room, reportId);
	const [row] = await db
		.select(queueColumns)
		.from(report)
		.leftJoin(reporter, eq(reporter.id, report.reporterId))
		.leftJoin(subjectUser, eq(subjectUser.id, report.subjectUserId))
		.where(eq(report.id, found.id));
	const item = await subjects[found.subjectKind].view(db, found.subjectId);
	// Only the initiative's own coordinators remove someone from it.
	const member = access.initiative && found.subjectUserId ? await isMemberOf(db, found.subjectUserId, home.id) : false;
	const actions = actionsFor(found.subjectKind, item, found.subjectUserId !== null, member);
	const restorable = found.outcome === 'hide' && !!item?.hidden && !!subjects[found.subjectKind].unhide;
	const detail: ReportDetail = { ...row, item, handledAt: found.handledAt, outcome: found.outcome, actions, restorable };
	return { initiative: home, report: detail };
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

const checkReason = (reason: string): { ok: false; error: 'reason' | 'reason_long' } | null =>
	!reason.trim() ? { ok: false, error: 'reason' } : reason.trim().length > REASON_MAX ? { ok: false, error: 'reason_long' } : null;

/**
 * The room acts on an open report, with a reason: hide the item, warn the
 * person, remove them from the initiative (which ends their sign-ups), or
 * close it without action. Logged; the people involved are told. A second
 * submit finds the report handled and changes nothing (`already`).
 */
export async function actOnReport(db: Db, viewer: Viewer, room: Room, reportId: string, action: string, reason: string, now = new Date()): Promise<ActionResult> {
	const { report: before } = await reportDetail(db, viewer, room, reportId);
	if (before.handledAt) return { ok: true, already: true };
	const chosen = before.actions.find((a) => a === action);
	if (!chosen) return { ok: false, error: 'action' };
	const invalid = checkReason(reason);
	if (invalid) return invalid;
	const why = reason.trim();
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

/**
 * Undo hiding: the room makes the item this report hid visible again, with a
 * reason. The log keeps the reason, never the item's words. A second submit
 * finds it visible and changes nothing (`already`).
 */
export async function restoreItem(db: Db, viewer: Viewer, room: Room, reportId: string, reason: string, now = new Date()): Promise<ActionResult> {
	const { report: found } = await reportDetail(db, viewer, room, reportId);
	if (found.outcome !== 'hide') return { ok: false, error: 'action' };
	if (!found.restorable) return { ok: true, already: true };
	const invalid = checkReason(reason);
	if (invalid) return invalid;
	const me = requireSignedIn(viewer).userId;
	return db.transaction(async (tx) => {
		const [row] = await tx.select().from(report).where(eq(report.id, reportId)).for('update');
		if (!(await subjects[row.subjectKind].view(tx, row.subjectId))?.hidden) return { ok: true, already: true } as const;
		await subjects[row.subjectKind].unhide!(tx, row.subjectId);
		await tx.insert(moderationLog).values({ initiativeId: row.initiativeId, reportId: row.id, actorId: me, action: 'unhide', subjectKind: row.subjectKind, subjectUserId: row.subjectUserId, reason: reason.trim(), createdAt: now });
		return { ok: true, already: false } as const;
	});
}

export const LOG_PAGE = 30;

/**
 * The log of every action in this initiative, newest first; for its
 * coordinators only. A hide links to its report (`reportId`), where it can be
 * undone — not when the report is about the viewer, which they never open.
 */
export async function actionLog(db: Db, viewer: Viewer, slug: string, page = 1) {
	const access = await requireModerator(db, viewer, slug);
	const actor = alias(user, 'actor');
	const rows = await db
		.select({
			id: moderationLog.id,
			reportId: moderationLog.reportId,
			subjectUserId: moderationLog.subjectUserId,
			action: moderationLog.action,
			kind: moderationLog.subjectKind,
			reason: moderationLog.reason,
			createdAt: moderationLog.createdAt,
			actor: actor.name,
			about: subjectUser.name
		})
		.from(moderationLog)
		.leftJoin(actor, eq(actor.id, moderationLog.actorId))
		.leftJoin(subjectUser, eq(subjectUser.id, moderationLog.subjectUserId))
		.where(eq(moderationLog.initiativeId, access.initiative.id))
		.orderBy(desc(moderationLog.createdAt), desc(moderationLog.id))
		.limit(LOG_PAGE + 1)
		.offset((page - 1) * LOG_PAGE);
	const entries = rows.slice(0, LOG_PAGE).map(({ reportId, subjectUserId, ...entry }) => ({
		...entry,
		reportId: entry.action === 'hide' && subjectUserId !== viewer!.userId ? reportId : null
	}));
	return { entries, more: rows.length > LOG_PAGE };
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
