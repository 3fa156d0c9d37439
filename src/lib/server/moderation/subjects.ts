import { eq } from 'drizzle-orm';
import { user } from '../accounts/schema.ts';
import type { Db } from '../db/index.ts';
import { exchangePost } from '../exchange/schema.ts';
import { announcement } from '../announcements/schema.ts';
import { message } from '../messages/schema.ts';
import type { SubjectKind } from './schema.ts';

/*
 * The kinds of things that can be reported, as the coordinators' queue shows
 * them and as an action hides them. These read without a viewer: call them
 * only for a report the viewer may handle (access/moderation.ts). A message
 * is shown alone: never another message of its conversation.
 */

export interface SubjectView {
	/** A post's title; null for a message or a person. */
	title: string | null;
	/** The reported text; null for a person. */
	text: string | null;
	/** The shown name of who wrote it (or of the reported person); null once the account is gone. */
	name: string | null;
	hidden: boolean;
}

interface Subject {
	/** The item, or null when it is gone (deleted with its writer's account). */
	view(db: Db, subjectId: string): Promise<SubjectView | null>;
	/** Hide it from everyone but its writer; absent when the kind cannot be hidden (a person). */
	hide?(tx: Db, subjectId: string, at: Date): Promise<void>;
	/** Show it again (undo hiding); present exactly when `hide` is. */
	unhide?(tx: Db, subjectId: string): Promise<void>;
}

export const subjects: Record<SubjectKind, Subject> = {
	post: {
		async view(db, id) {
			const [row] = await db
				.select({ title: exchangePost.title, text: exchangePost.body, name: user.name, hiddenAt: exchangePost.hiddenAt })
				.from(exchangePost)
				.innerJoin(user, eq(user.id, exchangePost.createdBy))
				.where(eq(exchangePost.id, id));
			return row ? { title: row.title, text: row.text, name: row.name, hidden: row.hiddenAt !== null } : null;
		},
		async hide(tx, id, at) {
			await tx.update(exchangePost).set({ hiddenAt: at }).where(eq(exchangePost.id, id));
		},
		async unhide(tx, id) {
			await tx.update(exchangePost).set({ hiddenAt: null }).where(eq(exchangePost.id, id));
		}
	},
	message: {
		async view(db, id) {
			const [row] = await db
				.select({ text: message.body, name: user.name, hiddenAt: message.hiddenAt })
				.from(message)
				.leftJoin(user, eq(user.id, message.senderId))
				.where(eq(message.id, id));
			return row ? { title: null, text: row.text, name: row.name, hidden: row.hiddenAt !== null } : null;
		},
		async hide(tx, id, at) {
			await tx.update(message).set({ hiddenAt: at }).where(eq(message.id, id));
		},
		async unhide(tx, id) {
			await tx.update(message).set({ hiddenAt: null }).where(eq(message.id, id));
		}
	},
	announcement: {
		async view(db, id) {
			const [row] = await db
				.select({ text: announcement.body, name: user.name, hiddenAt: announcement.hiddenAt })
				.from(announcement)
				.leftJoin(user, eq(user.id, announcement.writerId))
				.where(eq(announcement.id, id));
			return row ? { title: null, text: row.text, name: row.name, hidden: row.hiddenAt !== null } : null;
		},
		async hide(tx, id, at) {
			await tx.update(announcement).set({ hiddenAt: at }).where(eq(announcement.id, id));
		},
		async unhide(tx, id) {
			await tx.update(announcement).set({ hiddenAt: null }).where(eq(announcement.id, id));
		}
	},
	person: {
		async view(db, id) {
			const [row] = await db.select({ name: user.name }).from(user).where(eq(user.id, id));
			return row ? { title: null, text: null, name: row.name, hidden: false } : null;
		}
	}
};
