import { and, asc, eq, sql } from 'drizzle-orm';
import { m } from '../../paraglide/messages.js';
import { localizeHref } from '../../paraglide/runtime.js';
import { NotFound, requireSignedIn } from '../access/core.ts';
import { initiativeFor, requireCoordinator, type InitiativeAccess } from '../access/initiatives.ts';
import { mayAskToJoin } from '../access/join-requests.ts';
import { isEmailConfirmed } from '../accounts/confirm-email.ts';
import { LIMITS, takeQuota } from '../accounts/rate-limit.ts';
import { user } from '../accounts/schema.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import type { QueueDefinition } from '../jobs/index.ts';
import { enqueueNotice, localeOf, localePrefix, noticeQueue, type NoticeContext } from '../notify/index.ts';
import { noticeLinkPath, noticeMode, noticeModes } from '../notify/preferences.ts';
import type { Todo } from '../start/todo.ts';
import { initiative, joinRequest, membership } from './schema.ts';

/*
 * "Vraag of je mag meedoen": for an initiative that takes people by
 * invitation, a signed-in person asks; its coordinators get a mail (if they
 * want one) and a to-do on their start page, and accept or decline; the
 * person hears back by mail. Only a name and a date: no words of the person
 * go anywhere, so nothing private is in a mail.
 */

export const JOIN_NOTICE_QUEUE = 'initiative-join-notice';

export type AskError = 'not_invite' | 'unconfirmed' | 'rate_limited' | 'declined';
export type AskResult = { ok: true; status: 'open' | 'member' } | { ok: false; error: AskError };

/** How long after a "no" the same person may ask again. */
export const ASK_AGAIN_DAYS = 30;

type NoticeJob = { kind: 'asked' | 'joined'; initiativeId: string; userId: string } | { kind: 'accepted' | 'declined'; initiativeId: string; userId: string };

/** Tell every coordinator who wants it that someone asked to join, or joined (inside the transaction of the change). */
export async function noticeCoordinators(tx: Db, initiativeId: string, kind: 'asked' | 'joined'): Promise<void> {
	const coordinators = await tx
		.select({ userId: membership.userId })
		.from(membership)
		.where(and(eq(membership.initiativeId, initiativeId), eq(membership.role, 'coordinator')));
	const modes = await noticeModes(
		tx,
		'join-request',
		coordinators.map((c) => c.userId)
	);
	for (const { userId } of coordinators) {
		if (modes.get(userId) === 'now') await enqueueNotice(tx, JOIN_NOTICE_QUEUE, { kind, initiativeId, userId } satisfies NoticeJob);
	}
}

/**
 * Ask to join. Asking twice changes nothing (one open request per person).
 * Takes a confirmed address, like joining an open initiative, and counts
 * against the same daily quota: asking reaches other people.
 */
export async function askToJoin(db: Db, viewer: Viewer, initiativeId: string, now: Date = new Date()): Promise<AskResult> {
	const person = requireSignedIn(viewer);
	const { initiative: home, role } = await initiativeFor(db, viewer, { id: initiativeId });
	if (role) return { ok: true, status: 'member' };
	if (!mayAskToJoin(home, role, viewer)) return { ok: false, error: 'not_invite' };
	if (!(await isEmailConfirmed(db, person))) return { ok: false, error: 'unconfirmed' };
	return db.transaction(async (tx): Promise<AskResult> => {
		const [existing] = await tx
			.select({ status: joinRequest.status, decidedAt: joinRequest.decidedAt })
			.from(joinRequest)
			.where(and(eq(joinRequest.initiativeId, initiativeId), eq(joinRequest.userId, person.userId)))
			.for('update');
		if (existing?.status === 'open') return { ok: true, status: 'open' };
		if (existing?.status === 'declined' && existing.decidedAt && now.getTime() - existing.decidedAt.getTime() < ASK_AGAIN_DAYS * 86_400_000) {
			return { ok: false, error: 'declined' };
		}
		if (!(await takeQuota(tx, `joins:account:${person.userId}`, LIMITS.joinsPerAccount))) return { ok: false, error: 'rate_limited' };
		await tx
			.insert(joinRequest)
			.values({ initiativeId, userId: person.userId, status: 'open', askedAt: now })
			.onConflictDoUpdate({ target: [joinRequest.initiativeId, joinRequest.userId], set: { status: 'open', askedAt: now, decidedAt: null } });
		await noticeCoordinators(tx, initiativeId, 'asked');
		return { ok: true, status: 'open' };
	});
}

/** The viewer's own request to this initiative: 'open', 'declined' (recently), or null. */
export async function myJoinRequest(db: Db, viewer: Viewer, initiativeId: string): Promise<'open' | 'declined' | null> {
	if (!viewer) return null;
	const [row] = await db
		.select({ status: joinRequest.status })
		.from(joinRequest)
		.where(and(eq(joinRequest.initiativeId, initiativeId), eq(joinRequest.userId, viewer.userId)));
	return row?.status === 'open' || row?.status === 'declined' ? row.status : null;
}

/** For its coordinators: the open requests, oldest first, by name (never an address). */
export async function openJoinRequests(db: Db, viewer: Viewer, initiativeId: string, page = { limit: 50, offset: 0 }) {
	return joinRequestsFor(db, await requireCoordinator(db, viewer, { id: initiativeId }), page);
}

/** The open requests for a coordinator whose access was decided already (the members page). */
export function joinRequestsFor(db: Db, access: InitiativeAccess & { role: 'coordinator' }, page = { limit: 50, offset: 0 }) {
	return db
		.select({ userId: joinRequest.userId, name: user.name, askedAt: joinRequest.askedAt })
		.from(joinRequest)
		.innerJoin(user, eq(user.id, joinRequest.userId))
		.where(and(eq(joinRequest.initiativeId, access.initiative.id), eq(joinRequest.status, 'open')))
		.orderBy(asc(joinRequest.askedAt), asc(joinRequest.userId))
		.limit(page.limit)
		.offset(page.offset);
}

/**
 * A coordinator accepts (the person becomes a member) or declines. The row is
 * locked: a second click, or two coordinators at once, decides once.
 * NotFound for a request that is not open (or not of this initiative).
 */
export async function decideJoinRequest(db: Db, viewer: Viewer, initiativeId: string, userId: string, accept: boolean, now: Date = new Date()): Promise<{ decided: boolean }> {
	await requireCoordinator(db, viewer, { id: initiativeId });
	return db.transaction(async (tx) => {
		const [row] = await tx
			.select({ status: joinRequest.status })
			.from(joinRequest)
			.where(and(eq(joinRequest.initiativeId, initiativeId), eq(joinRequest.userId, userId)))
			.for('update');
		if (!row) throw new NotFound();
		if (row.status !== 'open') return { decided: false };
		await tx
			.update(joinRequest)
			.set({ status: accept ? 'accepted' : 'declined', decidedAt: now })
			.where(and(eq(joinRequest.initiativeId, initiativeId), eq(joinRequest.userId, userId)));
		if (accept) await tx.insert(membership).values({ initiativeId, userId }).onConflictDoNothing();
		await enqueueNotice(tx, JOIN_NOTICE_QUEUE, { kind: accept ? 'accepted' : 'declined', initiativeId, userId } satisfies NoticeJob);
		return { decided: true };
	});
}

/** For a coordinator's start page: per initiative, how many people ask to join. No names. */
export async function joinRequestTodos(db: Db, viewer: Viewer): Promise<Todo[]> {
	if (!viewer) return [];
	const rows = await db
		.select({ slug: initiative.slug, name: initiative.name, count: sql<number>`count(*)::int`.mapWith(Number) })
		.from(membership)
		.innerJoin(initiative, eq(initiative.id, membership.initiativeId))
		.innerJoin(joinRequest, and(eq(joinRequest.initiativeId, membership.initiativeId), eq(joinRequest.status, 'open')))
		.where(and(eq(membership.userId, viewer.userId), eq(membership.role, 'coordinator')))
		.groupBy(initiative.slug, initiative.name)
		.orderBy(initiative.name)
		.limit(50);
	return rows.map((r) => ({
		text: m.join_todo({ count: r.count, initiative: r.name }),
		href: localizeHref(`/initiatieven/${r.slug}/leden#verzoeken`)
	}));
}

function parseJob(data: Record<string, unknown>): NoticeJob {
	const { kind, initiativeId, userId } = data;
	if ((kind === 'asked' || kind === 'joined' || kind === 'accepted' || kind === 'declined') && typeof initiativeId === 'string' && typeof userId === 'string') {
		return { kind, initiativeId, userId };
	}
	throw new Error('not a join notice job');
}

/**
 * Send one mail, as things are now: to a coordinator (still one, still wants
 * it) that someone asked or joined; to the person, the answer. Names the
 * initiative only, with a link.
 */
export async function sendJoinNotice(ctx: NoticeContext, job: NoticeJob): Promise<'sent' | 'skipped'> {
	const [row] = await ctx.db
		.select({ slug: initiative.slug, initiative: initiative.name, email: user.email, name: user.name, locale: user.locale, role: membership.role })
		.from(initiative)
		.innerJoin(user, eq(user.id, job.userId))
		.leftJoin(membership, and(eq(membership.initiativeId, initiative.id), eq(membership.userId, job.userId)))
		.where(eq(initiative.id, job.initiativeId));
	if (!row) return 'skipped';
	const locale = localeOf(row);
	const o = { locale };
	const prefix = `${ctx.origin}${localePrefix(locale)}`;
	const params = { name: row.name, initiative: row.initiative, link: `${prefix}/initiatieven/${row.slug}` };
	if (job.kind === 'asked' || job.kind === 'joined') {
		if (row.role !== 'coordinator' || (await noticeMode(ctx.db, 'join-request', job.userId)) !== 'now') return 'skipped';
		const link = `${prefix}/initiatieven/${row.slug}/leden${job.kind === 'asked' ? '#verzoeken' : ''}`;
		const subject = job.kind === 'asked' ? m.join_mail_asked_subject(params, o) : m.join_mail_joined_subject(params, o);
		const text = job.kind === 'asked' ? m.join_mail_asked_text({ ...params, link }, o) : m.join_mail_joined_text({ ...params, link }, o);
		const change = m.notices_change_line({ link: `${prefix}${noticeLinkPath(ctx.secret, 'join-request', job.userId)}` }, o);
		await ctx.mailer.send({ to: row.email, subject, text: `${text}\n\n${change}` });
		return 'sent';
	}
	// The answer: only while it still holds (an accepted person is a member, a declined one is not).
	if ((job.kind === 'accepted') !== (row.role !== null)) return 'skipped';
	await ctx.mailer.send({
		to: row.email,
		subject: job.kind === 'accepted' ? m.join_mail_accepted_subject(params, o) : m.join_mail_declined_subject(params, o),
		text: job.kind === 'accepted' ? m.join_mail_accepted_text(params, o) : m.join_mail_declined_text(params, o)
	});
	return 'sent';
}

export function joinQueues(ctx: NoticeContext): Record<string, QueueDefinition> {
	return { [JOIN_NOTICE_QUEUE]: noticeQueue(parseJob, (job) => sendJoinNotice(ctx, job)) };
}
