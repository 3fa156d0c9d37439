import { and, asc, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Viewer } from '../accounts/viewer.ts';
import { user } from '../accounts/schema.ts';
import { handoverForCoordinator, requireHandoverCoordinator } from '../access/handover.ts';
import type { Db } from '../db/index.ts';
import { log } from '../log/index.ts';
import { closeOutsideRequest } from '../outside/service.ts';
import { outsideRequest } from '../outside/schema.ts';
import { handoverKind } from './kind.ts';
import { handover, handoverStep, RECORDED_STEPS, type Reach, type Sector, type Step } from './schema.ts';

/*
 * The coordinators' side: the queue of one initiative's handovers, one
 * handover with the person's details, taking it ("ik bel haar"), recording
 * the steps and closing it. Only that initiative's coordinators (see
 * access/handover.ts). Closing starts the 90 days after which the details go.
 */

export const QUEUE_PAGE_SIZE = 20;

export interface HandoverListItem {
	id: string;
	source: 'professional' | 'self';
	sector: Sector | null;
	personName: string | null;
	step: Step;
	receivedAt: Date;
	takenBy: string | null;
	closedAt: Date | null;
}

/** One page of an initiative's open (or closed) handovers, the new ones first. */
export async function handoverQueue(db: Db, viewer: Viewer, slug: string, options: { closed?: boolean; page?: number } = {}) {
	const { initiative } = await requireHandoverCoordinator(db, viewer, slug);
	const page = Math.max(1, Math.min(500, options.page ?? 1));
	const rows = await db
		.select({
			id: handover.id,
			source: handover.source,
			sector: handover.sector,
			personName: handover.personName,
			step: handover.step,
			receivedAt: outsideRequest.confirmedAt,
			takenBy: user.name,
			closedAt: outsideRequest.closedAt
		})
		.from(handover)
		.innerJoin(outsideRequest, eq(outsideRequest.id, handover.id))
		.leftJoin(user, eq(user.id, handover.takenBy))
		.where(
			and(
				eq(handover.initiativeId, initiative.id),
				isNotNull(outsideRequest.confirmedAt),
				isNull(outsideRequest.forgottenAt),
				options.closed ? isNotNull(outsideRequest.closedAt) : isNull(outsideRequest.closedAt)
			)
		)
		.orderBy(...(options.closed ? [desc(outsideRequest.closedAt)] : [sql`${handover.step} = 'new' desc`, desc(outsideRequest.confirmedAt)]), asc(handover.id))
		.limit(QUEUE_PAGE_SIZE + 1)
		.offset((page - 1) * QUEUE_PAGE_SIZE);
	return {
		initiative: { slug: initiative.slug, name: initiative.name },
		items: rows.slice(0, QUEUE_PAGE_SIZE).map((r) => ({ ...r, receivedAt: r.receivedAt! })) satisfies HandoverListItem[],
		page,
		hasNext: rows.length > QUEUE_PAGE_SIZE
	};
}

export interface HandoverDetail extends HandoverListItem {
	referrerName: string | null;
	organisation: string | null;
	reach: Reach | null;
	phone: string | null;
	personEmail: string | null;
	lookingFor: string | null;
	shareStep: boolean;
	/** The viewer took it. */
	mine: boolean;
	steps: Array<{ step: Step; at: Date }>;
}

/** One handover with everything the coordinators need to get in touch. */
export async function handoverDetail(db: Db, viewer: Viewer, slug: string, id: string) {
	const { access, handover: h, request } = await handoverForCoordinator(db, viewer, slug, id);
	const [taker] = h.takenBy ? await db.select({ name: user.name }).from(user).where(eq(user.id, h.takenBy)) : [];
	const steps = await db.select({ step: handoverStep.step, at: handoverStep.at }).from(handoverStep).where(eq(handoverStep.handoverId, id)).orderBy(asc(handoverStep.at)).limit(50);
	const detail: HandoverDetail = {
		id: h.id,
		source: h.source,
		sector: h.sector,
		personName: h.personName,
		step: h.step,
		receivedAt: request.confirmedAt!,
		takenBy: taker?.name ?? null,
		closedAt: request.closedAt,
		referrerName: h.referrerName,
		organisation: h.organisation,
		reach: h.reach,
		phone: h.phone,
		personEmail: h.personEmail,
		lookingFor: h.lookingFor,
		shareStep: h.shareStep,
		mine: !!viewer && h.takenBy === viewer.userId,
		steps
	};
	return { initiative: { slug: access.initiative.slug, name: access.initiative.name }, handover: detail };
}

export type HandoverActionResult = { ok: true } | { ok: false; error: 'closed' | 'step' };

/**
 * Record a step; taking it ("ik neem hem") is the step `taken` and makes the
 * viewer the one who gets in touch. The same step twice changes nothing (a
 * double submit); a closed handover changes no more.
 */
export async function recordStep(db: Db, viewer: Viewer, slug: string, id: string, step: unknown, now: Date = new Date()): Promise<HandoverActionResult> {
	const { handover: h, request } = await handoverForCoordinator(db, viewer, slug, id);
	if (step !== 'taken' && !(RECORDED_STEPS as readonly unknown[]).includes(step)) return { ok: false, error: 'step' };
	if (request.closedAt) return { ok: false, error: 'closed' };
	const next = step as Step;
	// Taking one that someone already took (or that moved on) changes nothing.
	if (next === 'taken' && h.step !== 'new') return { ok: true };
	await db.transaction(async (tx) => {
		const changed = await tx
			.update(handover)
			.set({
				step: next,
				stepAt: now,
				// Whoever records a step is the one in touch, unless someone already took it.
				takenBy: h.takenBy ?? viewer!.userId,
				takenAt: h.takenAt ?? now
			})
			.where(and(eq(handover.id, id), sql`${handover.step} <> ${next}`))
			.returning({ id: handover.id });
		if (changed.length) await tx.insert(handoverStep).values({ handoverId: id, step: next, at: now });
	});
	log.info({ handover: id, step: next }, 'handover step recorded');
	return { ok: true };
}

/** Close a handover: it leaves the queue, its link shows "afgesloten", and its details go after 90 days. Closing twice is harmless. */
export async function closeHandover(db: Db, viewer: Viewer, slug: string, id: string, now: Date = new Date()): Promise<HandoverActionResult> {
	await handoverForCoordinator(db, viewer, slug, id);
	const closed = await db.transaction((tx) => closeOutsideRequest(tx, handoverKind, id, now));
	if (closed) log.info({ handover: id }, 'handover closed');
	return { ok: true };
}
