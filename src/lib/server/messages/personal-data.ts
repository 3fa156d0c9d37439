import { and, asc, eq, ne } from 'drizzle-orm';
import type { PersonalDataPart } from '../personal-data/part.ts';
import { user } from '../accounts/schema.ts';
import { exchangePost } from '../exchange/schema.ts';
import { contactBlock, conversation, conversationMember, message, messageSetting } from './schema.ts';

/**
 * A person's conversations, with the messages they wrote themselves (the
 * other person's words are theirs, not part of this export), and who they
 * chose "geen contact meer" with. On deletion their messages stay for the
 * other member, without a name: `sender_id` becomes null ("(verwijderd
 * account)"); membership rows and blocks go with the account (cascade).
 */
export const messagesPersonalData: PersonalDataPart = {
	key: 'conversations',
	async collect(db, viewer) {
		const mine = await db
			.select({ id: conversation.id, about: exchangePost.title, startedAt: conversation.createdAt })
			.from(conversationMember)
			.innerJoin(conversation, eq(conversation.id, conversationMember.conversationId))
			.leftJoin(exchangePost, eq(exchangePost.id, conversation.postId))
			.where(eq(conversationMember.userId, viewer.userId))
			.orderBy(asc(conversation.createdAt));
		const conversations = [];
		for (const c of mine) {
			const [other] = await db
				.select({ name: user.name })
				.from(conversationMember)
				.innerJoin(user, eq(user.id, conversationMember.userId))
				.where(and(eq(conversationMember.conversationId, c.id), ne(conversationMember.userId, viewer.userId)));
			const written = await db
				.select({ text: message.body, sentAt: message.createdAt })
				.from(message)
				.where(and(eq(message.conversationId, c.id), eq(message.senderId, viewer.userId)))
				.orderBy(asc(message.createdAt));
			conversations.push({ with: other?.name ?? null, about: c.about, startedAt: c.startedAt, myMessages: written });
		}
		const blocked = await db
			.select({ name: user.name, since: contactBlock.createdAt })
			.from(contactBlock)
			.innerJoin(user, eq(user.id, contactBlock.blockedId))
			.where(eq(contactBlock.blockerId, viewer.userId));
		const [setting] = await db.select({ who: messageSetting.whoMayWrite }).from(messageSetting).where(eq(messageSetting.userId, viewer.userId));
		return { conversations, noContactWith: blocked, ...(setting ? { whoMayWriteToMe: setting.who } : {}) };
	}
};
