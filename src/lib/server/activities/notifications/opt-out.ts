import { eq } from 'drizzle-orm';
import { user } from '../../accounts/schema.ts';
import type { SignedIn } from '../../accounts/viewer.ts';
import type { Db } from '../../db/index.ts';
import { optOutToken, verifyOptOutToken } from '../../notify/index.ts';
import { reminderOptOut } from './schema.ts';

/*
 * Reminders by e-mail are on unless a person turns them off: in their account,
 * or with the signed link in every reminder (no sign-in needed).
 */

/** Whether this person turned reminders by e-mail off. */
export async function hasOptedOut(db: Db, userId: string): Promise<boolean> {
	const [row] = await db.select({ userId: reminderOptOut.userId }).from(reminderOptOut).where(eq(reminderOptOut.userId, userId));
	return !!row;
}

/** Turn your own reminders by e-mail on or off (account setting). */
export async function setReminders(db: Db, viewer: SignedIn, on: boolean): Promise<void> {
	if (on) await db.delete(reminderOptOut).where(eq(reminderOptOut.userId, viewer.userId));
	else await db.insert(reminderOptOut).values({ userId: viewer.userId }).onConflictDoNothing();
}

/** Whether reminders are on for you. */
export async function remindersOn(db: Db, viewer: SignedIn): Promise<boolean> {
	return !(await hasOptedOut(db, viewer.userId));
}

/** Where the "no more reminders" link leads. */
export const STOP_REMINDERS_PATH = '/herinneringen-uitzetten';

const PURPOSE = 'stop-reminders';

/** A token that turns off reminders for one person, without signing in (see notify/). */
export const stopRemindersToken = (secret: string, userId: string) => optOutToken(secret, PURPOSE, userId);

export function stopRemindersPath(secret: string, userId: string): string {
	return `${STOP_REMINDERS_PATH}?token=${encodeURIComponent(stopRemindersToken(secret, userId))}`;
}

/** The person a "no more reminders" token is for, or null when it is not genuine. */
export const verifyStopRemindersToken = (secret: string, token: string) => verifyOptOutToken(secret, PURPOSE, token);

/**
 * Turn off reminders with a token from a reminder mail. Returns false for a
 * token that is not genuine or a person who no longer exists.
 */
export async function stopRemindersWithToken(db: Db, secret: string, token: string): Promise<boolean> {
	const userId = verifyStopRemindersToken(secret, token);
	if (!userId) return false;
	const [person] = await db.select({ id: user.id }).from(user).where(eq(user.id, userId));
	if (!person) return false;
	await db.insert(reminderOptOut).values({ userId }).onConflictDoNothing();
	return true;
}
