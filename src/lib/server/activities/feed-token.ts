import { createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { requireSignedIn } from '../access/core.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { activityFeedToken } from './schema.ts';

/**
 * The secret link to a person's own calendar feed. The token is shown once;
 * only its SHA-256 hash is stored. Making a new one replaces the old one, and
 * stopping removes it: the old link then finds nothing.
 */

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Make (or renew) the link; returns the new token, to show once. */
export async function makeFeedToken(db: Db, viewer: Viewer): Promise<string> {
	const person = requireSignedIn(viewer);
	const token = randomBytes(32).toString('base64url');
	await db
		.insert(activityFeedToken)
		.values({ userId: person.userId, tokenHash: hash(token) })
		.onConflictDoUpdate({ target: activityFeedToken.userId, set: { tokenHash: hash(token), createdAt: new Date() } });
	return token;
}

/** Stop the link. */
export async function stopFeedToken(db: Db, viewer: Viewer): Promise<void> {
	const person = requireSignedIn(viewer);
	await db.delete(activityFeedToken).where(eq(activityFeedToken.userId, person.userId));
}

/** Whether the person has a link, and since when. */
export async function feedTokenStatus(db: Db, viewer: Viewer): Promise<{ createdAt: Date } | null> {
	const person = requireSignedIn(viewer);
	const [row] = await db.select({ createdAt: activityFeedToken.createdAt }).from(activityFeedToken).where(eq(activityFeedToken.userId, person.userId));
	return row ?? null;
}

/** The person a token belongs to, or null (unknown, stopped or renewed). */
export async function ownerOfFeedToken(db: Db, token: string): Promise<string | null> {
	if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
	const [row] = await db.select({ userId: activityFeedToken.userId }).from(activityFeedToken).where(eq(activityFeedToken.tokenHash, hash(token)));
	return row?.userId ?? null;
}
