import { and, asc, eq } from 'drizzle-orm';
import { m } from '../../paraglide/messages.js';
import { requireActivityManager } from '../access/activities.ts';
import { NotFound } from '../access/core.ts';
import { initiativeFor, requireCoordinator } from '../access/initiatives.ts';
import { enqueueNotice, localeOf, localePrefix, noticeQueue, type NoticeContext } from '../notify/index.ts';
import { user } from '../accounts/schema.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { initiative, membership } from '../initiatives/schema.ts';
import type { QueueDefinition } from '../jobs/index.ts';
import { noticeLinkPath, noticeMode } from '../notify/preferences.ts';
import { activityPath } from './notifications/mails.ts';
import { refreshActivityDates } from './dates.ts';
import { activity } from './schema.ts';

/*
 * Proposals (voorstellen): when an initiative reviews new activities, a
 * member's activity starts as `proposed`. Its host and the coordinators see
 * it; a coordinator puts it in the calendar or declines it. Coordinators hear
 * of each proposal by mail, and the host hears what was decided.
 */

export const PROPOSAL_MAIL_QUEUE = 'activity-proposal-mail';
const PROPOSAL_MAIL_KINDS = ['proposed', 'approved', 'declined'] as const;
type ProposalMailKind = (typeof PROPOSAL_MAIL_KINDS)[number];

interface ProposalMailJob {
	kind: ProposalMailKind;
	activityId: string;
	/** Who gets the mail. */
	userId: string;
	/** Kept in the job: a declined proposal is gone when the mail is sent. */
	title: string;
	initiativeId: string;
}

/** The coordinators' choices for activities of their initiative. */
export interface ActivitySettings {
	/** New activities of members wait for a coordinator. */
	reviewActivities: boolean;
	/** People without an account may sign up for public activities. */
	guestSignups: boolean;
}

export async function updateActivitySettings(db: Db, viewer: Viewer, initiativeId: string, settings: ActivitySettings): Promise<void> {
	await requireCoordinator(db, viewer, { id: initiativeId });
	await db.update(initiative).set(settings).where(eq(initiative.id, initiativeId));
}

/** Tell each coordinator about a new proposal; call in the transaction that created it. */
export async function notifyProposal(tx: Db, proposal: { id: string; title: string; initiativeId: string }): Promise<void> {
	const coordinators = await tx
		.select({ userId: membership.userId })
		.from(membership)
		.where(and(eq(membership.initiativeId, proposal.initiativeId), eq(membership.role, 'coordinator')));
	for (const { userId } of coordinators) {
		await enqueueNotice(tx, PROPOSAL_MAIL_QUEUE, { kind: 'proposed', activityId: proposal.id, userId, title: proposal.title, initiativeId: proposal.initiativeId } satisfies ProposalMailJob);
	}
}

/** A coordinator checks that the activity is a proposal of their initiative. */
async function proposalFor(db: Db, viewer: Viewer, activityId: string) {
	const access = await requireActivityManager(db, viewer, activityId);
	if (access.role !== 'coordinator') throw new NotFound();
	if (access.activity.status !== 'proposed') return null;
	return access.activity;
}

/** A coordinator puts a proposal in the calendar. Approving twice changes nothing. */
export async function approveActivity(db: Db, viewer: Viewer, activityId: string): Promise<void> {
	const proposal = await proposalFor(db, viewer, activityId);
	if (!proposal) return;
	await db.transaction(async (tx) => {
		const [done] = await tx
			.update(activity)
			.set({ status: 'published' })
			.where(and(eq(activity.id, activityId), eq(activity.status, 'proposed')))
			.returning({ id: activity.id });
		if (!done) return;
		await notifyHost(tx, 'approved', proposal);
		await refreshActivityDates(tx, [activityId]);
	});
}

/** A coordinator declines a proposal: it is removed, and its host gets a kind mail. */
export async function declineActivity(db: Db, viewer: Viewer, activityId: string): Promise<void> {
	const proposal = await proposalFor(db, viewer, activityId);
	if (!proposal) return;
	await db.transaction(async (tx) => {
		const [done] = await tx
			.delete(activity)
			.where(and(eq(activity.id, activityId), eq(activity.status, 'proposed')))
			.returning({ id: activity.id });
		if (done) await notifyHost(tx, 'declined', proposal);
	});
}

async function notifyHost(tx: Db, kind: 'approved' | 'declined', proposal: typeof activity.$inferSelect) {
	if (!proposal.createdBy) return;
	await enqueueNotice(tx, PROPOSAL_MAIL_QUEUE, {
		kind,
		activityId: proposal.id,
		userId: proposal.createdBy,
		title: proposal.title,
		initiativeId: proposal.initiativeId
	} satisfies ProposalMailJob);
}

function parseJob(data: Record<string, unknown>): ProposalMailJob {
	const { kind, activityId, userId, title, initiativeId } = data;
	if (
		!PROPOSAL_MAIL_KINDS.includes(kind as ProposalMailKind) ||
		typeof activityId !== 'string' ||
		typeof userId !== 'string' ||
		typeof title !== 'string' ||
		typeof initiativeId !== 'string'
	) {
		throw new Error('not a proposal mail job');
	}
	return { kind: kind as ProposalMailKind, activityId, userId, title, initiativeId };
}

/**
 * Send one proposal mail, in the person's language. A mail that no longer
 * fits is skipped: "new proposal" once it was decided, "approved" once it was
 * cancelled again, any of them once the person left the initiative.
 */
export async function sendProposalMail(ctx: NoticeContext, job: ProposalMailJob): Promise<'sent' | 'skipped'> {
	const { db, mailer, origin } = ctx;
	const [person] = await db.select({ email: user.email, name: user.name, locale: user.locale }).from(user).where(eq(user.id, job.userId));
	const [place] = await db
		.select({ slug: initiative.slug, name: initiative.name, member: membership.userId })
		.from(initiative)
		.leftJoin(membership, and(eq(membership.initiativeId, initiative.id), eq(membership.userId, job.userId)))
		.where(eq(initiative.id, job.initiativeId));
	// Proposals are the members' business: nothing to someone who left since.
	if (!person || !place?.member) return 'skipped';
	const [current] = await db.select({ status: activity.status }).from(activity).where(eq(activity.id, job.activityId));
	const fits = { proposed: current?.status === 'proposed', approved: current?.status === 'published', declined: !current }[job.kind];
	if (!fits) return 'skipped';
	// A coordinator may turn off the mail about a new proposal (it is on their start page too).
	if (job.kind === 'proposed' && (await noticeMode(db, 'activity-proposals', job.userId)) !== 'now') return 'skipped';
	const locale = localeOf(person);
	const o = { locale };
	const link = `${origin}${localePrefix(locale)}${activityPath(place.slug, job.activityId)}`;
	const list = `${origin}${localePrefix(locale)}/initiatieven/${encodeURIComponent(place.slug)}/activiteiten`;
	const params = { name: person.name, title: job.title, initiative: place.name, link, list };
	const [subject, text] =
		job.kind === 'proposed'
			? [m.proposal_mail_new_subject(params, o), m.proposal_mail_new_text(params, o)]
			: job.kind === 'approved'
				? [m.proposal_mail_approved_subject(params, o), m.proposal_mail_approved_text(params, o)]
				: [m.proposal_mail_declined_subject(params, o), m.proposal_mail_declined_text(params, o)];
	const change = job.kind === 'proposed' ? `\n\n${m.notices_change_line({ link: `${origin}${localePrefix(locale)}${noticeLinkPath(ctx.secret, 'activity-proposals', job.userId)}` }, o)}` : '';
	await mailer.send({ to: person.email, subject, text: text + change });
	return 'sent';
}

/** The queue of this module, for the job runner. */
export function proposalQueues(ctx: NoticeContext): Record<string, QueueDefinition> {
	return { [PROPOSAL_MAIL_QUEUE]: noticeQueue(parseJob, (job) => sendProposalMail(ctx, job)) };
}

/** Proposals waiting for a look, oldest first: for coordinators; nobody else gets any. */
export async function waitingProposals(db: Db, viewer: Viewer, initiativeId: string): Promise<Array<{ id: string; title: string; startsAt: Date }>> {
	const { role } = await initiativeFor(db, viewer, { id: initiativeId });
	if (role !== 'coordinator') return [];
	return db
		.select({ id: activity.id, title: activity.title, startsAt: activity.startsAt })
		.from(activity)
		.where(and(eq(activity.initiativeId, initiativeId), eq(activity.status, 'proposed')))
		.orderBy(asc(activity.createdAt))
		.limit(50);
}
