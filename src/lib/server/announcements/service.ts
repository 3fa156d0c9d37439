import { and, desc, eq, inArray, isNull, ne, sql, type SQL } from 'drizzle-orm';
import { announcementFor, mayReply, requireDateAnnouncer, requireInitiativeAnnouncer, type AnnouncementAccess } from '../access/announcements.ts';
import { requireSignedIn } from '../access/core.ts';
import { allowAttempt, type Limit } from '../accounts/rate-limit.ts';
import { user } from '../accounts/schema.ts';
import type { Viewer } from '../accounts/viewer.ts';
import { activity, activitySignup } from '../activities/schema.ts';
import { queryRows, type Db } from '../db/index.ts';
import { initiative, membership } from '../initiatives/schema.ts';
import { contactBlock } from '../messages/schema.ts';
import { MESSAGE_LIMITS, MESSAGE_MAX, writeInFreeConversation, type InboxCursor, type SendResult } from '../messages/service.ts';
import { enqueueNotice } from '../notify/index.ts';
import { addToDigest, noticeModes } from '../notify/preferences.ts';
import { announcement, announcementRecipient } from './schema.ts';

/*
 * Berichten aan een groep: a coordinator writes to all members of the
 * initiative, a host or coordinator to everyone signed up for a date. Who
 * receives it is fixed when it is written. Each recipient finds it in their
 * berichten, among their conversations; a reply goes to the writer alone, in
 * the one-to-one conversation between the two. A mail says only that there
 * is a new message, as for conversations (the "berichten" mail setting).
 */

export const ANNOUNCEMENT_NOTICE_QUEUE = 'announcement-notice';
/** Few per writer: a group message reaches many people at once. Messages' own limit counts it too. */
export const ANNOUNCEMENT_LIMIT: Limit = { max: 5, windowSeconds: 60 * 60 };

export type WriteResult = { ok: true; id: string; recipients: number } | { ok: false; error: 'empty' | 'too_long' | 'characters' | 'rate_limited' | 'nobody' };

/** A NUL byte cannot be stored as text: refused with a message, the text kept. */
const checkBody = (body: string): WriteResult | null =>
	!body.trim() ? { ok: false, error: 'empty' } : body.length > MESSAGE_MAX ? { ok: false, error: 'too_long' } : body.includes('\u0000') ? { ok: false, error: 'characters' } : null;

/** SQL: neither the writer nor this person chose "geen contact meer" with the other (they are left out, not told). */
const noBlockWith = (writerId: string, userIdColumn: unknown) =>
	sql`not exists (select 1 from ${contactBlock} b where (b.blocker_id = ${writerId} and b.blocked_id = ${userIdColumn}) or (b.blocker_id = ${userIdColumn} and b.blocked_id = ${writerId}))`;

/** "Bericht aan alle leden": a coordinator writes to every member of the initiative now. */
export async function announceToMembers(db: Db, viewer: Viewer, slug: string, body: string, now = new Date()): Promise<WriteResult> {
	const { initiative: found } = await requireInitiativeAnnouncer(db, viewer, slug);
	const me = viewer!.userId;
	const recipients = await db
		.select({ userId: membership.userId })
		.from(membership)
		.where(and(eq(membership.initiativeId, found.id), ne(membership.userId, me), noBlockWith(me, membership.userId)));
	return write(db, me, { initiativeId: found.id, activityId: null, occurrenceStart: null }, recipients.map((r) => r.userId), body, now);
}

/**
 * "Bericht aan iedereen die komt": a host or coordinator writes to the members
 * signed up for one date (also on the waitlist). Guests without an account
 * get no mail of it: they have no berichten to read it in; a change of time
 * or place reaches them through the date's own change mails (activities/guests/).
 */
export async function announceToDate(db: Db, viewer: Viewer, activityId: string, occurrenceStart: Date, body: string, now = new Date()): Promise<WriteResult> {
	const access = await requireDateAnnouncer(db, viewer, activityId);
	const me = viewer!.userId;
	const recipients = await db
		.select({ userId: sql<string>`${activitySignup.userId}` })
		.from(activitySignup)
		.where(
			and(
				eq(activitySignup.activityId, activityId),
				eq(activitySignup.occurrenceStart, occurrenceStart),
				sql`${activitySignup.userId} is not null`,
				ne(activitySignup.userId, me),
				noBlockWith(me, activitySignup.userId)
			)
		);
	return write(db, me, { initiativeId: access.initiative.id, activityId, occurrenceStart }, recipients.map((r) => r.userId), body, now);
}

async function write(
	db: Db,
	writerId: string,
	to: { initiativeId: string; activityId: string | null; occurrenceStart: Date | null },
	recipients: string[],
	body: string,
	now: Date
): Promise<WriteResult> {
	const invalid = checkBody(body);
	if (invalid) return invalid;
	if (!recipients.length) return { ok: false, error: 'nobody' };
	// A second submit of the same text (a double click, a reload) finds the first instead of sending it again.
	const [again] = await db
		.select({ id: announcement.id })
		.from(announcement)
		.where(
			and(
				eq(announcement.writerId, writerId),
				eq(announcement.initiativeId, to.initiativeId),
				to.activityId ? eq(announcement.activityId, to.activityId) : isNull(announcement.activityId),
				eq(announcement.body, body.trim()),
				sql`${announcement.createdAt} > ${new Date(now.getTime() - 10 * 60_000).toISOString()}::timestamptz`
			)
		)
		.limit(1);
	if (again) return { ok: true, id: again.id, recipients: recipients.length };
	if (!(await allowAttempt(db, [{ key: `announcement:${writerId}`, limit: ANNOUNCEMENT_LIMIT }, { key: `message:${writerId}`, limit: MESSAGE_LIMITS.messages }]))) {
		return { ok: false, error: 'rate_limited' };
	}
	const id = await db.transaction(async (tx) => {
		const [created] = await tx
			.insert(announcement)
			.values({ ...to, writerId, body: body.trim(), createdAt: now })
			.returning({ id: announcement.id });
		await tx.insert(announcementRecipient).values(recipients.map((userId) => ({ announcementId: created.id, userId, createdAt: now })));
		const modes = await noticeModes(tx, 'messages', recipients);
		for (const [userId, mode] of modes) {
			if (mode === 'now') await enqueueNotice(tx, ANNOUNCEMENT_NOTICE_QUEUE, { announcementId: created.id, userId });
			else if (mode === 'daily') await addToDigest(tx, 'messages', userId, created.id, now);
		}
		return created.id;
	});
	return { ok: true, id, recipients: recipients.length };
}

export interface AnnouncementView {
	id: string;
	/** The writer's shown name; null once their account is gone. */
	from: string | null;
	/** The group in words: all members of the initiative, or everyone signed up for the date. */
	initiative: string;
	activityTitle: string | null;
	occurrenceStart: Date | null;
	/** Empty for a recipient when the coordinators hid it. */
	body: string;
	hidden: boolean;
	createdAt: Date;
}

function view(access: AnnouncementAccess): AnnouncementView {
	const a = access.announcement;
	const hidden = a.hiddenAt !== null;
	return {
		id: a.id,
		from: access.writer?.name ?? null,
		initiative: access.initiative.name,
		activityTitle: access.activityTitle,
		occurrenceStart: a.occurrenceStart,
		body: hidden && !access.isWriter ? '' : a.body,
		hidden,
		createdAt: a.createdAt
	};
}

/** An announcement for its writer or a recipient (reading marks it read); NotFound for anyone else. */
export async function readAnnouncement(
	db: Db,
	viewer: Viewer,
	id: string,
	now = new Date()
): Promise<{ announcement: AnnouncementView; isWriter: boolean; canReply: boolean; writerId: string | null; recipients: number | null }> {
	const access = await announcementFor(db, viewer, id);
	if (!access.isWriter && !access.readAt) {
		await db
			.update(announcementRecipient)
			.set({ readAt: now })
			.where(and(eq(announcementRecipient.announcementId, id), eq(announcementRecipient.userId, access.viewer.userId), isNull(announcementRecipient.readAt)));
	}
	// The writer sees how many received it, never who.
	const [count] = access.isWriter
		? await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${announcementRecipient} where announcement_id = ${id}`)
		: [];
	return { announcement: view(access), isWriter: access.isWriter, canReply: await mayReply(db, access), writerId: access.writer?.userId ?? null, recipients: count ? Number(count.n) : null };
}

export type ReplyResult = SendResult | { ok: false; error: 'closed' };

/** "Reageer": a recipient writes to the writer alone, in the conversation between the two (started or reused). */
export async function replyToAnnouncement(db: Db, viewer: Viewer, id: string, body: string, now = new Date()): Promise<ReplyResult> {
	const access = await announcementFor(db, viewer, id);
	if (!(await mayReply(db, access))) return { ok: false, error: 'closed' };
	return writeInFreeConversation(db, viewer, access.writer!.userId, body, now);
}

export interface ReceivedSummary {
	id: string;
	from: string | null;
	initiative: string;
	activityTitle: string | null;
	createdAt: Date;
	unread: boolean;
}

/** The announcements the viewer received, newest first, from `after` on: one bounded page read from one index. */
export async function listReceived(db: Db, viewer: Viewer, after: InboxCursor | undefined, limit: number): Promise<{ announcements: ReceivedSummary[]; next: InboxCursor | null }> {
	const me = requireSignedIn(viewer).userId;
	const cursor = after ? sql`(${announcementRecipient.createdAt}, ${announcementRecipient.announcementId}) < (${after.at.toISOString()}::timestamptz, ${after.id}::uuid)` : undefined;
	const rows = await db
		.select({
			id: announcementRecipient.announcementId,
			from: user.name,
			initiative: initiative.name,
			activityTitle: activity.title,
			createdAt: announcementRecipient.createdAt,
			readAt: announcementRecipient.readAt
		})
		.from(announcementRecipient)
		.innerJoin(announcement, eq(announcement.id, announcementRecipient.announcementId))
		.innerJoin(initiative, eq(initiative.id, announcement.initiativeId))
		.leftJoin(activity, eq(activity.id, announcement.activityId))
		.leftJoin(user, eq(user.id, announcement.writerId))
		.where(and(eq(announcementRecipient.userId, me), cursor))
		.orderBy(desc(announcementRecipient.createdAt), desc(announcementRecipient.announcementId))
		.limit(limit + 1);
	const page = rows.slice(0, limit);
	const last = page[page.length - 1];
	return {
		announcements: page.map((r) => ({ id: r.id, from: r.from, initiative: r.initiative, activityTitle: r.activityTitle, createdAt: r.createdAt, unread: r.readAt === null })),
		next: rows.length > limit ? { at: last.createdAt, id: last.id } : null
	};
}

/** The announcements the viewer has not read, one row each and at most 100 (for the header's count); `except` is on the page. */
export function unreadAnnouncementRows(viewer: Viewer, except?: string): SQL {
	const me = requireSignedIn(viewer).userId;
	return sql`select 1 from ${announcementRecipient} r
		where r.user_id = ${me} and r.read_at is null ${except ? sql`and r.announcement_id <> ${except}` : sql``}
		limit 100`;
}

/** Of these announcements, those this person received and has not read (the daily digest). */
export async function stillUnread(db: Db, userId: string, ids: string[]): Promise<string[]> {
	if (!ids.length) return [];
	const rows = await db
		.select({ id: announcementRecipient.announcementId })
		.from(announcementRecipient)
		.where(and(eq(announcementRecipient.userId, userId), inArray(announcementRecipient.announcementId, ids), isNull(announcementRecipient.readAt)));
	return rows.map((r) => r.id);
}


/** The initiative a coordinator writes to all members of (the form's page); NotFound for anyone else. */
export async function membersAnnouncementForm(db: Db, viewer: Viewer, slug: string): Promise<{ slug: string; name: string }> {
	const { initiative: found } = await requireInitiativeAnnouncer(db, viewer, slug);
	return { slug: found.slug, name: found.name };
}

/** The date a host or coordinator writes to everyone signed up for (the form's page); NotFound for anyone else. */
export async function dateAnnouncementForm(db: Db, viewer: Viewer, activityId: string): Promise<{ title: string }> {
	const access = await requireDateAnnouncer(db, viewer, activityId);
	return { title: access.activity.title };
}
