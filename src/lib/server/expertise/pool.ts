import { and, asc, eq, isNull } from 'drizzle-orm';
import { requireAdmin } from '../access/core.ts';
import { poolScopeOf } from '../access/expertise.ts';
import { user } from '../accounts/schema.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { poolCoordinator } from './schema.ts';

/*
 * Pool coordinators (poolcoördinatoren) of the association: the admin gives
 * and takes the task by a person's e-mail address. Local pool coordinators
 * of an initiative share the table (with its initiative); how they are given
 * comes with local requests.
 */

export interface PoolCoordinatorRow {
	id: string;
	name: string;
	since: Date;
}

/** The association's pool coordinators, for the admin: their shown names, never their addresses (the admin sees no member's). */
export async function listPoolCoordinators(db: Db, viewer: Viewer): Promise<PoolCoordinatorRow[]> {
	requireAdmin(viewer);
	return db
		.select({ id: poolCoordinator.id, name: user.name, since: poolCoordinator.createdAt })
		.from(poolCoordinator)
		.innerJoin(user, eq(user.id, poolCoordinator.userId))
		.where(isNull(poolCoordinator.initiativeId))
		.orderBy(asc(user.name), asc(poolCoordinator.id))
		.limit(500);
}

/** The admin makes the person with this address a pool coordinator of the association; giving it twice changes nothing. */
export async function grantPoolCoordinator(db: Db, viewer: Viewer, email: string): Promise<{ ok: true } | { ok: false; error: 'expertise_error_no_account' }> {
	const admin = requireAdmin(viewer);
	const [person] = await db.select({ id: user.id }).from(user).where(eq(user.email, email.trim().toLowerCase()));
	if (!person) return { ok: false, error: 'expertise_error_no_account' };
	await db.insert(poolCoordinator).values({ userId: person.id, grantedBy: admin.userId }).onConflictDoNothing();
	return { ok: true };
}

/** The admin ends someone's task as pool coordinator of the association; an unknown id changes nothing. */
export async function revokePoolCoordinator(db: Db, viewer: Viewer, id: string): Promise<void> {
	requireAdmin(viewer);
	await db.delete(poolCoordinator).where(and(eq(poolCoordinator.id, id), isNull(poolCoordinator.initiativeId)));
}

/** Is the viewer a pool coordinator anywhere (to show the way to the overview)? */
export async function isPoolCoordinator(db: Db, viewer: Viewer): Promise<boolean> {
	return !!(await poolScopeOf(db, viewer));
}
