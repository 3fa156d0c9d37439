import { and, asc, eq, or, sql, type SQL } from 'drizzle-orm';
import type { SignedIn, Viewer } from '../accounts/viewer.ts';
import { dayKey } from '../activities/time.ts';
import type { Db } from '../db/index.ts';
import { exchangePost } from '../exchange/schema.ts';
import { initiative, membership } from '../initiatives/schema.ts';
import { message } from '../messages/schema.ts';
import { report, type SubjectKind } from '../moderation/schema.ts';
import { NotFound, requireAdmin, requireSignedIn } from './core.ts';
import { postFor } from './exchange.ts';
import { requireCoordinator, type InitiativeAccess } from './initiatives.ts';
import { announcementFor } from './announcements.ts';
import { conversationFor } from './messages.ts';

/**
 * Who may report what, to whom, and who reads a report.
 *
 * Reporting: a member reports only what they can see, and never their own:
 *   - a post (offer or request) they may see; it goes to the post's initiative;
 *   - a message the other person wrote in one of their own conversations
 *     (not one already hidden); a person: the other member of one of their
 *     conversations. These go to an initiative both people are members of,
 *     or to the initiative of the post the conversation started from (where
 *     they met). When there are several, the reporter chooses.
 *   A bericht aan een groep: a recipient reports it (not its writer, not
 *   one already hidden) to the initiative it was written in.
 *   Anything else is NotFound, as if it did not exist.
 *
 * Reading: only the coordinators of the report's initiative see a report,
 * with its reporter. Not coordinators of other initiatives, not the
 * association admin, not the reported person, not other members. The
 * reporter sees their own reports' status, never the coordinators' notes.
 * The queue shows the one reported item, never the rest of a conversation.
 * A coordinator never sees a report about themselves: the other coordinators
 * handle it. A report that no coordinator but the reported person could
 * decide (about an initiative's only coordinator, or an initiative without
 * coordinators) goes to the platform admins instead (PLATFORM_ROOM): they
 * see those reports, and only those, in the same way.
 */

export interface InitiativeRef {
	id: string;
	name: string;
	slug: string;
}

export interface ReportTarget {
	kind: SubjectKind;
	/** The post's or message's id, or the reported person's user id. */
	subjectId: string;
	/** Who wrote it or is reported; null once their account is gone. */
	subjectUserId: string | null;
	/** What the reporter sees of it, to know what they report: a title, a name or a short text. */
	label: string;
	/** Where the report may go (see above), never empty. */
	initiatives: InitiativeRef[];
}

const initiativeRef = { id: initiative.id, name: initiative.name, slug: initiative.slug };

/** The initiatives both people are members of, and the one where they met: of the post, or of the group conversation. */
async function sharedInitiatives(db: Db, me: string, other: string | null, postId: string | null, groupOf: string | null = null): Promise<InitiativeRef[]> {
	const both = other
		? sql`${initiative.id} in (select a.initiative_id from ${membership} a join ${membership} b on b.initiative_id = a.initiative_id where a.user_id = ${me} and b.user_id = ${other})`
		: sql`false`;
	const met = postId ? sql`${initiative.id} in (select ${exchangePost.initiativeId} from ${exchangePost} where ${exchangePost.id} = ${postId})` : sql`false`;
	return db
		.select(initiativeRef)
		.from(initiative)
		.where(or(both, met, groupOf ? eq(initiative.id, groupOf) : undefined))
		.orderBy(asc(initiative.name))
		.limit(50);
}

/** What this viewer may report, and where it may go; NotFound when they may not report it. */
export async function reportTarget(db: Db, viewer: Viewer, kind: SubjectKind, id: string): Promise<ReportTarget> {
	const me = requireSignedIn(viewer);
	let target: Omit<ReportTarget, 'initiatives'> & { initiatives?: InitiativeRef[] };
	let postId: string | null = null;
	let groupOf: string | null = null;
	if (kind === 'post') {
		const { post, isOwner } = await postFor(db, viewer, id, dayKey(new Date()));
		if (isOwner) throw new NotFound();
		const [home] = await db.select(initiativeRef).from(initiative).where(eq(initiative.id, post.initiativeId));
		target = { kind, subjectId: post.id, subjectUserId: post.createdBy, label: post.title, initiatives: [home] };
	} else if (kind === 'message') {
		const [found] = await db
			.select({ conversationId: message.conversationId, senderId: message.senderId, body: message.body, hiddenAt: message.hiddenAt })
			.from(message)
			.where(eq(message.id, id));
		if (!found) throw new NotFound();
		const access = await conversationFor(db, viewer, found.conversationId);
		if (found.senderId === me.userId || found.hiddenAt) throw new NotFound();
		postId = access.conversation.postId;
		groupOf = access.conversation.initiativeId;
		target = { kind, subjectId: id, subjectUserId: found.senderId, label: found.body.length > 140 ? `${found.body.slice(0, 140)}…` : found.body };
	} else if (kind === 'announcement') {
		const access = await announcementFor(db, viewer, id);
		const a = access.announcement;
		if (access.isWriter || a.hiddenAt) throw new NotFound();
		const [home] = await db.select(initiativeRef).from(initiative).where(eq(initiative.id, a.initiativeId));
		target = { kind, subjectId: id, subjectUserId: a.writerId, label: a.body.length > 140 ? `${a.body.slice(0, 140)}…` : a.body, initiatives: [home] };
	} else {
		// A person is reported from a conversation with them: `id` is the conversation.
		const access = await conversationFor(db, viewer, id);
		if (!access.other) throw new NotFound();
		postId = access.conversation.postId;
		target = { kind, subjectId: access.other.userId, subjectUserId: access.other.userId, label: access.other.name };
	}
	const initiatives = target.initiatives ?? (await sharedInitiatives(db, me.userId, target.subjectUserId, postId, groupOf));
	if (!initiatives.length) throw new NotFound();
	return { ...target, initiatives };
}

/** Only the coordinators of this initiative run its moderation (queue, actions, log, afspraken). */
export async function requireModerator(db: Db, viewer: Viewer, slug: string): Promise<InitiativeAccess & { role: 'coordinator' }> {
	return requireCoordinator(db, viewer, { slug });
}

/** The room of the platform admins, beside the rooms of the initiatives (named by their slug). */
export const PLATFORM_ROOM: unique symbol = Symbol('platform admins');
export type Room = string | typeof PLATFORM_ROOM;

export interface RoomAccess {
	viewer: SignedIn;
	/** The initiative whose room this is; null in the platform admins' room. */
	initiative: InitiativeAccess['initiative'] | null;
	/** SQL: the reports this room decides. */
	reports: SQL;
}

/** Who runs a room: an initiative's coordinators, or the platform admins for the reports nobody else can decide. */
export async function requireRoom(db: Db, viewer: Viewer, room: Room): Promise<RoomAccess> {
	if (room === PLATFORM_ROOM) {
		const admin = requireAdmin(viewer);
		return { viewer: admin, initiative: null, reports: and(forAdmins(), notAbout(admin.userId))! };
	}
	const access = await requireModerator(db, viewer, room);
	return { viewer: viewer!, initiative: access.initiative, reports: and(eq(report.initiativeId, access.initiative.id), notAbout(viewer!.userId))! };
}

/** A report as the room that decides it sees it (with the initiative it was made to); NotFound for anyone else. */
export async function reportForModerator(db: Db, viewer: Viewer, room: Room, reportId: string): Promise<{ access: RoomAccess; initiative: InitiativeRef; report: typeof report.$inferSelect }> {
	const access = await requireRoom(db, viewer, room);
	const [found] = await db
		.select({ report, initiative: initiativeRef })
		.from(report)
		.innerJoin(initiative, eq(initiative.id, report.initiativeId))
		.where(and(eq(report.id, reportId), access.reports));
	if (!found) throw new NotFound();
	return { access, initiative: found.initiative, report: found.report };
}

/**
 * SQL: reports that no coordinator but the reported person can decide: the
 * platform admins decide them. Read each time, so a second coordinator who
 * joins takes them over.
 */
export function forAdmins(): SQL {
	return sql`not exists (select 1 from ${membership} c where c.initiative_id = ${report.initiativeId} and c.role = 'coordinator' and c.user_id is distinct from ${report.subjectUserId})`;
}

/** Would a report about this person to this initiative go to the platform admins (see forAdmins)? */
export async function decidedByAdmins(db: Db, initiativeId: string, subjectUserId: string | null): Promise<boolean> {
	const others = await db
		.select({ userId: membership.userId })
		.from(membership)
		.where(and(eq(membership.initiativeId, initiativeId), eq(membership.role, 'coordinator'), sql`${membership.userId} is distinct from ${subjectUserId}`))
		.limit(1);
	return others.length === 0;
}

/** SQL: reports that are not about this person (a coordinator never handles a report about themselves). */
export function notAbout(userId: string): SQL {
	return sql`${report.subjectUserId} is distinct from ${userId}`;
}

/** SQL: the reports this viewer made (the only reports anyone but the coordinators sees). */
export function reportsMadeBy(viewer: SignedIn) {
	return eq(report.reporterId, viewer.userId);
}

/** Is this person (still) a member of this initiative? Removing them is possible only then. */
export async function isMemberOf(db: Db, userId: string, initiativeId: string): Promise<boolean> {
	const rows = await db
		.select({ id: membership.initiativeId })
		.from(membership)
		.where(and(eq(membership.userId, userId), eq(membership.initiativeId, initiativeId)));
	return rows.length > 0;
}
