import { and, asc, eq, sql } from 'drizzle-orm';
import { m } from '../../paraglide/messages.js';
import { shownName, shownToOrganisation } from '../access/expertise.ts';
import { formatDay } from '../activities/time.ts';
import type { Db } from '../db/index.ts';
import { initiative } from '../initiatives/schema.ts';
import { log } from '../log/index.ts';
import type { Mailer } from '../mail/index.ts';
import { closeOutsideRequest, confirmOutsideRequest, findOutsideRequest, renewOutsideLinks, submitOutsideRequest, type OutsideContext, type OutsideSubmitResult } from '../outside/service.ts';
import type { RequestInput } from './request-forms.ts';
import { poolRequestKind } from './request-kind.ts';
import { notifyCoordinators, notifyExperts, notifyThreadExperts } from './request-notices.ts';
import { expertProfile, poolProposal, poolRequest, poolRequestMessage, type PoolRequestRow, type RequestStatus, type ThreadAuthor } from './schema.ts';

/*
 * The organisation's side of a request to the pool: the public form, and the
 * secret link that confirms it and then follows it — the thread, the
 * afsprakenkaart, cancelling, and feedback after the work. The coordinators'
 * side is request-queue.ts, the experts' proposals.ts.
 */

/** Days before the day within which a cancellation of an agreed request keeps the fee due. */
export const LATE_CANCEL_DAYS = 7;
/** Statuses in which the request is still open for changes. */
export const OPEN_STATUSES: readonly RequestStatus[] = ['nieuw', 'in_behandeling', 'voorgesteld', 'afgesproken'];

export type RequestActionError = 'stale' | 'state' | 'gone';
export type RequestActionResult = { ok: true } | { ok: false; error: RequestActionError };

/**
 * Store a request and mail the confirmation link. A wished profile is kept
 * only when it is published; a local request only for a published initiative.
 */
export async function submitPoolRequest(db: Db, mailer: Mailer, context: OutsideContext, input: RequestInput): Promise<OutsideSubmitResult> {
	const [wished] = input.profile
		? await db.select({ id: expertProfile.id }).from(expertProfile).where(and(eq(expertProfile.id, input.profile), sql`${expertProfile.publishedAt} is not null`))
		: [];
	const [local] = input.initiative
		? await db.select({ id: initiative.id }).from(initiative).where(and(eq(initiative.slug, input.initiative), eq(initiative.status, 'published')))
		: [];
	const o = { locale: context.locale };
	return submitOutsideRequest(
		db,
		mailer,
		poolRequestKind,
		context,
		{ targetId: null, email: input.email, homepage: input.homepage, formulier: input.formulier },
		async (tx, id) => {
			const { email: _email, profile: _profile, initiative: _initiative, homepage: _homepage, formulier: _formulier, ...details } = input;
			await tx.insert(poolRequest).values({ id, ...details, wishedProfileId: wished?.id ?? null, initiativeId: local?.id ?? null });
		},
		(link, expiresAt) => {
			const params = { link, until: formatDay(expiresAt, context.locale) };
			return { to: input.email, subject: m.expertise_mail_confirm_subject(params, o), text: m.expertise_mail_confirm_text(params, o) };
		}
	);
}

/** "Link kwijt?": a new link to each of this address's requests, by mail; the same answer when there are none. */
export async function renewPoolLinks(db: Db, mailer: Mailer, context: OutsideContext, email: string) {
	const o = { locale: context.locale };
	return renewOutsideLinks(db, mailer, poolRequestKind, context, email, (links) => ({
		to: email.trim().toLowerCase(),
		subject: m.expertise_mail_renew_subject({}, o),
		text: m.expertise_mail_renew_text({ links: links.join('\n') }, o)
	}));
}

/** An expert as the organisation sees them: the shown name and the public profile, nothing else. */
export interface ShownExpert {
	profileId: string;
	name: string;
}

export interface ThreadMessage {
	id: string;
	author: ThreadAuthor;
	/** An expert's shown name (their pseudonym when they chose one); null for the other sides. */
	name: string | null;
	body: string;
	createdAt: Date;
}

/** What the organisation's link shows. */
export interface OrganisationView {
	request: Omit<PoolRequestRow, 'initiativeId' | 'wishedProfileId'>;
	confirmed: boolean;
	closed: boolean;
	experts: ShownExpert[];
	thread: ThreadMessage[];
	/** All experts accepted and the card is written: the organisation can confirm it. */
	cardReady: boolean;
	/** Cancelling now keeps the fee due. */
	cancelIsLate: boolean;
}

const THREAD_LIMIT = 200;

/** The messages of a request's thread, oldest first (bounded). */
export async function threadOf(db: Db, requestId: string): Promise<ThreadMessage[]> {
	return db
		.select({ id: poolRequestMessage.id, author: poolRequestMessage.author, name: sql<string | null>`case when ${poolRequestMessage.author} = 'expert' then ${shownName} end`, body: poolRequestMessage.body, createdAt: poolRequestMessage.createdAt })
		.from(poolRequestMessage)
		.leftJoin(expertProfile, eq(expertProfile.userId, poolRequestMessage.authorId))
		.where(eq(poolRequestMessage.requestId, requestId))
		.orderBy(asc(poolRequestMessage.createdAt), asc(poolRequestMessage.id))
		.limit(THREAD_LIMIT);
}

/** Whether cancelling now keeps the fee due: the request was agreed and its day is less than LATE_CANCEL_DAYS away. */
export function isLateCancel(request: Pick<PoolRequestRow, 'status' | 'day'>, now: Date): boolean {
	if (request.status !== 'afgesproken') return false;
	const daysLeft = (Date.parse(`${request.day}T00:00:00Z`) - Date.parse(`${now.toISOString().slice(0, 10)}T00:00:00Z`)) / 86_400_000;
	return daysLeft < LATE_CANCEL_DAYS;
}

/** The experts who accepted, with whether they confirmed the card: the only ones the organisation sees. */
export async function acceptedExperts(db: Db, requestId: string): Promise<Array<ShownExpert & { cardConfirmedAt: Date | null }>> {
	return db
		.select({ profileId: expertProfile.id, name: shownName, cardConfirmedAt: poolProposal.cardConfirmedAt })
		.from(poolProposal)
		.innerJoin(expertProfile, eq(expertProfile.id, poolProposal.profileId))
		.where(and(eq(poolProposal.requestId, requestId), shownToOrganisation))
		.orderBy(asc(poolProposal.proposedAt), asc(poolProposal.id))
		.limit(2);
}

/** The view of a secret link, or null when it opens nothing (unknown, expired, forgotten). Changes nothing. */
export async function requestByLink(db: Db, token: unknown, now: Date = new Date()): Promise<OrganisationView | null> {
	const outside = await findOutsideRequest(db, poolRequestKind, token, now);
	if (!outside) return null;
	const [row] = await db.select().from(poolRequest).where(eq(poolRequest.id, outside.id));
	if (!row) return null;
	const { initiativeId: _i, wishedProfileId: _w, ...request } = row;
	const experts = outside.confirmedAt ? await acceptedExperts(db, row.id) : [];
	return {
		request,
		confirmed: !!outside.confirmedAt,
		closed: !!outside.closedAt,
		experts: experts.map(({ profileId, name }) => ({ profileId, name })),
		thread: outside.confirmedAt ? await threadOf(db, row.id) : [],
		cardReady: row.status === 'voorgesteld' && !!row.cardWrittenAt && experts.length >= row.experts,
		cancelIsLate: isLateCancel(row, now)
	};
}

/** Confirm with the secret link: the request enters the queue (once, also after a second click). False when the link opens nothing. */
export async function confirmPoolRequest(db: Db, token: unknown, now: Date = new Date()): Promise<boolean> {
	return (await confirmOutsideRequest(db, poolRequestKind, token, now)).ok;
}

/** The open, confirmed request behind a link, locked for a change; null when the link opens nothing. */
async function lockedByLink(tx: Db, token: unknown, now: Date) {
	const outside = await findOutsideRequest(tx, poolRequestKind, token, now);
	if (!outside?.confirmedAt) return null;
	const [row] = await tx.select().from(poolRequest).where(eq(poolRequest.id, outside.id)).for('update');
	return row ? { row, closed: !!outside.closedAt } : null;
}

/**
 * Change a locked request's state when its version is still the one the
 * form showed: a stale form or a second click is `stale` (a 409).
 */
export async function advance(tx: Db, row: PoolRequestRow, version: number, patch: Partial<PoolRequestRow>): Promise<RequestActionResult> {
	if (row.version !== version) return { ok: false, error: 'stale' };
	await tx
		.update(poolRequest)
		.set({ ...patch, version: row.version + 1 })
		.where(eq(poolRequest.id, row.id));
	return { ok: true };
}

/**
 * Add a message to the thread. The same words again from the same side
 * (a double submit) add nothing.
 */
export async function addThreadMessage(tx: Db, requestId: string, author: ThreadAuthor, authorId: string | null, body: string, now: Date): Promise<boolean> {
	const [last] = await tx
		.select({ author: poolRequestMessage.author, body: poolRequestMessage.body })
		.from(poolRequestMessage)
		.where(eq(poolRequestMessage.requestId, requestId))
		.orderBy(sql`${poolRequestMessage.createdAt} desc`, sql`${poolRequestMessage.id} desc`)
		.limit(1);
	if (last && last.author === author && last.body === body) return false;
	await tx.insert(poolRequestMessage).values({ requestId, author, authorId, body, createdAt: now });
	return true;
}

/** The organisation writes in the thread (a closed request takes no more). */
export async function organisationMessage(db: Db, token: unknown, body: string, now: Date = new Date()): Promise<RequestActionResult> {
	return db.transaction(async (tx): Promise<RequestActionResult> => {
		const found = await lockedByLink(tx, token, now);
		if (!found) return { ok: false, error: 'gone' };
		if (found.closed) return { ok: false, error: 'state' };
		if (await addThreadMessage(tx, found.row.id, 'organisation', null, body, now)) {
			await notifyCoordinators(tx, found.row.id, 'message');
			await notifyThreadExperts(tx, found.row.id);
		}
		return { ok: true };
	});
}

/** Once every expert has accepted, an agreement needs the card confirmed by the organisation and each expert. */
export async function settleAgreement(tx: Db, requestId: string): Promise<void> {
	const [row] = await tx.select().from(poolRequest).where(eq(poolRequest.id, requestId));
	if (row.status !== 'voorgesteld' || !row.cardWrittenAt || !row.orgConfirmedAt) return;
	const experts = await acceptedExperts(tx, requestId);
	if (experts.length < row.experts || experts.some((e) => !e.cardConfirmedAt)) return;
	await tx
		.update(poolRequest)
		.set({ status: 'afgesproken', version: row.version + 1 })
		.where(eq(poolRequest.id, requestId));
	await notifyExperts(tx, requestId, 'agreed');
	await notifyCoordinators(tx, requestId, 'agreed');
	log.info({ request: requestId }, 'pool request agreed');
}

/** The organisation confirms the afsprakenkaart. */
export async function organisationConfirmsCard(db: Db, token: unknown, version: number, now: Date = new Date()): Promise<RequestActionResult> {
	return db.transaction(async (tx): Promise<RequestActionResult> => {
		const found = await lockedByLink(tx, token, now);
		if (!found) return { ok: false, error: 'gone' };
		const { row } = found;
		if (row.status !== 'voorgesteld' || !row.cardWrittenAt || (await acceptedExperts(tx, row.id)).length < row.experts) return { ok: false, error: row.orgConfirmedAt ? 'stale' : 'state' };
		const result = await advance(tx, row, version, { orgConfirmedAt: now });
		if (result.ok) await settleAgreement(tx, row.id);
		return result;
	});
}

/** The organisation cancels; late (within LATE_CANCEL_DAYS of an agreed day) keeps the fee due. The link works for the retention period more. */
export async function organisationCancels(db: Db, token: unknown, version: number, now: Date = new Date()): Promise<RequestActionResult> {
	return db.transaction(async (tx): Promise<RequestActionResult> => {
		const found = await lockedByLink(tx, token, now);
		if (!found) return { ok: false, error: 'gone' };
		const { row } = found;
		if (!OPEN_STATUSES.includes(row.status)) return { ok: false, error: row.status === 'geannuleerd' ? 'stale' : 'state' };
		const result = await advance(tx, row, version, { status: 'geannuleerd', cancelledAt: now, lateCancel: isLateCancel(row, now) });
		if (!result.ok) return result;
		await closeOutsideRequest(tx, poolRequestKind, row.id, now);
		await notifyCoordinators(tx, row.id, 'cancelled');
		await notifyExperts(tx, row.id, 'cancelled');
		return result;
	});
}

/** The organisation's feedback after the work, in words; writing again replaces it. */
export async function organisationFeedback(db: Db, token: unknown, feedback: string, now: Date = new Date()): Promise<RequestActionResult> {
	return db.transaction(async (tx): Promise<RequestActionResult> => {
		const found = await lockedByLink(tx, token, now);
		if (!found) return { ok: false, error: 'gone' };
		const { row } = found;
		if (row.status !== 'uitgevoerd' && row.status !== 'afgerond') return { ok: false, error: 'state' };
		if (row.feedback === feedback) return { ok: true };
		await tx.update(poolRequest).set({ feedback, feedbackAt: now }).where(eq(poolRequest.id, row.id));
		await notifyExperts(tx, row.id, 'feedback');
		return { ok: true };
	});
}

