import { eq } from 'drizzle-orm';
import { requireSignedIn } from '../access/core.ts';
import { postFor } from '../access/exchange.ts';
import { acceptsFrom } from '../access/messages.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { today } from '../exchange/service.ts';
import { messageSetting, WHO_MAY_WRITE, type WhoMayWrite } from './schema.ts';

/*
 * "Wie mag mij berichten sturen": a person's own boundary for new messages.
 * Who is let through is decided in access/messages.ts (`acceptsFrom`).
 */

/** The viewer's choice (the default: `members`). */
export async function whoMayWrite(db: Db, viewer: Viewer): Promise<WhoMayWrite> {
	const me = requireSignedIn(viewer).userId;
	const [row] = await db.select({ who: messageSetting.whoMayWrite }).from(messageSetting).where(eq(messageSetting.userId, me));
	return row?.who ?? 'members';
}

/** Change it; false for a choice that does not exist. */
export async function setWhoMayWrite(db: Db, viewer: Viewer, who: unknown): Promise<boolean> {
	const me = requireSignedIn(viewer).userId;
	const choice = WHO_MAY_WRITE.find((w) => w === who);
	if (!choice) return false;
	await db
		.insert(messageSetting)
		.values({ userId: me, whoMayWrite: choice })
		.onConflictDoUpdate({ target: messageSetting.userId, set: { whoMayWrite: choice, updatedAt: new Date() } });
	return true;
}

/** May the viewer start a conversation with the writer of this post? (NotFound when they may not see it.) */
export async function mayRespondTo(db: Db, viewer: Viewer, postId: string): Promise<boolean> {
	const { post, isOwner } = await postFor(db, viewer, postId, today());
	return !isOwner && acceptsFrom(db, post.createdBy, viewer!.userId, false);
}
