import { and, eq, inArray, isNotNull, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import { user } from '../accounts/schema.ts';
import type { SignedIn, Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { expertProfile, poolCoordinator, poolProposal, poolRequest, type PoolRequestRow, type ExpertiseAudience, type ExpertiseForm, type ExpertiseRegion, type ExpertiseTheme } from '../expertise/schema.ts';
import { membership } from '../initiatives/schema.ts';
import { outsideRequest } from '../outside/schema.ts';
import { NotFound, requireSignedIn } from './core.ts';

/**
 * Who may see an ervaringsdeskundige's profile, in plain words:
 *   - a published profile: anyone, also signed out — its public part only
 *     (never an e-mail address, a phone number, or the account's name when
 *     the expert chose a pseudonym: the profile holds none of these);
 *   - an unpublished profile: only the expert;
 *   - "hier praat ik niet over": the expert, and pool coordinators — of the
 *     association for every published profile, of an initiative for the
 *     published profiles of that initiative's members. Never the public,
 *     other members, initiative coordinators or the admin as such.
 * The association admin gives and takes the pool coordinator task; being
 * admin alone shows no more than any member.
 */

/** Where a pool coordinator works: the whole association, and/or some initiatives. */
export interface PoolScope {
	wide: boolean;
	initiativeIds: string[];
}

/** SQL: the profile is public. */
export const published: SQL = isNotNull(expertProfile.publishedAt);

/** SQL: the name a profile shows — its pseudonym, or the account's display name; nothing else of the account. */
export const shownName = sql<string>`case when ${expertProfile.pseudonym} <> '' then ${expertProfile.pseudonym} else (select ${user.name} from ${user} where ${user.id} = ${expertProfile.userId}) end`;

/** What an expert writes in their profile for others to read: the public part, and part of their own view and export. */
export const profileContent = {
	themes: expertProfile.themes,
	ownThemes: expertProfile.ownThemes,
	audiences: expertProfile.audiences,
	forms: expertProfile.forms,
	regions: expertProfile.regions,
	online: expertProfile.online,
	availability: expertProfile.availability,
	languages: expertProfile.languages,
	training: expertProfile.training,
	introduction: expertProfile.introduction,
	rates: expertProfile.rates,
};

/** The public part of a profile; `notAbout`, `userId` and the search vector are never in it. */
export const publicColumns = {
	id: expertProfile.id,
	name: shownName,
	...profileContent,
	publishedAt: expertProfile.publishedAt,
	updatedAt: expertProfile.updatedAt
};

/** SQL: a pool coordinator task that counts — the association's, or an initiative's for as long as they are its member. */
export const poolTaskCounts: SQL = sql`(${poolCoordinator.initiativeId} is null or exists (select 1 from ${membership} where ${membership.userId} = ${poolCoordinator.userId} and ${membership.initiativeId} = ${poolCoordinator.initiativeId}))`;

/** The viewer's pool coordinator tasks, or null when they have none. */
export async function poolScopeOf(db: Db, viewer: Viewer): Promise<PoolScope | null> {
	if (!viewer) return null;
	const rows = await db
		.select({ initiativeId: poolCoordinator.initiativeId })
		.from(poolCoordinator)
		.where(and(eq(poolCoordinator.userId, viewer.userId), poolTaskCounts));
	if (!rows.length) return null;
	return { wide: rows.some((r) => r.initiativeId === null), initiativeIds: rows.flatMap((r) => (r.initiativeId ? [r.initiativeId] : [])) };
}

/** SQL: the published profiles a pool coordinator with this scope works with. */
export function profilesInScope(scope: PoolScope): SQL {
	if (scope.wide) return published;
	if (!scope.initiativeIds.length) return sql`false`;
	const members = sql`exists (select 1 from ${membership} where ${membership.userId} = ${expertProfile.userId} and ${inArray(membership.initiativeId, scope.initiativeIds)})`;
	return and(published, members)!;
}

/** Only a pool coordinator (of the association or an initiative); anyone else gets NotFound. */
export async function requirePoolCoordinator(db: Db, viewer: Viewer): Promise<{ viewer: SignedIn; scope: PoolScope }> {
	const signedIn = requireSignedIn(viewer);
	const scope = await poolScopeOf(db, signedIn);
	if (!scope) throw new NotFound();
	return { viewer: signedIn, scope };
}

export interface PublicProfile {
	id: string;
	name: string;
	themes: ExpertiseTheme[];
	ownThemes: string;
	audiences: ExpertiseAudience[];
	forms: ExpertiseForm[];
	regions: ExpertiseRegion[];
	online: boolean;
	availability: string;
	languages: string;
	training: string;
	introduction: string;
	rates: string;
	publishedAt: Date | null;
	updatedAt: Date;
}

export interface ProfileAccess {
	profile: PublicProfile;
	isOwner: boolean;
	/** The viewer may read "hier praat ik niet over". */
	mayReadNotAbout: boolean;
}

/** A profile by its id as this viewer may see it: published, or their own; NotFound otherwise. */
export async function expertProfileFor(db: Db, viewer: Viewer, profileId: string): Promise<ProfileAccess> {
	const visible = viewer ? or(published, eq(expertProfile.userId, viewer.userId))! : published;
	const [row] = await db
		.select({ ...publicColumns, userId: expertProfile.userId })
		.from(expertProfile)
		.where(and(eq(expertProfile.id, profileId), visible));
	if (!row) throw new NotFound();
	const { userId, ...profile } = row;
	const isOwner = !!viewer && userId === viewer.userId;
	return { profile, isOwner, mayReadNotAbout: isOwner || (await inPoolScope(db, viewer, profileId)) };
}

/** Is this profile one the viewer works with as pool coordinator? */
async function inPoolScope(db: Db, viewer: Viewer, profileId: string): Promise<boolean> {
	const scope = await poolScopeOf(db, viewer);
	if (!scope) return false;
	const [row] = await db
		.select({ id: expertProfile.id })
		.from(expertProfile)
		.where(and(eq(expertProfile.id, profileId), profilesInScope(scope)));
	return !!row;
}

/** "Hier praat ik niet over" of a profile, for the expert and the pool coordinators of that profile only. */
export async function notAboutFor(db: Db, viewer: Viewer, profileId: string): Promise<string> {
	const access = await expertProfileFor(db, viewer, profileId);
	if (!access.mayReadNotAbout) throw new NotFound();
	const [row] = await db.select({ notAbout: expertProfile.notAbout }).from(expertProfile).where(eq(expertProfile.id, profileId));
	return row.notAbout;
}

/*
 * Requests to the pool, in plain words:
 *   - the organisation: only through its secret link, and only its own
 *     request — the thread, the status, the accepted experts by their shown
 *     name (never an address, a phone number, "hier praat ik niet over", or
 *     who was proposed and declined or has not answered yet);
 *   - an expert: only the requests they were proposed for (never the
 *     organisation's contact details: contact goes through the pool);
 *   - pool coordinators: the confirmed requests in their scope — all for the
 *     association's, an initiative's local requests for that initiative's;
 *   - nobody else: not initiative coordinators, members or the admin as such.
 */

/** SQL: the confirmed, not forgotten requests a pool coordinator with this scope works with. */
export function requestsInScope(scope: PoolScope): SQL {
	const open = and(isNotNull(outsideRequest.confirmedAt), isNull(outsideRequest.forgottenAt))!;
	if (scope.wide) return open;
	if (!scope.initiativeIds.length) return sql`false`;
	return and(open, inArray(poolRequest.initiativeId, scope.initiativeIds))!;
}

/** A request a pool coordinator may work on; NotFound for anyone else, unknown ids and requests outside their scope. */
export async function requestForCoordinator(db: Db, viewer: Viewer, requestId: string): Promise<{ viewer: SignedIn; scope: PoolScope; request: PoolRequestRow; closedAt: Date | null }> {
	const { viewer: me, scope } = await requirePoolCoordinator(db, viewer);
	const [row] = await db
		.select({ request: poolRequest, closedAt: outsideRequest.closedAt })
		.from(poolRequest)
		.innerJoin(outsideRequest, eq(outsideRequest.id, poolRequest.id))
		.where(and(eq(poolRequest.id, requestId), requestsInScope(scope)));
	if (!row) throw new NotFound();
	return { viewer: me, scope, request: row.request, closedAt: row.closedAt };
}

/** The viewer's own proposal for a request (withdrawn ones are gone for them); NotFound otherwise. */
export async function proposalForExpert(db: Db, viewer: Viewer, requestId: string): Promise<{ viewer: SignedIn; proposal: typeof poolProposal.$inferSelect }> {
	const me = requireSignedIn(viewer);
	const [row] = await db
		.select({ proposal: poolProposal })
		.from(poolProposal)
		.innerJoin(expertProfile, eq(expertProfile.id, poolProposal.profileId))
		.innerJoin(outsideRequest, eq(outsideRequest.id, poolProposal.requestId))
		.where(and(eq(poolProposal.requestId, requestId), eq(expertProfile.userId, me.userId), ne(poolProposal.answer, 'withdrawn'), isNull(outsideRequest.forgottenAt)));
	if (!row) throw new NotFound();
	return { viewer: me, proposal: row.proposal };
}

/**
 * An expert reads and writes in a request's thread once they said yes: all
 * contact with the organisation goes through it, so no address is ever
 * handed out. Before that, or after a no, the thread is not theirs.
 */
export function threadOpenToExpert(proposal: Pick<typeof poolProposal.$inferSelect, 'answer'>): boolean {
	return proposal.answer === 'accepted';
}

/** SQL: the proposals an organisation sees — accepted ones only, so a decline or a silence never shows. */
export const shownToOrganisation: SQL = eq(poolProposal.answer, 'accepted');

/** The overview of requests (figures only): the association's pool coordinators and the admin; NotFound for anyone else. */
export async function requireRequestOverview(db: Db, viewer: Viewer): Promise<SignedIn> {
	const me = requireSignedIn(viewer);
	if (me.isAdmin) return me;
	if (!(await poolScopeOf(db, me))?.wide) throw new NotFound();
	return me;
}
