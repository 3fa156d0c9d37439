import { and, desc, eq, gte, inArray, or, sql } from 'drizzle-orm';
import { dealFor, type DealAccess } from '../access/deals.ts';
import { NotFound, requireSignedIn } from '../access/core.ts';
import { allowAttempt } from '../accounts/rate-limit.ts';
import { user } from '../accounts/schema.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { conversation, conversationMember, message } from '../messages/schema.ts';
import { MESSAGE_LIMITS } from '../messages/service.ts';
import { enqueueNotice } from '../notify/index.ts';
import { deal, dealThanks, type DealStatus } from './schema.ts';

/*
 * Afspraak, gedaan, bedankje: the steps of a conversation about an offer or a
 * request. Every step is one form that carries the afspraak's `version`: a
 * click on something that changed in the meantime is refused as `stale`
 * (with a clear message), and the same click twice changes nothing the
 * second time. Who may act is decided in access/deals.ts. Nothing here is
 * counted or totalled: there are no balances, points or rankings.
 */

export const PLACE_MAX = 200;
export const THANKS_MAX = 1000;
export const CANCEL_NOTE_MAX = 500;
export const DEAL_PROPOSAL_QUEUE = 'deal-proposal-notice';
export const DEAL_THANKS_QUEUE = 'deal-thanks-notice';

export type DealError = 'stale' | 'closed' | 'empty' | 'too_long' | 'rate_limited';
export type DealResult = { ok: true } | { ok: false; error: DealError };

const ok: DealResult = { ok: true };
const fail = (error: DealError): DealResult => ({ ok: false, error });

/** The afspraak of a conversation, for one of its members who has a part in it (giver or receiver). */
async function actor(db: Db, viewer: Viewer, conversationId: string): Promise<DealAccess & { me: string }> {
	const found = await dealFor(db, viewer, conversationId);
	if (!found.role) throw new NotFound();
	return { ...found, me: found.access.viewer.userId };
}

/** A proposal or a cancellation reaches the other like a message does, so it counts as one against the same limit. */
const withinLimit = (db: Db, me: string) => allowAttempt(db, [{ key: `message:${me}`, limit: MESSAGE_LIMITS.messages }]);

/** Change the afspraak only while it is still at one of `from` and at `version`, so two clicks at once cannot both pass. */
async function step(tx: Db, conversationId: string, from: DealStatus[], version: number, set: Partial<typeof deal.$inferInsert>): Promise<boolean> {
	const rows = await tx
		.update(deal)
		.set({ ...set, updatedAt: new Date() })
		.where(and(eq(deal.conversationId, conversationId), eq(deal.version, version), inArray(deal.status, from)))
		.returning({ id: deal.conversationId });
	return rows.length > 0;
}

/** The conversation shows as new for the other, and as read for who acted. */
async function touch(tx: Db, conversationId: string, me: string, now: Date): Promise<void> {
	await tx.update(conversation).set({ lastMessageAt: now }).where(eq(conversation.id, conversationId));
	await tx
		.update(conversationMember)
		.set({ readAt: now })
		.where(and(eq(conversationMember.conversationId, conversationId), eq(conversationMember.userId, me)));
}

export interface Proposal {
	startsAt: Date;
	place: string;
}

/**
 * Propose a day, a time and a place (or a new one instead of the other's
 * proposal). An agreed afspraak is first cancelled, then proposed anew.
 */
export async function proposeDeal(db: Db, viewer: Viewer, conversationId: string, proposal: Proposal, version: number, now = new Date()): Promise<DealResult> {
	const found = await actor(db, viewer, conversationId);
	if (!found.mayAct) return fail('closed');
	const current = found.deal;
	const place = proposal.place.trim();
	if (!place) return fail('empty');
	if (place.length > PLACE_MAX) return fail('too_long');
	if (current && current.status === 'proposed' && current.proposedBy === found.me && current.startsAt.getTime() === proposal.startsAt.getTime() && current.place === place) return ok;
	if ((current?.version ?? 0) !== version) return fail('stale');
	if (!(await withinLimit(db, found.me))) return fail('rate_limited');
	const other = found.access.other!.userId;
	const next = version + 1;
	const done = await db.transaction(async (tx) => {
		if (!current) {
			if (!found.post) return false;
			const giver = found.role === 'giver' ? found.me : other;
			const inserted = await tx
				.insert(deal)
				.values({ conversationId, giverId: giver, receiverId: giver === found.me ? other : found.me, title: found.post.title, startsAt: proposal.startsAt, place, proposedBy: found.me, version: next, updatedAt: now })
				.onConflictDoNothing()
				.returning({ id: deal.conversationId });
			if (!inserted.length) return false;
		} else if (!(await step(tx, conversationId, ['proposed', 'cancelled'], version, { startsAt: proposal.startsAt, place, status: 'proposed', proposedBy: found.me, version: next, agreedAt: null }))) {
			return false;
		}
		await touch(tx, conversationId, found.me, now);
		await enqueueNotice(tx, DEAL_PROPOSAL_QUEUE, { conversationId, userId: other, version: next });
		return true;
	});
	return done ? ok : fail('stale');
}

/** Say yes to the other's proposal: the afspraak is agreed, and in both calendar feeds. */
export async function acceptDeal(db: Db, viewer: Viewer, conversationId: string, version: number, now = new Date()): Promise<DealResult> {
	const found = await actor(db, viewer, conversationId);
	if (!found.mayAct) return fail('closed');
	const current = found.deal;
	if (!current || current.version !== version) return fail('stale');
	if (current.status === 'agreed' || current.status === 'done_pending' || current.status === 'done') return ok;
	if (current.proposedBy === found.me) return fail('stale');
	const done = await db.transaction(async (tx) => {
		if (!(await step(tx, conversationId, ['proposed'], version, { status: 'agreed', agreedAt: now }))) return false;
		await touch(tx, conversationId, found.me, now);
		return true;
	});
	return done ? ok : fail('stale');
}

/** Call off a proposal or an agreed afspraak, with a short note that goes into the conversation. */
export async function cancelDeal(db: Db, viewer: Viewer, conversationId: string, version: number, note: string, now = new Date()): Promise<DealResult> {
	const found = await actor(db, viewer, conversationId);
	if (!found.mayAct) return fail('closed');
	const current = found.deal;
	const text = note.trim();
	if (text.length > CANCEL_NOTE_MAX) return fail('too_long');
	if (!current) return fail('stale');
	if (current.status === 'cancelled' && current.version === version + 1) return ok;
	if (current.version !== version) return fail('stale');
	if (!(await withinLimit(db, found.me))) return fail('rate_limited');
	const done = await db.transaction(async (tx) => {
		if (!(await step(tx, conversationId, ['proposed', 'agreed'], version, { status: 'cancelled', version: version + 1 }))) return false;
		if (text) await tx.insert(message).values({ conversationId, senderId: found.me, body: text, createdAt: now });
		await touch(tx, conversationId, found.me, now);
		return true;
	});
	return done ? ok : fail('stale');
}

/** "Gedaan": one of the two marks the agreed afspraak as done; the other confirms. */
export async function markDone(db: Db, viewer: Viewer, conversationId: string, version: number, now = new Date()): Promise<DealResult> {
	const found = await actor(db, viewer, conversationId);
	if (!found.mayAct) return fail('closed');
	const current = found.deal;
	if (!current || current.version !== version) return fail('stale');
	if (current.status === 'done' || (current.status === 'done_pending' && current.doneMarkedBy === found.me)) return ok;
	const done = await db.transaction(async (tx) => {
		if (!(await step(tx, conversationId, ['agreed'], version, { status: 'done_pending', doneMarkedBy: found.me, doneAt: now }))) return false;
		await touch(tx, conversationId, found.me, now);
		return true;
	});
	return done ? ok : fail('stale');
}

/** The other confirms "gedaan" (`yes`), or says "nog niet" and the afspraak stands again. */
export async function confirmDone(db: Db, viewer: Viewer, conversationId: string, version: number, yes: boolean, now = new Date()): Promise<DealResult> {
	const found = await actor(db, viewer, conversationId);
	if (!found.mayAct) return fail('closed');
	const current = found.deal;
	if (!current || current.version !== version) return fail('stale');
	if (yes ? current.status === 'done' : current.status === 'agreed') return ok;
	if (current.status !== 'done_pending' || current.doneMarkedBy === found.me) return fail('stale');
	const done = await db.transaction(async (tx) => {
		const set = yes ? { status: 'done' as const, doneAt: now } : { status: 'agreed' as const, doneMarkedBy: null, doneAt: null };
		if (!(await step(tx, conversationId, ['done_pending'], version, set))) return false;
		await touch(tx, conversationId, found.me, now);
		return true;
	});
	return done ? ok : fail('stale');
}

/** After "gedaan", who received help writes a short, private bedankje to who gave it. Once. */
export async function thank(db: Db, viewer: Viewer, conversationId: string, body: string, now = new Date()): Promise<DealResult> {
	const found = await actor(db, viewer, conversationId);
	if (found.role !== 'receiver') throw new NotFound();
	if (!found.mayAct) return fail('closed');
	if (found.thanks) return ok;
	if (found.deal?.status !== 'done') return fail('stale');
	const text = body.trim();
	if (!text) return fail('empty');
	if (text.length > THANKS_MAX) return fail('too_long');
	await db.transaction(async (tx) => {
		const inserted = await tx
			.insert(dealThanks)
			.values({ conversationId, writerId: found.me, giverId: found.deal!.giverId, body: text, createdAt: now })
			.onConflictDoNothing()
			.returning({ id: dealThanks.conversationId });
		if (inserted.length && found.deal!.giverId) await enqueueNotice(tx, DEAL_THANKS_QUEUE, { conversationId, userId: found.deal!.giverId });
	});
	return ok;
}

/** Who gave help chooses whether a bedankje shows on their profile (without the writer's name). */
export async function showThanks(db: Db, viewer: Viewer, conversationId: string, shown: boolean): Promise<void> {
	const found = await actor(db, viewer, conversationId);
	if (found.role !== 'giver' || !found.thanks) throw new NotFound();
	await db.update(dealThanks).set({ shownOnProfile: shown }).where(eq(dealThanks.conversationId, conversationId));
}

export interface GivenOrReceived {
	conversationId: string;
	title: string;
	role: 'giver' | 'receiver';
	startsAt: Date;
	doneAt: Date;
	/** The other person's shown name; null once they deleted their account. */
	with: string | null;
	thanks: string | null;
}

export const GIVEN_PAGE = 20;

/** "Geven en ontvangen", for the viewer alone: their done afspraken, newest first, one bounded page. No totals. */
export async function givenAndReceived(db: Db, viewer: Viewer, after?: string, limit = GIVEN_PAGE): Promise<{ items: GivenOrReceived[]; next: string | null }> {
	const me = requireSignedIn(viewer).userId;
	const other = sql<string | null>`(select u.name from ${user} u where u.id = case when ${deal.giverId} = ${me} then ${deal.receiverId} else ${deal.giverId} end)`;
	const cursor = after
		? sql`(${deal.doneAt}, ${deal.conversationId}) < (select d.done_at, d.conversation_id from ${deal} d where d.conversation_id = ${after} and (d.giver_id = ${me} or d.receiver_id = ${me}))`
		: undefined;
	const rows = await db
		.select({ conversationId: deal.conversationId, title: deal.title, giverId: deal.giverId, startsAt: deal.startsAt, doneAt: deal.doneAt, with: other, thanks: dealThanks.body })
		.from(deal)
		.leftJoin(dealThanks, eq(dealThanks.conversationId, deal.conversationId))
		.where(and(eq(deal.status, 'done'), or(eq(deal.giverId, me), eq(deal.receiverId, me)), cursor))
		.orderBy(desc(deal.doneAt), desc(deal.conversationId))
		.limit(limit + 1);
	const page = rows.slice(0, limit);
	return {
		items: page.map((r) => ({ conversationId: r.conversationId, title: r.title, role: r.giverId === me ? 'giver' : 'receiver', startsAt: r.startsAt, doneAt: r.doneAt!, with: r.with, thanks: r.thanks })),
		next: rows.length > limit ? page[page.length - 1].conversationId : null
	};
}

/**
 * Agreed afspraken of one person since `since`, for their own calendar feed:
 * only the post's title and the place, never anything from the messages.
 */
export async function agreedDealsOf(db: Db, userId: string, since: Date, limit: number): Promise<Array<{ conversationId: string; title: string; place: string; startsAt: Date }>> {
	return db
		.select({ conversationId: deal.conversationId, title: deal.title, place: deal.place, startsAt: deal.startsAt })
		.from(deal)
		.where(and(inArray(deal.status, ['agreed', 'done_pending', 'done']), or(eq(deal.giverId, userId), eq(deal.receiverId, userId)), gte(deal.startsAt, since)))
		.orderBy(deal.startsAt)
		.limit(limit);
}

export interface DealView {
	/** The viewer's part; null: no afspraak can be made here (no post, or not theirs to make). */
	role: 'giver' | 'receiver' | null;
	mayAct: boolean;
	/** The version the forms carry (0: no afspraak yet). */
	version: number;
	status: DealStatus | null;
	startsAt: Date | null;
	place: string;
	proposedByMe: boolean;
	doneMarkedByMe: boolean;
	thanks: { body: string; shownOnProfile: boolean } | null;
}

/** The afspraak of a conversation as its member sees it on the conversation page. */
export async function dealView(db: Db, viewer: Viewer, conversationId: string): Promise<DealView> {
	const { deal: d, thanks, role, mayAct, access, post } = await dealFor(db, viewer, conversationId);
	const me = access.viewer.userId;
	return {
		role: d || post ? role : null,
		mayAct,
		version: d?.version ?? 0,
		status: d?.status ?? null,
		startsAt: d?.startsAt ?? null,
		place: d?.place ?? '',
		proposedByMe: d?.proposedBy === me,
		doneMarkedByMe: d?.doneMarkedBy === me,
		thanks: thanks ? { body: thanks.body, shownOnProfile: thanks.shownOnProfile } : null
	};
}
