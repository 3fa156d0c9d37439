import { and, eq } from 'drizzle-orm';
import { storyFor } from '../access/stories.ts';
import { NotFound, requireSignedIn } from '../access/core.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { storyRecognition } from './schema.ts';
import { today } from './service.ts';

/**
 * "Dit herken ik": a reader who may read a live story says they recognise
 * themselves in it, once, and may take it back. Only the writer sees how
 * many did; nothing is sorted or shown by it.
 */
export async function setRecognition(db: Db, viewer: Viewer, storyId: string, recognised: boolean): Promise<void> {
	const signedIn = requireSignedIn(viewer);
	const access = await storyFor(db, viewer, storyId, today());
	if (access.isWriter || access.story.status !== 'published') throw new NotFound();
	if (recognised) await db.insert(storyRecognition).values({ storyId, userId: signedIn.userId }).onConflictDoNothing();
	else await db.delete(storyRecognition).where(and(eq(storyRecognition.storyId, storyId), eq(storyRecognition.userId, signedIn.userId)));
}
