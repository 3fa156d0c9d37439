import type { Viewer } from '../accounts/viewer.ts';
import type { initiative } from '../initiatives/schema.ts';
import type { Role } from './core.ts';

/**
 * The way into an initiative for this viewer, so no page is a dead end:
 * - `member`: already in;
 * - `sign_in`: no account yet (the page says which ways in exist first);
 * - `join`: an open initiative: "Word lid" in one step;
 * - `ask`: an initiative by invitation: "Vraag of je mag meedoen", which its coordinators answer;
 * - `none`: not public (waits for approval or taken offline): nobody new gets in.
 */
export type WayIn = 'member' | 'sign_in' | 'join' | 'ask' | 'none';

export function wayIn(home: Pick<typeof initiative.$inferSelect, 'status' | 'joinPolicy'>, role: Role | null, viewer: Viewer): WayIn {
	if (role) return 'member';
	if (home.status !== 'published') return 'none';
	if (!viewer) return 'sign_in';
	return home.joinPolicy === 'open' ? 'join' : 'ask';
}

/** May this viewer ask to join? Only signed in, not a member, of a published initiative by invitation. */
export const mayAskToJoin = (home: Pick<typeof initiative.$inferSelect, 'status' | 'joinPolicy'>, role: Role | null, viewer: Viewer) =>
	wayIn(home, role, viewer) === 'ask';
