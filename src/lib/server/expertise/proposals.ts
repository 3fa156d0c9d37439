import { and, asc, desc, eq, ne, sql } from 'drizzle-orm';
import { proposalForExpert, shownName, shownToOrganisation, threadOpenToExpert } from '../access/expertise.ts';
import { requireSignedIn } from '../access/core.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { outsideRequest } from '../outside/schema.ts';
import type { PersonalEvent } from '../activities/ical.ts';
import { amsterdamMoment, parseDate, parseTime } from '../activities/time.ts';
import { notifyCoordinators, notifyOrganisation, notifyThreadExperts } from './request-notices.ts';
import { addThreadMessage, settleAgreement, threadOf, type RequestActionResult, type ThreadMessage } from './request-service.ts';
import { expertProfile, poolProposal, poolRequest, type ExpertiseForm, type PoolRequestRow, type ProposalAnswer, type RequestStatus } from './schema.ts';

/*
 * The expert's side: the requests they were proposed for, accepting or
 * declining (privately, without a reason), confirming the afsprakenkaart,
 * and afterwards their own check-in and reflection and the organisation's
 * feedback. An expert never sees the organisation's contact details:
 * contact goes through the pool.
 */

export const PROPOSALS_PAGE_SIZE = 20;

export interface MyProposalItem {
	requestId: string;
	form: ExpertiseForm;
	day: string;
	status: RequestStatus;
	answer: ProposalAnswer;
}

const myProposalsWhere = (userId: string) => and(eq(expertProfile.userId, userId), ne(poolProposal.answer, 'withdrawn'), sql`${outsideRequest.forgottenAt} is null`);

/** One page of the viewer's proposals, the latest day first. */
export async function myProposals(db: Db, viewer: Viewer, page = 1) {
	const me = requireSignedIn(viewer);
	page = Math.max(1, Math.min(500, page));
	const rows = await db
		.select({ requestId: poolRequest.id, form: poolRequest.form, day: poolRequest.day, status: poolRequest.status, answer: poolProposal.answer })
		.from(poolProposal)
		.innerJoin(expertProfile, eq(expertProfile.id, poolProposal.profileId))
		.innerJoin(poolRequest, eq(poolRequest.id, poolProposal.requestId))
		.innerJoin(outsideRequest, eq(outsideRequest.id, poolRequest.id))
		.where(myProposalsWhere(me.userId))
		.orderBy(sql`${poolProposal.answer} = 'open' desc`, desc(poolRequest.day), asc(poolRequest.id))
		.limit(PROPOSALS_PAGE_SIZE + 1)
		.offset((page - 1) * PROPOSALS_PAGE_SIZE);
	return { items: rows.slice(0, PROPOSALS_PAGE_SIZE) satisfies MyProposalItem[], page, hasNext: rows.length > PROPOSALS_PAGE_SIZE };
}

/** What an expert reads of a request: what the work is, never who to call. */
export type RequestForExpert = Omit<PoolRequestRow, 'contactName' | 'contactPhone' | 'initiativeId' | 'wishedProfileId' | 'feedback'>;

export interface MyProposal {
	request: RequestForExpert;
	proposal: typeof poolProposal.$inferSelect;
	/** The other expert(s) who accepted, by shown name. */
	partners: string[];
	/** The organisation's feedback, after the work. */
	feedback: string | null;
	/** The request's thread, once they said yes (null before). */
	thread: ThreadMessage[] | null;
	/** The request is closed: the thread takes no more messages. */
	closed: boolean;
}

/** One of the viewer's proposals; NotFound when it is not theirs. */
export async function myProposal(db: Db, viewer: Viewer, requestId: string): Promise<MyProposal> {
	const { proposal } = await proposalForExpert(db, viewer, requestId);
	const [{ request: row, closedAt }] = await db
		.select({ request: poolRequest, closedAt: outsideRequest.closedAt })
		.from(poolRequest)
		.innerJoin(outsideRequest, eq(outsideRequest.id, poolRequest.id))
		.where(eq(poolRequest.id, requestId));
	const { contactName: _n, contactPhone: _p, initiativeId: _i, wishedProfileId: _w, feedback, ...request } = row;
	const partners =
		proposal.answer === 'accepted'
			? await db
					.select({ name: shownName })
					.from(poolProposal)
					.innerJoin(expertProfile, eq(expertProfile.id, poolProposal.profileId))
					.where(and(eq(poolProposal.requestId, requestId), shownToOrganisation, ne(poolProposal.id, proposal.id)))
					.limit(2)
			: [];
	const after = row.status === 'uitgevoerd' || row.status === 'afgerond';
	return {
		request,
		proposal,
		partners: partners.map((p) => p.name),
		feedback: after && proposal.answer === 'accepted' ? feedback : null,
		thread: threadOpenToExpert(proposal) ? await threadOf(db, requestId) : null,
		closed: !!closedAt
	};
}

/** An expert who said yes writes in the thread; the pool, the organisation and the other expert hear of it (not what). */
export async function expertMessage(db: Db, viewer: Viewer, requestId: string, body: string, now: Date = new Date()): Promise<RequestActionResult> {
	return db.transaction(async (tx): Promise<RequestActionResult> => {
		const { viewer: me, proposal } = await proposalForExpert(tx, viewer, requestId);
		const [open] = await tx
			.select({ closedAt: outsideRequest.closedAt })
			.from(poolRequest)
			.innerJoin(outsideRequest, eq(outsideRequest.id, poolRequest.id))
			.where(eq(poolRequest.id, requestId))
			.for('update', { of: poolRequest });
		if (!threadOpenToExpert(proposal) || open.closedAt) return { ok: false, error: 'state' };
		if (await addThreadMessage(tx, requestId, 'expert', me.userId, body, now)) {
			await notifyCoordinators(tx, requestId, 'message');
			await notifyOrganisation(tx, requestId);
			await notifyThreadExperts(tx, requestId, me.userId);
		}
		return { ok: true };
	});
}

/** Accept or decline, without a reason. Only while the request waits for answers; answering the same twice changes nothing. */
export async function answerProposal(db: Db, viewer: Viewer, requestId: string, answer: 'accepted' | 'declined', now: Date = new Date()): Promise<RequestActionResult> {
	return db.transaction(async (tx): Promise<RequestActionResult> => {
		const { proposal } = await proposalForExpert(tx, viewer, requestId);
		const [row] = await tx.select({ status: poolRequest.status }).from(poolRequest).where(eq(poolRequest.id, requestId)).for('update');
		if (proposal.answer === answer) return { ok: true };
		if (proposal.answer !== 'open' || row.status !== 'voorgesteld') return { ok: false, error: 'stale' };
		await tx.update(poolProposal).set({ answer, answeredAt: now }).where(eq(poolProposal.id, proposal.id));
		await notifyCoordinators(tx, requestId, 'answer');
		return { ok: true };
	});
}

/** The expert confirms the afsprakenkaart; when everyone did, it is afgesproken. */
export async function expertConfirmsCard(db: Db, viewer: Viewer, requestId: string, now: Date = new Date()): Promise<RequestActionResult> {
	return db.transaction(async (tx): Promise<RequestActionResult> => {
		const { proposal } = await proposalForExpert(tx, viewer, requestId);
		const [row] = await tx.select().from(poolRequest).where(eq(poolRequest.id, requestId)).for('update');
		if (proposal.cardConfirmedAt) return { ok: false, error: 'stale' };
		if (proposal.answer !== 'accepted' || row.status !== 'voorgesteld' || !row.cardWrittenAt) return { ok: false, error: 'state' };
		await tx.update(poolProposal).set({ cardConfirmedAt: now }).where(eq(poolProposal.id, proposal.id));
		await settleAgreement(tx, requestId);
		return { ok: true };
	});
}

/** After the work: the expert's check-in (theirs alone), reflection (shared or not), and whether the coordinators may read the feedback. */
export async function saveAfter(
	db: Db,
	viewer: Viewer,
	requestId: string,
	input: { checkIn: string; reflection: string; reflectionShared: boolean; feedbackShared: boolean }
): Promise<RequestActionResult> {
	const { proposal } = await proposalForExpert(db, viewer, requestId);
	const [row] = await db.select({ status: poolRequest.status }).from(poolRequest).where(eq(poolRequest.id, requestId));
	if (proposal.answer !== 'accepted' || (row.status !== 'uitgevoerd' && row.status !== 'afgerond')) return { ok: false, error: 'state' };
	await db
		.update(poolProposal)
		.set({ checkIn: input.checkIn || null, reflection: input.reflection || null, reflectionShared: input.reflectionShared && !!input.reflection, feedbackShared: input.feedbackShared })
		.where(eq(poolProposal.id, proposal.id));
	return { ok: true };
}

/**
 * A person's agreed pool work as events for their own calendar feed: the form
 * of work (in `summary`) and the place, a link to the request, never the
 * organisation or its words. Without a start time it is a day's event at 9.
 */
export async function poolEvents(db: Db, userId: string, since: Date, summary: (input: { form: ExpertiseForm }) => string): Promise<PersonalEvent[]> {
	const rows = await db
		.select({ id: poolRequest.id, form: poolRequest.form, day: poolRequest.day, startTime: poolRequest.startTime, online: poolRequest.online, place: poolRequest.place })
		.from(poolProposal)
		.innerJoin(expertProfile, eq(expertProfile.id, poolProposal.profileId))
		.innerJoin(poolRequest, eq(poolRequest.id, poolProposal.requestId))
		.where(and(eq(expertProfile.userId, userId), eq(poolProposal.answer, 'accepted'), eq(poolRequest.status, 'afgesproken'), sql`${poolRequest.day} >= ${since.toISOString().slice(0, 10)}`))
		.orderBy(asc(poolRequest.day))
		.limit(200);
	return rows.flatMap((r) => {
		const start = amsterdamMoment(parseDate(r.day)!, parseTime(r.startTime ?? '09:00')!);
		if (!start) return [];
		return [{ id: `pool-${r.id}`, summary: summary({ form: r.form }), location: r.online ? 'Online' : (r.place ?? ''), start, end: new Date(start.getTime() + 2 * 3600_000), path: `/account/expertise/aanvragen/${r.id}` }];
	});
}
