import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { SignedIn, Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { initiative, membership } from '../initiatives/schema.ts';
import { NotFound, requireSignedIn, type Role } from './core.ts';

/** Who may see and run an initiative. */

export interface InitiativeAccess {
	initiative: typeof initiative.$inferSelect;
	/** The viewer's role in this initiative, or null when not a member. */
	role: Role | null;
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

/**
 * Why the association declined the initiative: for its own coordinators, and
 * only while it is not public (publishing clears the reason).
 */
export function reviewNoteFor({ initiative: i, role }: InitiativeAccess): string | null {
	return role === 'coordinator' && i.status === 'unpublished' ? i.reviewNote : null;
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

/**
 * The initiatives this viewer looks after (is a coordinator of), in any state,
 * by name: the only ones whose coordinator to-dos (start page) they get.
 * Nobody else's, and none for a person who is only a member.
 */
export async function coordinatedBy(db: Db, viewer: Viewer): Promise<Array<{ id: string; slug: string; name: string }>> {
	if (!viewer) return [];
	return db
		.select({ id: initiative.id, slug: initiative.slug, name: initiative.name })
		.from(membership)
		.innerJoin(initiative, eq(initiative.id, membership.initiativeId))
		.where(and(eq(membership.userId, viewer.userId), eq(membership.role, 'coordinator')))
		.orderBy(asc(initiative.name), asc(initiative.id));
}

/**
 * SQL: is this person part of the network, a member of at least one
 * published initiative? Someone whose only initiative still waits for
 * approval (anyone can start one) or was taken offline is not. Used by every
 * rule that opens something "for the network" (activities, vraag & aanbod).
 */
export function inNetworkSql(userId: string): SQL {
	return sql`exists (select 1 from ${membership} as network_membership
		join ${initiative} as network_initiative on network_initiative.id = network_membership.initiative_id
		where network_membership.user_id = ${userId} and network_initiative.status = 'published')`;
}

/** Is this person signed in and part of the network (see `inNetworkSql`)? */
export async function inNetwork(db: Db, viewer: Viewer | Pick<SignedIn, 'userId'>): Promise<boolean> {
	if (!viewer) return false;
	const [row] = await db.select({ yes: inNetworkSql(viewer.userId).mapWith(Boolean) }).from(sql`(values (1)) as one`);
	return row?.yes === true;
}
