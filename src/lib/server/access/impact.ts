import { and, eq, isNotNull } from 'drizzle-orm';
import type { SignedIn, Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { impactNote } from '../impact/schema.ts';
import { story } from '../stories/schema.ts';
import { NotFound, requireAdmin } from './core.ts';
import { requireCoordinator, requireMember, type InitiativeAccess } from './initiatives.ts';

/**
 * Who may see which figures (cijfers), and the voices in a report.
 *
 *   - An initiative's figures, its report log and its voices: its
 *     coordinators only. Not its members, not coordinators of other
 *     initiatives, not the association admin (who has the network's figures,
 *     where an initiative shows only when every cell passes suppression).
 *   - The network's figures (/beheer/cijfers): the association admin only.
 *   - The public figures (/cijfers): anyone; only initiatives that opted in,
 *     and only counts of things (initiatives, activities held), never people.
 *   - A quote: only from a published story of the initiative whose writer
 *     consented (`consent_impact`).
 *   - A "wat is er voor mij veranderd" note: a member writes it for their own
 *     initiative, and only they delete it (the coordinators read it in the
 *     report, without a name).
 */

/** An initiative's figures, report log and voices: its coordinators. */
export async function requireFigures(db: Db, viewer: Viewer, slug: string): Promise<InitiativeAccess & { role: 'coordinator' }> {
	return requireCoordinator(db, viewer, { slug });
}

/** The network's figures: the association admin. */
export function requireNetworkFigures(viewer: Viewer): SignedIn {
	return requireAdmin(viewer);
}

/** A story a coordinator may quote from: published, of this initiative, its writer consented. NotFound otherwise. */
export async function requireQuotableStory(db: Db, initiativeId: string, storyId: string): Promise<{ id: string; title: string; body: string }> {
	const [row] = await db
		.select({ id: story.id, title: story.title, body: story.body })
		.from(story)
		.where(and(eq(story.id, storyId), eq(story.initiativeId, initiativeId), eq(story.status, 'published'), eq(story.consentImpact, true), isNotNull(story.writerId)));
	if (!row) throw new NotFound();
	return row;
}

/** A member writes a note for their initiative's report. */
export async function requireNoteWriter(db: Db, viewer: Viewer, slug: string): Promise<InitiativeAccess & { role: 'member' | 'coordinator' }> {
	return requireMember(db, viewer, { slug });
}

/** Only the writer deletes a note; anyone else gets NotFound. */
export async function requireOwnNote(db: Db, viewer: Viewer, noteId: string): Promise<typeof impactNote.$inferSelect> {
	if (!viewer) throw new NotFound();
	const [row] = await db
		.select()
		.from(impactNote)
		.where(and(eq(impactNote.id, noteId), eq(impactNote.userId, viewer.userId)));
	if (!row) throw new NotFound();
	return row;
}
