import { and, eq } from 'drizzle-orm';
import type { SignedIn, Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { activity, activityHost } from '../activities/schema.ts';
import { initiative, membership } from '../initiatives/schema.ts';

/**
 * Who may do what: decided here, once, for every capability. Services call
 * these checks with the viewer; routes never decide on their own.
 *
 * Anything a viewer may not see is reported as "not found", so hidden things
 * do not reveal that they exist.
 */

export class NotFound extends Error {
	constructor() {
		super('not found');
	}
}

/** A person must sign in first; routes turn this into a redirect to /inloggen. */
export class SignInRequired extends Error {
	constructor() {
		super('sign in required');
	}
}

export type Role = 'member' | 'coordinator';

export interface InitiativeAccess {
	initiative: typeof initiative.$inferSelect;
	/** The viewer's role in this initiative, or null when not a member. */
	role: Role | null;
}

export function requireSignedIn(viewer: Viewer): SignedIn {
	if (!viewer) throw new SignInRequired();
	return viewer;
}

/** The viewer's role in an initiative, or null. */
export async function roleIn(db: Db, viewer: Viewer, initiativeId: string): Promise<Role | null> {
	if (!viewer) return null;
	const [row] = await db
		.select({ role: membership.role })
		.from(membership)
		.where(and(eq(membership.initiativeId, initiativeId), eq(membership.userId, viewer.userId)));
	return row?.role ?? null;
}

/**
 * An initiative as this viewer may see it. Published initiatives are public;
 * one that waits for approval or was taken offline is visible only to its own
 * members and to the association admin.
 */
export async function initiativeFor(db: Db, viewer: Viewer, by: { slug: string } | { id: string }): Promise<InitiativeAccess> {
	const where = 'slug' in by ? eq(initiative.slug, by.slug) : eq(initiative.id, by.id);
	const rows = viewer
		? await db
				.select({ initiative, role: membership.role })
				.from(initiative)
				.leftJoin(membership, and(eq(membership.initiativeId, initiative.id), eq(membership.userId, viewer.userId)))
				.where(where)
		: (await db.select({ initiative }).from(initiative).where(where)).map((r) => ({ ...r, role: null }));
	const found = rows[0];
	if (!found) throw new NotFound();
	const role = found.role ?? null;
	if (found.initiative.status !== 'published' && !role && !viewer?.isAdmin) throw new NotFound();
	return { initiative: found.initiative, role };
}

/** Only members of the initiative (any role). */
export async function requireMember(db: Db, viewer: Viewer, by: { slug: string } | { id: string }): Promise<InitiativeAccess & { role: Role }> {
	requireSignedIn(viewer);
	const access = await initiativeFor(db, viewer, by);
	if (!access.role) throw new NotFound();
	return access as InitiativeAccess & { role: Role };
}

/** Only coordinators of the initiative: the people who look after it. */
export async function requireCoordinator(db: Db, viewer: Viewer, by: { slug: string } | { id: string }): Promise<InitiativeAccess & { role: 'coordinator' }> {
	const access = await requireMember(db, viewer, by);
	if (access.role !== 'coordinator') throw new NotFound();
	return access as InitiativeAccess & { role: 'coordinator' };
}

/** Only the association admin (verenigingsbeheer). */
export function requireAdmin(viewer: Viewer): SignedIn {
	const signedIn = requireSignedIn(viewer);
	if (!signedIn.isAdmin) throw new NotFound();
	return signedIn;
}

export interface ActivityAccess {
	activity: typeof activity.$inferSelect;
	initiative: typeof initiative.$inferSelect;
	/** The viewer's role in the activity's initiative, or null when not a member. */
	role: Role | null;
	/** A host (who proposed it, or a co-host) or a coordinator: may edit, cancel and see who comes. */
	canManage: boolean;
}

/**
 * May this viewer see this activity? Members of its initiative see all its
 * activities (a proposed one only its host and the coordinators). Anyone else
 * sees only public, published or cancelled activities of a published
 * initiative — and, when they belong to any initiative (`inNetwork`), its
 * activities for the network too.
 */
export function canSeeActivity(
	a: Pick<ActivityAccess['activity'], 'visibility' | 'status' | 'createdBy'>,
	initiativeStatus: string,
	role: Role | null,
	userId: string | null,
	inNetwork = false
): boolean {
	if (role) return a.status !== 'proposed' || role === 'coordinator' || a.createdBy === userId;
	const open = a.visibility === 'public' || (a.visibility === 'network' && inNetwork);
	return initiativeStatus === 'published' && open && a.status !== 'proposed';
}

/** Is the viewer signed in and a member of at least one initiative (part of the network)? */
export async function inNetwork(db: Db, viewer: Pick<SignedIn, 'userId'> | null): Promise<boolean> {
	if (!viewer) return false;
	const [row] = await db.select({ id: membership.initiativeId }).from(membership).where(eq(membership.userId, viewer.userId)).limit(1);
	return !!row;
}

/**
 * canSeeActivity for a person known only by id (a calendar feed, a mail sent
 * later): asks whether they are in the network only when that decides it.
 */
export async function personSeesActivity(
	db: Db,
	userId: string,
	a: Pick<ActivityAccess['activity'], 'visibility' | 'status' | 'createdBy'>,
	initiativeStatus: string,
	role: Role | null
): Promise<boolean> {
	const network = !role && a.visibility === 'network' && (await inNetwork(db, { userId }));
	return canSeeActivity(a, initiativeStatus, role, userId, network);
}

/** An activity as this viewer may see it; NotFound when hidden or unknown. */
export async function activityFor(db: Db, viewer: Viewer, activityId: string): Promise<ActivityAccess> {
	const [found] = viewer
		? await db
				.select({ activity, initiative, role: membership.role, coHost: activityHost.userId })
				.from(activity)
				.innerJoin(initiative, eq(initiative.id, activity.initiativeId))
				.leftJoin(membership, and(eq(membership.initiativeId, activity.initiativeId), eq(membership.userId, viewer.userId)))
				.leftJoin(activityHost, and(eq(activityHost.activityId, activity.id), eq(activityHost.userId, viewer.userId)))
				.where(eq(activity.id, activityId))
		: await db
				.select({ activity, initiative })
				.from(activity)
				.innerJoin(initiative, eq(initiative.id, activity.initiativeId))
				.where(eq(activity.id, activityId));
	if (!found) throw new NotFound();
	const role: Role | null = ('role' in found ? (found.role as Role | null) : null) ?? null;
	const userId = viewer?.userId ?? null;
	const network = !role && found.activity.visibility === 'network' && (await inNetwork(db, viewer));
	if (!canSeeActivity(found.activity, found.initiative.status, role, userId, network)) throw new NotFound();
	const isHost = found.activity.createdBy === userId || ('coHost' in found && found.coHost !== null);
	const canManage = role === 'coordinator' || (!!role && isHost);
	return { activity: found.activity, initiative: found.initiative, role, canManage };
}

/** Only a host of the activity (also a co-host) or a coordinator of its initiative. */
export async function requireActivityManager(db: Db, viewer: Viewer, activityId: string): Promise<ActivityAccess> {
	requireSignedIn(viewer);
	const access = await activityFor(db, viewer, activityId);
	if (!access.canManage) throw new NotFound();
	return access;
}
