import type { Viewer } from '../accounts/viewer.ts';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/index.ts';
import { CONVERSATIONS_PAGE, listConversations, unreadConversationRows, type ConversationSummary, type InboxCursor } from '../messages/service.ts';
import { listReceived, unreadAnnouncementRows, type ReceivedSummary } from './service.ts';

/*
 * The inbox (berichten): conversations and received announcements in one
 * list, newest first. Each side reads at most one page from its own index
 * and the two are merged, so a page stays bounded however much there is.
 */

export type InboxItem = ({ kind: 'conversation' } & ConversationSummary & { at: Date }) | ({ kind: 'announcement' } & ReceivedSummary & { at: Date });

/** `at` then `id`, newest first, the order of both indexes. */
const newerFirst = (a: InboxItem, b: InboxItem) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/** One page of the viewer's inbox from `after` on; `next` starts the following page. */
export async function listInbox(db: Db, viewer: Viewer, after?: InboxCursor, limit = CONVERSATIONS_PAGE): Promise<{ items: InboxItem[]; next: InboxCursor | null }> {
	const [conversations, received] = await Promise.all([listConversations(db, viewer, after, limit), listReceived(db, viewer, after, limit)]);
	const all: InboxItem[] = [
		...conversations.conversations.map((c) => ({ kind: 'conversation' as const, ...c, at: c.lastMessageAt })),
		...received.announcements.map((a) => ({ kind: 'announcement' as const, ...a, at: a.createdAt }))
	].sort(newerFirst);
	const items = all.slice(0, limit);
	const more = all.length > limit || conversations.next !== null || received.next !== null;
	const last = items[items.length - 1];
	return { items, next: more && last ? { at: last.at, id: last.id } : null };
}

/**
 * Unread conversations and announcements together, for the header of every signed-in page: one statement, each
 * side's rows as its own service scopes them to the viewer. `shown` is read by the page showing it.
 */
export async function unreadInbox(db: Db, viewer: Viewer, shown?: string): Promise<number> {
	const [row] = await queryRows<{ count: number }>(
		db,
		sql`select ((select count(*) from (${unreadConversationRows(viewer, shown)}) c) + (select count(*) from (${unreadAnnouncementRows(viewer, shown)}) a))::int as count`
	);
	return Number(row?.count ?? 0);
}

/** The cursor in an address (`?na=<ms>.<id>`), or undefined when it is not one. */
export function parseCursor(value: string | null): InboxCursor | undefined {
	const match = /^(\d{1,15})\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.exec(value ?? '');
	return match ? { at: new Date(Number(match[1])), id: match[2] } : undefined;
}

export const cursorParam = (cursor: InboxCursor): string => `${cursor.at.getTime()}.${cursor.id}`;
