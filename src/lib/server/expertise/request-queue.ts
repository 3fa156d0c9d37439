import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { profilesInScope, requestForCoordinator, requestsInScope, requirePoolCoordinator, shownName } from '../access/expertise.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { log } from '../log/index.ts';
import { outsideRequest } from '../outside/schema.ts';
import { closeOutsideRequest } from '../outside/service.ts';
import { poolRequestKind } from './request-kind.ts';
import { notifyCoordinators, notifyExperts, notifyOrganisation, notifyThreadExperts } from './request-notices.ts';
import { addThreadMessage, advance, OPEN_STATUSES, threadOf, type RequestActionResult, type ThreadMessage } from './request-service.ts';
import { expertProfile, poolProposal, poolRequest, QUEUE_STATUSES, statusIn, type ExpertiseForm, type PoolRequestRow, type ProposalAnswer, type RequestSector, type RequestStatus } from './schema.ts';

/*
 * The pool coordinators' side: the queue of requests in their scope, one
 * request with its thread and proposals, and the steps: a question, a
 * proposal (a duo unless one was asked), the afsprakenkaart, delivered,
 * finished or cancelled. Every step names the version the page showed, so a
 * stale page or a second click changes nothing (a 409).
 */

export const REQUEST_PAGE_SIZE = 20;

export interface QueueItem {
	id: string;
	organisation: string | null;
	sector: RequestSector;
	form: ExpertiseForm;
	day: string;
	status: RequestStatus;
	receivedAt: Date;
}

/** One page of the queue: open requests (the new ones first, then by day), or closed ones (latest first). */
export async function requestQueue(db: Db, viewer: Viewer, options: { closed?: boolean; page?: number } = {}) {
	const { scope } = await requirePoolCoordinator(db, viewer);
	const page = Math.max(1, Math.min(1000, options.page ?? 1));
	const rows = await db
		.select({
			id: poolRequest.id,
			organisation: poolRequest.organisation,
			sector: poolRequest.sector,
			form: poolRequest.form,
			day: poolRequest.day,
			status: poolRequest.status,
			receivedAt: outsideRequest.confirmedAt
		})
		.from(poolRequest)
		.innerJoin(outsideRequest, eq(outsideRequest.id, poolRequest.id))
		.where(and(requestsInScope(scope), statusIn(poolRequest.status, options.closed ? QUEUE_STATUSES.closed : QUEUE_STATUSES.open)))
		// The order of the queue's indexes (schema.ts): the new ones first, then by day.
		.orderBy(...(options.closed ? [desc(poolRequest.day)] : [sql`${poolRequest.status} <> 'nieuw'`, asc(poolRequest.day)]), asc(poolRequest.id))
		.limit(REQUEST_PAGE_SIZE + 1)
		.offset((page - 1) * REQUEST_PAGE_SIZE);
	return {
		items: rows.slice(0, REQUEST_PAGE_SIZE).map((r) => ({ ...r, receivedAt: r.receivedAt! })) satisfies QueueItem[],
		page,
		hasNext: rows.length > REQUEST_PAGE_SIZE
	};
}

export interface ProposalForCoordinator {
	profileId: string;
	name: string;
	answer: ProposalAnswer;
	cardConfirmedAt: Date | null;
	/** Shared by the expert only; null otherwise. */
	reflection: string | null;
}

export interface Candidate {
	profileId: string;
	name: string;
	forms: ExpertiseForm[];
	notAbout: string;
}

export interface RequestDetail {
	request: PoolRequestRow;
	email: string | null;
	receivedAt: Date;
	closed: boolean;
	thread: ThreadMessage[];
	proposals: ProposalForCoordinator[];
	/** The organisation's feedback, when an expert on it agreed to share it. */
	feedback: string | null;
	/** Experts in scope to propose: the wished one first, then those who do this form of work. */
	candidates: Candidate[];
}

const CANDIDATES = 60;

/** One request with everything a pool coordinator works with. */
export async function requestDetail(db: Db, viewer: Viewer, id: string): Promise<RequestDetail> {
	const { scope, request, closedAt } = await requestForCoordinator(db, viewer, id);
	const [outside] = await db.select({ email: outsideRequest.email, confirmedAt: outsideRequest.confirmedAt }).from(outsideRequest).where(eq(outsideRequest.id, id));
	const proposals = await db
		.select({
			profileId: poolProposal.profileId,
			name: shownName,
			answer: poolProposal.answer,
			cardConfirmedAt: poolProposal.cardConfirmedAt,
			reflection: sql<string | null>`case when ${poolProposal.reflectionShared} then ${poolProposal.reflection} end`,
			feedbackShared: poolProposal.feedbackShared
		})
		.from(poolProposal)
		.innerJoin(expertProfile, eq(expertProfile.id, poolProposal.profileId))
		.where(eq(poolProposal.requestId, id))
		.orderBy(asc(poolProposal.proposedAt), asc(poolProposal.id))
		.limit(20);
	const proposed = new Set(proposals.map((p) => p.profileId));
	const candidates = OPEN_STATUSES.includes(request.status)
		? (
				await db
					.select({ profileId: expertProfile.id, name: shownName, forms: expertProfile.forms, notAbout: expertProfile.notAbout })
					.from(expertProfile)
					.where(profilesInScope(scope))
					.orderBy(
						sql`${expertProfile.id} = ${request.wishedProfileId ?? sql`null`} desc nulls last`,
						sql`${expertProfile.forms} @> array[${request.form}]::text[] desc`,
						asc(expertProfile.id)
					)
					.limit(CANDIDATES)
			).filter((c) => !proposed.has(c.profileId))
		: [];
	return {
		request,
		email: outside.email,
		receivedAt: outside.confirmedAt!,
		closed: !!closedAt,
		thread: await threadOf(db, id),
		proposals: proposals.map(({ feedbackShared: _s, ...p }) => p),
		feedback: proposals.some((p) => p.feedbackShared) ? request.feedback : null,
		candidates
	};
}

/** Lock the request for a step by a coordinator (NotFound outside their scope). */
async function locked(tx: Db, viewer: Viewer, id: string) {
	const access = await requestForCoordinator(tx, viewer, id);
	const [row] = await tx.select().from(poolRequest).where(eq(poolRequest.id, id)).for('update');
	return { ...access, row };
}

/** Any step is a first answer: the figures count the time to it, and a new request is then in behandeling. */
const answered = (row: PoolRequestRow, now: Date): Partial<PoolRequestRow> => ({
	firstAnswerAt: row.firstAnswerAt ?? now,
	...(row.status === 'nieuw' ? { status: 'in_behandeling' as const } : {})
});

/** A coordinator writes in the thread (a question, an answer); the organisation hears there is news. */
export async function coordinatorMessage(db: Db, viewer: Viewer, id: string, body: string, now: Date = new Date()): Promise<RequestActionResult> {
	return db.transaction(async (tx): Promise<RequestActionResult> => {
		const { viewer: me, row, closedAt } = await locked(tx, viewer, id);
		if (closedAt) return { ok: false, error: 'state' };
		if (!(await addThreadMessage(tx, id, 'coordinator', me.userId, body, now))) return { ok: true };
		const patch = answered(row, now);
		if (patch.status || !row.firstAnswerAt) await tx.update(poolRequest).set({ ...patch, version: row.version + 1 }).where(eq(poolRequest.id, id));
		await notifyOrganisation(tx, id);
		await notifyThreadExperts(tx, id);
		return { ok: true };
	});
}

export type ProposeResult = RequestActionResult | { ok: false; error: 'count' };

/**
 * Propose experts: as many as the request asks (two: a duo; one when asked),
 * counting those still on it. Only published profiles in the coordinator's
 * scope; each expert hears of it and answers privately.
 */
export async function proposeExperts(db: Db, viewer: Viewer, id: string, profileIds: string[], version: number, now: Date = new Date()): Promise<ProposeResult> {
	return db.transaction(async (tx): Promise<ProposeResult> => {
		const { scope, row } = await locked(tx, viewer, id);
		if (!['nieuw', 'in_behandeling', 'voorgesteld'].includes(row.status)) return { ok: false, error: row.version === version ? 'state' : 'stale' };
		if (row.version !== version) return { ok: false, error: 'stale' };
		const wanted = [...new Set(profileIds)];
		const [{ onIt }] = await tx
			.select({ onIt: sql<number>`count(*)::int`.mapWith(Number) })
			.from(poolProposal)
			.where(and(eq(poolProposal.requestId, id), inArray(poolProposal.answer, ['open', 'accepted'])));
		const valid = wanted.length
			? await tx
					.select({ id: expertProfile.id })
					.from(expertProfile)
					.where(and(inArray(expertProfile.id, wanted), profilesInScope(scope)))
			: [];
		if (!wanted.length || valid.length !== wanted.length || onIt + wanted.length > row.experts) return { ok: false, error: 'count' };
		const added = await tx
			.insert(poolProposal)
			.values(wanted.map((profileId) => ({ requestId: id, profileId, proposedAt: now })))
			.onConflictDoNothing()
			.returning({ profileId: poolProposal.profileId });
		if (added.length !== wanted.length) return { ok: false, error: 'count' };
		await advance(tx, row, version, { ...answered(row, now), status: 'voorgesteld' });
		await notifyExperts(tx, id, 'proposal', wanted);
		log.info({ request: id, experts: wanted.length }, 'pool request: experts proposed');
		return { ok: true };
	});
}

/** Write (or rewrite) the afsprakenkaart once the experts accepted; a rewrite asks everyone to confirm again. */
export async function writeCard(db: Db, viewer: Viewer, id: string, card: { cardRoles: string; cardAsk: string; cardNotAsk: string }, version: number, now: Date = new Date()): Promise<RequestActionResult> {
	return db.transaction(async (tx): Promise<RequestActionResult> => {
		const { row } = await locked(tx, viewer, id);
		if (row.status !== 'voorgesteld') return { ok: false, error: row.version === version ? 'state' : 'stale' };
		const result = await advance(tx, row, version, { ...card, cardWrittenAt: now, orgConfirmedAt: null });
		if (!result.ok) return result;
		await tx.update(poolProposal).set({ cardConfirmedAt: null }).where(eq(poolProposal.requestId, id));
		await notifyExperts(tx, id, 'card');
		await notifyOrganisation(tx, id);
		return result;
	});
}

const STEPS = {
	/** The work was done: the experts get "Hoe was het voor jou?", the organisation may give feedback. */
	delivered: { from: ['afgesproken'], to: 'uitgevoerd' },
	/** Everything after is done: the request closes. */
	finished: { from: ['uitgevoerd'], to: 'afgerond' },
	/** The pool cancels (nobody fits, the organisation asked to). */
	cancelled: { from: OPEN_STATUSES, to: 'geannuleerd' }
} as const satisfies Record<string, { from: readonly RequestStatus[]; to: RequestStatus }>;
export type CoordinatorStep = keyof typeof STEPS;
export const isCoordinatorStep = (value: unknown): value is CoordinatorStep => typeof value === 'string' && Object.hasOwn(STEPS, value);

/** Move a request on: delivered, finished or cancelled. Closing starts the retention after which the organisation's details go. */
export async function moveRequest(db: Db, viewer: Viewer, id: string, step: CoordinatorStep, version: number, now: Date = new Date()): Promise<RequestActionResult> {
	return db.transaction(async (tx): Promise<RequestActionResult> => {
		const { row } = await locked(tx, viewer, id);
		const { from, to } = STEPS[step];
		if (!(from as readonly RequestStatus[]).includes(row.status)) return { ok: false, error: row.version === version ? 'state' : 'stale' };
		const result = await advance(tx, row, version, { status: to, ...(to === 'geannuleerd' ? { cancelledAt: now } : {}) });
		if (!result.ok) return result;
		if (to !== 'uitgevoerd') await closeOutsideRequest(tx, poolRequestKind, id, now);
		if (to === 'uitgevoerd') await notifyExperts(tx, id, 'delivered');
		if (to === 'geannuleerd') await notifyExperts(tx, id, 'cancelled');
		if (to !== 'afgerond') await notifyOrganisation(tx, id);
		// Proposals nobody answered are moot once it is over.
		if (to === 'geannuleerd') await tx.update(poolProposal).set({ answer: 'withdrawn' }).where(and(eq(poolProposal.requestId, id), eq(poolProposal.answer, 'open')));
		log.info({ request: id, status: to }, 'pool request moved');
		return result;
	});
}

