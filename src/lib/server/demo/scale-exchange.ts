/**
 * National-scale vraag & aanbod for the benchmark: offers and requests,
 * conversations about them and their messages. The bench login is the
 * busiest member: many conversations, one of them 300 messages long.
 */
import { EXCHANGE_THEMES, exchangePost } from '../exchange/schema.ts';
import type { Db } from '../db/index.ts';
import { conversation, conversationMember, message } from '../messages/schema.ts';
import { EXCHANGE_SENTENCES, EXCHANGE_TITLES, MESSAGE_LINES } from './scale-content.ts';
import { insertAll, sample, uuidFrom, weighted } from './scale-tools.ts';

const DAY = 86_400_000;
const MINUTE = 60_000;

export interface ScaleExchangeInput {
	rand: () => number;
	scale: number;
	now: Date;
	initiatives: Array<{ id: string; town: string; size: number }>;
	membersOf: Map<string, string[]>;
	/** The bench login and the initiative it coordinates. */
	bench: { userId: string; initiativeId: string };
}

export interface ScaleExchangeResult {
	counts: { posts: number; conversations: number; messages: number };
	/** The bench login's conversation of 300 messages. */
	longConversation: string;
}

/** Scale 1: 20,000 offers and requests, 100,000 conversations, 500,000 messages. */
export async function generateScaleExchange(tx: Db, input: ScaleExchangeInput): Promise<ScaleExchangeResult> {
	const { rand, scale, now, membersOf, bench } = input;
	const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
	const nPosts = Math.max(20, Math.round(20_000 * scale));
	const nConversations = Math.max(20, Math.round(100_000 * scale));
	const nMessages = Math.max(100, Math.round(500_000 * scale));
	const LONG = 300;

	// Posts from the last half year, by initiative size; a tenth closed, a fifth with an end date.
	const byShare = weighted(input.initiatives, (i) => Math.pow(i.size, 0.7));
	const posts: Array<typeof exchangePost.$inferInsert & { id: string; createdAt: Date }> = [];
	for (let n = 0; n < nPosts; n++) {
		// The bench login writes one post in fifty, in its own initiative: people respond to it a lot.
		const own = n % 50 === 0;
		const home = own ? input.initiatives.find((i) => i.id === bench.initiativeId)! : byShare(rand);
		const kind = rand() < 0.55 ? ('offer' as const) : ('request' as const);
		const online = rand() < 0.1;
		const createdAt = new Date(now.getTime() - Math.floor(rand() * 180 * DAY));
		const closed = rand() < 0.1;
		posts.push({
			id: uuidFrom(rand),
			kind,
			initiativeId: home.id,
			createdBy: own ? bench.userId : pick(membersOf.get(home.id)!),
			title: pick(EXCHANGE_TITLES[kind]),
			body: sample(EXCHANGE_SENTENCES, 1 + Math.floor(rand() * 3), rand).join(' '),
			theme: pick(EXCHANGE_THEMES),
			town: online ? '' : home.town,
			online,
			audience: rand() < 0.4 ? 'network' : 'initiative',
			endsOn: rand() < 0.2 ? new Date(now.getTime() + Math.floor(rand() * 60) * DAY).toISOString().slice(0, 10) : null,
			closedAt: closed ? new Date(createdAt.getTime() + 10 * DAY) : null,
			createdAt,
			updatedAt: createdAt
		});
	}

	// Conversations: someone of the post's initiative responds. Half of the bench login's
	// posts draw a crowd, so its inbox is the fullest; the rest spread over all posts.
	const benchPosts = posts.filter((p) => p.createdBy === bench.userId);
	const conversations: Array<typeof conversation.$inferInsert> = [];
	const members: Array<typeof conversationMember.$inferInsert> = [];
	const messages: Array<typeof message.$inferInsert> = [];
	// Messages per conversation: 1 to 9, averaging the total asked for (the long one apart).
	const perConversation = Math.max(1, Math.min(9, Math.round(((nMessages - LONG) / nConversations) * 2 - 1)));
	for (let n = 0; n < nConversations; n++) {
		const post = n % 10 === 0 ? pick(benchPosts) : pick(posts);
		const others = membersOf.get(post.initiativeId)!.filter((id) => id !== post.createdBy);
		const responder = others.length ? pick(others) : bench.userId;
		if (responder === post.createdBy) continue;
		const id = uuidFrom(rand);
		const count = n === 0 ? LONG : 1 + Math.floor(rand() * perConversation);
		const started = new Date(Math.min(now.getTime() - count * 30 * MINUTE, post.createdAt.getTime() + Math.floor(rand() * 20) * DAY));
		const at = (k: number) => new Date(started.getTime() + k * 30 * MINUTE);
		const last = at(count - 1);
		conversations.push({ id, postId: post.id, createdAt: started, lastMessageAt: last });
		// Most conversations are read up to the end; one in five has news for the poster.
		members.push({ conversationId: id, userId: responder, readAt: last, lastMessageAt: last }, { conversationId: id, userId: post.createdBy, readAt: rand() < 0.2 ? at(Math.max(0, count - 2)) : last, lastMessageAt: last });
		for (let k = 0; k < count; k++) messages.push({ conversationId: id, senderId: k % 2 === 0 ? responder : post.createdBy, body: pick(MESSAGE_LINES), createdAt: at(k) });
	}

	await insertAll(tx, exchangePost, posts, 2000);
	await insertAll(tx, conversation, conversations, 5000);
	await insertAll(tx, conversationMember, members, 5000);
	await insertAll(tx, message, messages, 5000);
	return { counts: { posts: posts.length, conversations: conversations.length, messages: messages.length }, longConversation: conversations[0].id as string };
}
