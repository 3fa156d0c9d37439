import { and, asc, eq, isNull, notExists, sql } from 'drizzle-orm';
import { requireAdmin } from '../access/core.ts';
import { poolScopeOf, poolTaskCounts } from '../access/expertise.ts';
import { requireCoordinator } from '../access/initiatives.ts';
import { user } from '../accounts/schema.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { initiative, membership } from '../initiatives/schema.ts';
import { rememberResult } from '../pagecache/index.ts';
import { poolCoordinator } from './schema.ts';

/*
 * Pool coordinators (poolcoördinatoren). The association's: the admin gives
 * and takes the task by a person's e-mail address. An initiative's own, for
 * requests made to that initiative: its coordinators choose them from its
 * members, and the task counts only while they are a member.
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

/** An initiative's own pool coordinators, and the members who could become one. */
export interface LocalPool {
	initiative: { slug: string; name: string; published: boolean };
	coordinators: PoolCoordinatorRow[];
	candidates: Array<{ userId: string; name: string }>;
}

const LOCAL_LIMIT = 500;

/** For the initiative's coordinators only (NotFound for anyone else). */
export async function localPool(db: Db, viewer: Viewer, slug: string): Promise<LocalPool> {
	const { initiative: i } = await requireCoordinator(db, viewer, { slug });
	// The same for each of its coordinators; the members are sorted over all of them, so read once per content version.
	return rememberResult(`local-pool|${i.id}`, () => readLocalPool(db, i));
}

async function readLocalPool(db: Db, i: { id: string; slug: string; name: string; status: string }): Promise<LocalPool> {
	const coordinators = await db
		.select({ id: poolCoordinator.id, name: user.name, since: poolCoordinator.createdAt })
		.from(poolCoordinator)
		.innerJoin(user, eq(user.id, poolCoordinator.userId))
		.where(and(eq(poolCoordinator.initiativeId, i.id), poolTaskCounts))
		.orderBy(asc(user.name), asc(poolCoordinator.id))
		.limit(LOCAL_LIMIT);
	const already = db
		.select({ one: sql`1` })
		.from(poolCoordinator)
		.where(and(eq(poolCoordinator.userId, membership.userId), eq(poolCoordinator.initiativeId, i.id)));
	const candidates = await db
		.select({ userId: membership.userId, name: user.name })
		.from(membership)
		.innerJoin(user, eq(user.id, membership.userId))
		.where(and(eq(membership.initiativeId, i.id), notExists(already)))
		.orderBy(asc(user.name), asc(user.id))
		.limit(LOCAL_LIMIT);
	return { initiative: { slug: i.slug, name: i.name, published: i.status === 'published' }, coordinators, candidates };
}

/** A coordinator gives one of the initiative's members the task; giving it twice changes nothing. */
export async function grantLocalPoolCoordinator(db: Db, viewer: Viewer, slug: string, userId: string): Promise<{ ok: true } | { ok: false; error: 'not_member' }> {
	const { initiative: i } = await requireCoordinator(db, viewer, { slug });
	const [member] = await db
		.select({ userId: membership.userId })
		.from(membership)
		.where(and(eq(membership.initiativeId, i.id), eq(membership.userId, userId)));
	if (!member) return { ok: false, error: 'not_member' };
	await db
		.insert(poolCoordinator)
		.values({ userId, initiativeId: i.id, grantedBy: viewer!.userId })
		.onConflictDoNothing();
	return { ok: true };
}

/** A coordinator ends someone's task for the initiative; an id of another initiative changes nothing. */
export async function revokeLocalPoolCoordinator(db: Db, viewer: Viewer, slug: string, id: string): Promise<void> {
	const { initiative: i } = await requireCoordinator(db, viewer, { slug });
	await db.delete(poolCoordinator).where(and(eq(poolCoordinator.id, id), eq(poolCoordinator.initiativeId, i.id)));
}

/** A public initiative that takes requests of its own (it has a pool coordinator), for the way in from its page and the form. */
export async function localPoolOf(db: Db, slug: string): Promise<{ slug: string; name: string } | null> {
	const [row] = await db
		.select({ slug: initiative.slug, name: initiative.name })
		.from(initiative)
		.where(
			and(
				eq(initiative.slug, slug),
				eq(initiative.status, 'published'),
				sql`exists (select 1 from ${poolCoordinator} where ${poolCoordinator.initiativeId} = ${initiative.id} and ${poolTaskCounts})`
			)
		);
	return row ?? null;
}
