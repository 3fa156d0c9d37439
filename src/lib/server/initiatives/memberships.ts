import { and, asc, count, eq, inArray, or, sql } from 'drizzle-orm';
import { NotFound, requireSignedIn, type Role } from '../access/core.ts';
import { initiativeFor, requireCoordinator, requireMember, type InitiativeAccess } from '../access/initiatives.ts';
import { isEmailConfirmed } from '../accounts/confirm-email.ts';
import { LIMITS, takeQuota } from '../accounts/rate-limit.ts';
import { user } from '../accounts/schema.ts';
import type { Viewer } from '../accounts/viewer.ts';
import { activity, activityHost } from '../activities/schema.ts';
import { endMemberSignups } from '../activities/signups.ts';
import type { Db } from '../db/index.ts';
import { leaveGroupsOf } from '../messages/service.ts';
import { rememberResult } from '../pagecache/index.ts';
import { joinRequestsFor, noticeCoordinators } from './join-requests.ts';
import { membership } from './schema.ts';

export interface Member {
	userId: string;
	/** The name the person chose to show. Never their e-mail address. */
	name: string;
	role: Role;
	joinedAt: Date;
	/** Whether other members see this name ("laat mijn naam zien in de ledenlijst"). */
	showName: boolean;
}

export type MembershipError = 'last_coordinator' | 'not_open' | 'not_self' | 'unconfirmed' | 'rate_limited';

type Result = { ok: true } | { ok: false; error: MembershipError };

/**
 * Being a member of a recovery initiative is itself sensitive. Coordinators
 * see every member; another member sees themself and those who chose to show
 * their name; anyone else sees no list at all (NotFound).
 */
function visibleTo(role: Role, viewerId: string) {
	return role === 'coordinator' ? undefined : or(eq(membership.showName, true), eq(membership.userId, viewerId));
}

export interface MembersPage {
	initiative: InitiativeAccess['initiative'];
	role: Role;
	/** This page of the members the viewer may see by name (see `visibleTo`). */
	members: Member[];
	/** How many members the viewer does not see by name (0 for a coordinator). */
	hidden: number;
	/** Whether the viewer lets other members see their own name. */
	showMyName: boolean;
	/** For coordinators: who asks to take part (a name and a date). Null for a member. */
	requests: Awaited<ReturnType<typeof joinRequestsFor>> | null;
}

/**
 * The members page of an initiative, for one of its members: access is
 * decided once, then its parts are read at the same time. A page is sorted
 * over all members (thousands in a big initiative), so it is read once per
 * content version and shared by those who see the same list: every
 * coordinator, or one member.
 */
export async function membersPage(db: Db, viewer: Viewer, by: { slug: string } | { id: string }, page = { limit: 200, offset: 0 }): Promise<MembersPage> {
	const { initiative, role } = await requireMember(db, viewer, by);
	const viewerId = viewer!.userId;
	const seenBy = role === 'coordinator' ? 'coordinators' : viewerId;
	const [members, hidden, showMyName, requests] = await Promise.all([
		rememberResult(`members|${initiative.id}|${seenBy}|${page.limit}|${page.offset}`, () => readMembers(db, viewerId, role, initiative.id, page)),
		role === 'coordinator' ? 0 : countHidden(db, viewerId, initiative.id),
		showsOwnName(db, viewerId, initiative.id),
		role === 'coordinator' ? joinRequestsFor(db, { initiative, role }) : null
	]);
	return { initiative, role, members, hidden, showMyName, requests };
}

function readMembers(db: Db, viewerId: string, role: Role, initiativeId: string, page: { limit: number; offset: number }): Promise<Member[]> {
	return db
		.select({ userId: membership.userId, name: user.name, role: membership.role, joinedAt: membership.joinedAt, showName: membership.showName })
		.from(membership)
		.innerJoin(user, eq(user.id, membership.userId))
		.where(and(eq(membership.initiativeId, initiativeId), visibleTo(role, viewerId)))
		.orderBy(sql`case ${membership.role} when 'coordinator' then 0 else 1 end`, asc(user.name), asc(user.id))
		.limit(page.limit)
		.offset(page.offset);
}

async function countHidden(db: Db, viewerId: string, initiativeId: string): Promise<number> {
	const [row] = await db
		.select({ n: count() })
		.from(membership)
		.where(and(eq(membership.initiativeId, initiativeId), eq(membership.showName, false), sql`${membership.userId} <> ${viewerId}`));
	return row.n;
}

async function showsOwnName(db: Db, viewerId: string, initiativeId: string): Promise<boolean> {
	const [row] = await db
		.select({ show: membership.showName })
		.from(membership)
		.where(and(eq(membership.initiativeId, initiativeId), eq(membership.userId, viewerId)));
	return row?.show === true;
}

/** A member chooses whether other members see their name. */
export async function setShowName(db: Db, viewer: Viewer, initiativeId: string, show: boolean): Promise<void> {
	await requireMember(db, viewer, { id: initiativeId });
	await db
		.update(membership)
		.set({ showName: show })
		.where(and(eq(membership.initiativeId, initiativeId), eq(membership.userId, viewer!.userId)));
}

/**
 * Join an initiative that is open to everyone. Joining twice changes nothing.
 * It takes a confirmed e-mail address, and a few a day at most: joining is
 * how someone would collect the names in many lists.
 */
export async function joinOpenInitiative(db: Db, viewer: Viewer, initiativeId: string): Promise<Result> {
	const person = requireSignedIn(viewer);
	const { initiative, role } = await initiativeFor(db, viewer, { id: initiativeId });
	if (initiative.joinPolicy !== 'open' || initiative.status !== 'published') return { ok: false, error: 'not_open' };
	if (role) return { ok: true };
	if (!(await isEmailConfirmed(db, person))) return { ok: false, error: 'unconfirmed' };
	if (!(await takeQuota(db, `joins:account:${person.userId}`, LIMITS.joinsPerAccount))) return { ok: false, error: 'rate_limited' };
	await db.transaction(async (tx) => {
		const added = await tx.insert(membership).values({ initiativeId, userId: person.userId }).onConflictDoNothing().returning({ userId: membership.userId });
		// Its coordinators hear that someone new joined (kind 'join-request', which they may turn off).
		if (added.length) await noticeCoordinators(tx, initiativeId, 'joined');
	});
	return { ok: true };
}

/**
 * Would removing this coordinator leave the initiative without one while
 * others still rely on it? Checked inside the transaction that changes it.
 */
async function isLastCoordinatorOfOthers(tx: Db, initiativeId: string, userId: string): Promise<boolean> {
	const rows = await tx
		.select({ userId: membership.userId, role: membership.role })
		.from(membership)
		.where(eq(membership.initiativeId, initiativeId))
		.for('update');
	const me = rows.find((r) => r.userId === userId);
	if (me?.role !== 'coordinator') return false;
	const otherCoordinators = rows.filter((r) => r.role === 'coordinator' && r.userId !== userId).length;
	return otherCoordinators === 0 && rows.length > 1;
}

/**
 * End a membership, in the caller's transaction: with it go every sign-up to
 * the initiative's activities (their places go to the waitlist), every
 * co-host task there, and the initiative's group conversations. Activities
 * the person started stay with the initiative; its coordinators look after
 * them. False when they were no member.
 */
async function endMembership(tx: Db, initiativeId: string, userId: string, now: Date): Promise<boolean> {
	const rows = await tx
		.delete(membership)
		.where(and(eq(membership.initiativeId, initiativeId), eq(membership.userId, userId)))
		.returning({ userId: membership.userId });
	if (!rows.length) return false;
	await endMemberSignups(tx, initiativeId, userId, now);
	await leaveGroupsOf(tx, initiativeId, userId);
	const ofInitiative = tx.select({ id: activity.id }).from(activity).where(eq(activity.initiativeId, initiativeId));
	await tx.delete(activityHost).where(and(eq(activityHost.userId, userId), inArray(activityHost.activityId, ofInitiative)));
	return true;
}

/** Leave an initiative. The last coordinator must first hand over the task. */
export async function leaveInitiative(db: Db, viewer: Viewer, initiativeId: string, now: Date = new Date()): Promise<Result> {
	const person = requireSignedIn(viewer);
	await requireMember(db, viewer, { id: initiativeId });
	return db.transaction(async (tx) => {
		if (await isLastCoordinatorOfOthers(tx, initiativeId, person.userId)) return { ok: false, error: 'last_coordinator' } as const;
		await endMembership(tx, initiativeId, person.userId, now);
		return { ok: true } as const;
	});
}

/** A coordinator gives another member the coordinator task, or takes it back. */
export async function setMemberRole(db: Db, viewer: Viewer, initiativeId: string, userId: string, role: Role): Promise<Result> {
	await requireCoordinator(db, viewer, { id: initiativeId });
	return db.transaction(async (tx) => {
		if (role === 'member' && (await isLastCoordinatorOfOthers(tx, initiativeId, userId))) return { ok: false, error: 'last_coordinator' } as const;
		const rows = await tx
			.update(membership)
			.set({ role })
			.where(and(eq(membership.initiativeId, initiativeId), eq(membership.userId, userId)))
			.returning({ userId: membership.userId });
		if (!rows.length) throw new NotFound();
		return { ok: true } as const;
	});
}

/** A coordinator removes a member. To leave yourself, use leaveInitiative. */
export async function removeMember(db: Db, viewer: Viewer, initiativeId: string, userId: string, now: Date = new Date()): Promise<Result> {
	const { role } = await requireCoordinator(db, viewer, { id: initiativeId });
	if (viewer!.userId === userId || !role) return { ok: false, error: 'not_self' };
	const removed = await db.transaction((tx) => endMembership(tx, initiativeId, userId, now));
	if (!removed) throw new NotFound();
	return { ok: true };
}
