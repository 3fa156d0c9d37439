import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { handover, type HandoverRow } from '../handover/schema.ts';
import { outsideRequest, type OutsideRequestRow } from '../outside/schema.ts';
import { NotFound } from './core.ts';
import { initiativeFor, requireCoordinator, type InitiativeAccess } from './initiatives.ts';

/**
 * Who may see what of a handover (warme overdracht).
 *
 *   - Anyone, without an account, may pass a person on to a published
 *     initiative, or ask to be called. Not to one that waits for approval
 *     or was taken offline.
 *   - The person's details (name, phone, e-mail, their words) and the
 *     professional's are seen only by the coordinators of THAT initiative,
 *     once the request was confirmed, until the details are forgotten
 *     (closed + 90 days). Not the association admin, not
 *     coordinators of other initiatives, not members.
 *   - The secret link shows its holder only the step, and only when the
 *     person agreed to that (or asked themselves); never the details.
 */

/** The initiative a handover may go to: published, for anyone. NotFound otherwise. */
export async function handoverTarget(db: Db, slug: string): Promise<InitiativeAccess['initiative']> {
	const { initiative } = await initiativeFor(db, null, { slug });
	if (initiative.status !== 'published') throw new NotFound();
	return initiative;
}

/** The handovers' queue of one initiative: its coordinators only. */
export async function requireHandoverCoordinator(db: Db, viewer: Viewer, slug: string): Promise<InitiativeAccess & { role: 'coordinator' }> {
	return requireCoordinator(db, viewer, { slug });
}

/** One confirmed handover with the person's details, for a coordinator of its initiative; NotFound for anyone else. */
export async function handoverForCoordinator(
	db: Db,
	viewer: Viewer,
	slug: string,
	id: string
): Promise<{ access: InitiativeAccess; handover: HandoverRow; request: OutsideRequestRow }> {
	const access = await requireHandoverCoordinator(db, viewer, slug);
	const [found] = await db
		.select({ handover, request: outsideRequest })
		.from(handover)
		.innerJoin(outsideRequest, eq(outsideRequest.id, handover.id))
		.where(and(eq(handover.id, id), eq(handover.initiativeId, access.initiative.id), isNotNull(outsideRequest.confirmedAt), isNull(outsideRequest.forgottenAt)));
	if (!found) throw new NotFound();
	return { access, ...found };
}

/** Does the holder of the secret link see the step? Only with the person's consent, or when they asked themselves. */
export const linkShowsStep = (h: Pick<HandoverRow, 'source' | 'shareStep'>) => h.source === 'self' || h.shareStep;
