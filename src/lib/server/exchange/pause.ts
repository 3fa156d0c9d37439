import { and, eq, gte, isNull, or } from 'drizzle-orm';
import { requireSignedIn } from '../access/core.ts';
import { requirePostOwner } from '../access/exchange.ts';
import { parseDate } from '../activities/time.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { exchangePause, exchangePost } from './schema.ts';
import { today } from './service.ts';

/*
 * "Even pauze" (hide all my offers and requests for a while) and
 * "verlengen" (a later end day for one post). Who sees what during a pause
 * is decided in access/exchange.ts.
 */

/** The viewer's pause, if one lasts today: through `until`, or until they end it (null). */
export async function myPause(db: Db, viewer: Viewer, now = new Date()): Promise<{ until: string | null } | null> {
	const me = requireSignedIn(viewer).userId;
	const [row] = await db
		.select({ until: exchangePause.until })
		.from(exchangePause)
		.where(and(eq(exchangePause.userId, me), or(isNull(exchangePause.until), gte(exchangePause.until, today(now)))));
	return row ?? null;
}

/** A day typed in a form (`2026-12-24`), or null when empty; `invalid` when it is no date or already past. */
export function readDay(value: unknown, now = new Date()): string | null | 'invalid' {
	const text = typeof value === 'string' ? value.trim() : '';
	if (!text) return null;
	const date = parseDate(text);
	if (!date) return 'invalid';
	const day = `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
	return day < today(now) ? 'invalid' : day;
}

/** Start (or change) "even pauze", through `until` or until the viewer ends it (null). */
export async function startPause(db: Db, viewer: Viewer, until: string | null): Promise<void> {
	const me = requireSignedIn(viewer).userId;
	await db
		.insert(exchangePause)
		.values({ userId: me, until })
		.onConflictDoUpdate({ target: exchangePause.userId, set: { until, createdAt: new Date() } });
}

/** End "even pauze": others see the viewer's posts again. */
export async function endPause(db: Db, viewer: Viewer): Promise<void> {
	const me = requireSignedIn(viewer).userId;
	await db.delete(exchangePause).where(eq(exchangePause.userId, me));
}

/** "Verlengen": who wrote a post gives it a later end day (also once it has passed); it opens again if it was closed. */
export async function extendPost(db: Db, viewer: Viewer, postId: string, endsOn: string): Promise<void> {
	await requirePostOwner(db, viewer, postId, today());
	await db.update(exchangePost).set({ endsOn, closedAt: null, updatedAt: new Date() }).where(eq(exchangePost.id, postId));
}
