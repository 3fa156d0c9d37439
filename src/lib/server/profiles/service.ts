import { and, desc, eq } from 'drizzle-orm';
import { profileFor } from '../access/profiles.ts';
import { requireSignedIn } from '../access/core.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { dealThanks } from '../deals/schema.ts';
import { today } from '../exchange/service.ts';
import { memberProfile } from './schema.ts';

/*
 * A member's profile: their shown name, what they like to do, their talents
 * and the bedankjes they chose to show (without who wrote them). Who may see
 * it: access/profiles.ts. No counts of anything.
 */

export const PROFILE_TEXT_MAX = 500;
/** At most this many shown bedankjes on a profile, newest first. */
export const PROFILE_THANKS = 20;

export interface ProfileText {
	likes: string;
	talents: string;
}

export interface ProfileView extends ProfileText {
	userId: string;
	name: string;
	isMe: boolean;
	thanks: Array<{ body: string; createdAt: Date }>;
}

/** A member's profile as this viewer may see it; NotFound otherwise. */
export async function getProfile(db: Db, viewer: Viewer, userId: string, now = new Date()): Promise<ProfileView> {
	const access = await profileFor(db, viewer, userId, today(now));
	const text = await ownText(db, access.userId);
	const thanks = await db
		.select({ body: dealThanks.body, createdAt: dealThanks.createdAt })
		.from(dealThanks)
		.where(and(eq(dealThanks.giverId, access.userId), eq(dealThanks.shownOnProfile, true)))
		.orderBy(desc(dealThanks.createdAt))
		.limit(PROFILE_THANKS);
	return { userId: access.userId, name: access.name, isMe: access.isMe, ...text, thanks };
}

async function ownText(db: Db, userId: string): Promise<ProfileText> {
	const [row] = await db.select({ likes: memberProfile.likes, talents: memberProfile.talents }).from(memberProfile).where(eq(memberProfile.userId, userId));
	return row ?? { likes: '', talents: '' };
}

/** The viewer's own profile text, for the form. */
export function myProfile(db: Db, viewer: Viewer): Promise<ProfileText> {
	return ownText(db, requireSignedIn(viewer).userId);
}

/** The viewer writes their profile. */
export async function updateProfile(db: Db, viewer: Viewer, input: ProfileText): Promise<void> {
	const me = requireSignedIn(viewer).userId;
	const values = { likes: input.likes, talents: input.talents, updatedAt: new Date() };
	await db
		.insert(memberProfile)
		.values({ userId: me, ...values })
		.onConflictDoUpdate({ target: memberProfile.userId, set: values });
}
