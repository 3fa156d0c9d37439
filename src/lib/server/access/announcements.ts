import { and, eq } from 'drizzle-orm';
import { user } from '../accounts/schema.ts';
import type { SignedIn, Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { announcement, announcementRecipient } from '../announcements/schema.ts';
import { activity } from '../activities/schema.ts';
import { initiative } from '../initiatives/schema.ts';
import { requireActivityManager, type ActivityAccess } from './activities.ts';
import { NotFound, requireSignedIn } from './core.ts';
import { requireCoordinator, type InitiativeAccess } from './initiatives.ts';
import { blockBetween } from './messages.ts';

/**
 * Who may write a bericht aan een groep, and who reads one.
 *
 * Writing: a coordinator to all members of their initiative; a host of an
 * activity (also a co-host) or a coordinator of its initiative to everyone
 * signed up for one of its dates. Nobody else (not the admin).
 *
 * Reading: its writer and the people it went to when it was written, nobody
 * else: not a member who joined later, not another coordinator, not the
 * association admin. A recipient sees the writer and the group in words
 * ("alle leden van …"), never who else received it or who answered.
 * A reply goes to the writer alone (`mayReply`).
 */

export interface AnnouncementAccess {
	viewer: SignedIn;
	announcement: typeof announcement.$inferSelect;
	initiative: { name: string; slug: string };
	/** The date's activity title, for a date announcement. */
	activityTitle: string | null;
	/** The writer's shown name; null once their account is gone. */
	writer: { userId: string; name: string } | null;
	isWriter: boolean;
	/** When a recipient read it (null: not yet; always null for the writer). */
	readAt: Date | null;
}

/** An announcement for its writer or one of its recipients; NotFound for everyone else. */
export async function announcementFor(db: Db, viewer: Viewer, announcementId: string): Promise<AnnouncementAccess> {
	const me = requireSignedIn(viewer);
	const [found] = await db
		.select({
			announcement,
			initiative: { name: initiative.name, slug: initiative.slug },
			activityTitle: activity.title,
			writerName: user.name,
			received: announcementRecipient.userId,
			readAt: announcementRecipient.readAt
		})
		.from(announcement)
		.innerJoin(initiative, eq(initiative.id, announcement.initiativeId))
		.leftJoin(activity, eq(activity.id, announcement.activityId))
		.leftJoin(user, eq(user.id, announcement.writerId))
		.leftJoin(announcementRecipient, and(eq(announcementRecipient.announcementId, announcement.id), eq(announcementRecipient.userId, me.userId)))
		.where(eq(announcement.id, announcementId));
	if (!found) throw new NotFound();
	const isWriter = found.announcement.writerId === me.userId;
	if (!isWriter && !found.received) throw new NotFound();
	const writer = found.announcement.writerId && found.writerName ? { userId: found.announcement.writerId, name: found.writerName } : null;
	return { viewer: me, announcement: found.announcement, initiative: found.initiative, activityTitle: found.activityTitle, writer, isWriter, readAt: found.readAt ?? null };
}

/**
 * May this recipient answer the writer? Only while the writer has an account
 * and neither chose "geen contact meer". "Wie mag mij berichten sturen" does
 * not stop it: the writer wrote to them first (access/messages.ts counts an
 * announcement as writing first).
 */
export async function mayReply(db: Db, access: AnnouncementAccess): Promise<boolean> {
	if (access.isWriter || !access.writer) return false;
	return (await blockBetween(db, access.viewer.userId, access.writer.userId)) === 'none';
}

/** Only a coordinator writes to all members of their initiative. */
export async function requireInitiativeAnnouncer(db: Db, viewer: Viewer, slug: string): Promise<InitiativeAccess & { role: 'coordinator' }> {
	return requireCoordinator(db, viewer, { slug });
}

/** A host of the activity (also a co-host) or a coordinator writes to everyone signed up for one of its dates. */
export async function requireDateAnnouncer(db: Db, viewer: Viewer, activityId: string): Promise<ActivityAccess> {
	return requireActivityManager(db, viewer, activityId);
}
