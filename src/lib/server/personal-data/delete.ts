import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { initiative, membership } from '../initiatives/schema.ts';
import { log } from '../log/index.ts';
import { checkCurrentPassword, type AccountDeps } from '../accounts/account.ts';
import { forgetPendingEmailChange } from '../accounts/account-email.ts';
import { personalDataParts, type PersonalDataPart } from './index.ts';
import { user } from '../accounts/schema.ts';
import { signOut, type RequestInfo } from '../accounts/service.ts';
import type { SignedIn } from '../accounts/viewer.ts';

/*
 * Deleting an account: the account, its sessions and memberships are removed;
 * what others rely on is anonymised by each capability (personal-data.ts).
 * An initiative with other members must keep a coordinator, so its last
 * coordinator cannot leave before someone else takes over.
 */

export interface InitiativeRef {
	slug: string;
	name: string;
}

export type DeleteResult =
	| { ok: true; setCookies: string[] }
	| { ok: false; error: 'wrong_password' | 'rate_limited' }
	| { ok: false; error: 'last_coordinator'; initiatives: InitiativeRef[] };

/**
 * Initiatives where the viewer is the only coordinator while others are
 * members: someone must take over before the viewer can delete their account.
 */
export async function initiativesNeedingSuccessor(db: Db, viewer: SignedIn): Promise<InitiativeRef[]> {
	const others = (role?: 'coordinator') => sql`exists (
		select 1 from ${membership} other
		where other.initiative_id = ${membership.initiativeId} and other.user_id <> ${viewer.userId}
		${role ? sql`and other.role = ${role}` : sql``})`;
	return db
		.select({ slug: initiative.slug, name: initiative.name })
		.from(membership)
		.innerJoin(initiative, eq(initiative.id, membership.initiativeId))
		.where(and(eq(membership.userId, viewer.userId), eq(membership.role, 'coordinator'), others(), sql`not ${others('coordinator')}`))
		.orderBy(initiative.name);
}

/**
 * Delete the viewer's account after checking their password. Returns the
 * cookies that sign this browser out.
 */
export async function deleteAccount(
	deps: AccountDeps,
	viewer: SignedIn,
	req: RequestInfo,
	input: { currentPassword: string },
	parts: PersonalDataPart[] = personalDataParts
): Promise<DeleteResult> {
	const check = await checkCurrentPassword(deps, viewer, input.currentPassword);
	if (check !== 'ok') return { ok: false, error: check };

	const blocked = await deps.db.transaction(async (t) => {
		const tx = t as unknown as Db;
		// Lock the initiatives this person coordinates, so nobody changes roles there while we check.
		const coordinated = tx
			.select({ id: membership.initiativeId })
			.from(membership)
			.where(and(eq(membership.userId, viewer.userId), eq(membership.role, 'coordinator')));
		await tx.select({ id: initiative.id }).from(initiative).where(inArray(initiative.id, coordinated)).for('update');
		const needSuccessor = await initiativesNeedingSuccessor(tx, viewer);
		if (needSuccessor.length) return needSuccessor;

		for (const part of [...parts].reverse()) await part.erase?.(tx, viewer);
		await forgetPendingEmailChange(tx, viewer.userId);
		await tx.delete(user).where(eq(user.id, viewer.userId));
		return null;
	});
	if (blocked) return { ok: false, error: 'last_coordinator', initiatives: blocked };

	log.info({ userId: viewer.userId }, 'account deleted at the request of its owner');
	// The session row went with the account; this only clears the cookies.
	const out = await signOut(deps, req);
	return { ok: true, setCookies: out.ok ? out.setCookies : [] };
}
