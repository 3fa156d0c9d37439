import { and, eq, inArray } from 'drizzle-orm';
import { user } from '../accounts/schema.ts';
import type { Db } from '../db/index.ts';
import { optOutToken, verifyOptOutToken } from './index.ts';
import { isNoticeKind, NOTICE_KINDS, offersMode, type NoticeKind } from './kinds.ts';
import { noticeDigestItem, noticePreference, type NoticeMode } from './schema.ts';

/*
 * What each person chose per kind of notice, and the signed link in every
 * notice mail that changes that choice without signing in.
 */

/** Each person's mode for `kind` (the default when they chose nothing). */
export async function noticeModes(db: Db, kind: NoticeKind, userIds: string[]): Promise<Map<string, NoticeMode>> {
	const modes = new Map<string, NoticeMode>(userIds.map((id) => [id, NOTICE_KINDS[kind].default]));
	if (!userIds.length) return modes;
	const rows = await db
		.select({ userId: noticePreference.userId, mode: noticePreference.mode })
		.from(noticePreference)
		.where(and(eq(noticePreference.kind, kind), inArray(noticePreference.userId, userIds)));
	for (const row of rows) if (offersMode(kind, row.mode)) modes.set(row.userId, row.mode);
	return modes;
}

/** One person's mode for `kind`. */
export async function noticeMode(db: Db, kind: NoticeKind, userId: string): Promise<NoticeMode> {
	return (await noticeModes(db, kind, [userId])).get(userId)!;
}

export interface NoticeSetting {
	kind: NoticeKind;
	mode: NoticeMode;
	modes: readonly NoticeMode[];
}

/** Every kind with the person's mode and the choices it offers, for the settings page. */
export async function noticeSettings(db: Db, userId: string): Promise<NoticeSetting[]> {
	const kinds = Object.keys(NOTICE_KINDS) as NoticeKind[];
	return Promise.all(kinds.map(async (kind) => ({ kind, mode: await noticeMode(db, kind, userId), modes: NOTICE_KINDS[kind].modes })));
}

/**
 * Set a person's mode for `kind`. False for a mode the kind does not offer.
 * Leaving the daily digest drops what waited in it.
 */
export async function setNoticeMode(db: Db, userId: string, kind: NoticeKind, mode: unknown): Promise<boolean> {
	if (!offersMode(kind, mode)) return false;
	await db.transaction(async (tx) => {
		await tx
			.insert(noticePreference)
			.values({ userId, kind, mode })
			.onConflictDoUpdate({ target: [noticePreference.userId, noticePreference.kind], set: { mode, updatedAt: new Date() } });
		if (mode !== 'daily') await tx.delete(noticeDigestItem).where(and(eq(noticeDigestItem.userId, userId), eq(noticeDigestItem.kind, kind)));
	});
	return true;
}

/** Keep `subjectId` (an id, never text) for the person's next daily digest, inside the transaction of the change. */
export async function addToDigest(tx: Db, kind: NoticeKind, userId: string, subjectId: string, now = new Date()): Promise<void> {
	await tx.insert(noticeDigestItem).values({ userId, kind, subjectId, createdAt: now }).onConflictDoNothing();
}

/*
 * The link in a notice mail: a token signed per person and kind (see
 * `optOutToken`), so it changes that one kind for that one person only.
 */

/** Where the link in a notice mail leads (no sign-in needed). */
export const NOTICE_LINK_PATH = '/e-mail-instellen';

const purpose = (kind: NoticeKind) => `notice:${kind}`;

/** Path and query of the page that changes `kind` for this person. */
export function noticeLinkPath(secret: string, kind: NoticeKind, userId: string): string {
	return `${NOTICE_LINK_PATH}?soort=${encodeURIComponent(kind)}&token=${encodeURIComponent(optOutToken(secret, purpose(kind), userId))}`;
}

/** The person a link is for, or null when the kind is unknown or the token is not genuine. */
export function verifyNoticeLink(secret: string, kind: unknown, token: string): { kind: NoticeKind; userId: string } | null {
	if (!isNoticeKind(kind)) return null;
	const userId = verifyOptOutToken(secret, purpose(kind), token);
	return userId ? { kind, userId } : null;
}

/** The mode a genuine link's person has now, or null (not genuine, or the account is gone). */
export async function modeWithLink(db: Db, secret: string, kind: unknown, token: string): Promise<{ kind: NoticeKind; mode: NoticeMode } | null> {
	const link = verifyNoticeLink(secret, kind, token);
	if (!link || !(await personExists(db, link.userId))) return null;
	return { kind: link.kind, mode: await noticeMode(db, link.kind, link.userId) };
}

/** Change the mode with a link from a mail; false when the link is not genuine or the mode not offered. */
export async function setModeWithLink(db: Db, secret: string, kind: unknown, token: string, mode: unknown): Promise<boolean> {
	const link = verifyNoticeLink(secret, kind, token);
	if (!link || !(await personExists(db, link.userId))) return false;
	return setNoticeMode(db, link.userId, link.kind, mode);
}

async function personExists(db: Db, userId: string): Promise<boolean> {
	const [row] = await db.select({ id: user.id }).from(user).where(eq(user.id, userId));
	return !!row;
}
