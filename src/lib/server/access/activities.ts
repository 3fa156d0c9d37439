import { and, eq, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { activity, activityDate, activityHost, type DATE_AUDIENCES } from '../activities/schema.ts';
import { initiative, membership } from '../initiatives/schema.ts';
import { NotFound, requireSignedIn, type Role } from './core.ts';
import { inNetwork, inNetworkSql } from './initiatives.ts';

/** Who may see an activity, and who may run it. */

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

/**
 * Who may see a date of this activity in the network's list, as stored with
 * the date (`activity_date.audience`). `networkDateVisible` reads it back.
 */
export function dateAudience(a: Pick<ActivityAccess['activity'], 'visibility' | 'status'>): (typeof DATE_AUDIENCES)[number] {
	return a.status === 'proposed' ? 'proposed' : a.visibility;
}

/**
 * SQL: may this viewer see this date in the network's list? The same rule as
 * `canSeeActivity` and `visibleInNetwork`, on `activity_date` alone: the
 * initiative is published, and the date is open to the viewer's audience, or
 * the viewer is a member of its initiative (a proposal: its host or a coordinator).
 */
export function networkDateVisible(viewer: Viewer): SQL {
	const published = sql`${activityDate.initiativeId} in (select ${initiative.id} from ${initiative} where ${initiative.status} = 'published')`;
	// Written out, not a parameter: a prepared statement can then use the index of public dates (`activity_date_public_idx`).
	if (!viewer) return and(published, sql`${activityDate.audience} = 'public'`)!;
	const mine = (role?: 'coordinator') =>
		sql`${activityDate.initiativeId} in (select ${membership.initiativeId} from ${membership} where ${membership.userId} = ${viewer.userId}${role ? sql` and ${membership.role} = ${role}` : sql``})`;
	const hosting = sql`exists (select 1 from ${activity} where ${activity.id} = ${activityDate.activityId} and ${activity.createdBy} = ${viewer.userId})`;
	return and(
		published,
		or(
			eq(activityDate.audience, 'public'),
			and(eq(activityDate.audience, 'network'), inNetworkSql(viewer.userId)),
			and(ne(activityDate.audience, 'proposed'), mine()),
			and(eq(activityDate.audience, 'proposed'), or(mine('coordinator'), and(mine(), hosting)))
		)
	)!;
}

/**
 * Who may see an activity's own photo: exactly who may see the activity (a
 * members-only activity's photo only its members); NotFound for anyone else.
 * `public` when everyone may, so shared caches may keep it.
 */
export async function activityPhotoAccess(db: Db, viewer: Viewer, activityId: string): Promise<{ access: ActivityAccess; public: boolean }> {
	const access = await activityFor(db, viewer, activityId);
	return { access, public: canSeeActivity(access.activity, access.initiative.status, null, null) };
}
