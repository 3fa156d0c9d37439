import { eq } from 'drizzle-orm';
import { m } from '../../paraglide/messages.js';
import { handoverTarget, linkShowsStep } from '../access/handover.ts';
import { formatDay } from '../activities/time.ts';
import type { Db } from '../db/index.ts';
import { initiative } from '../initiatives/schema.ts';
import type { Mailer } from '../mail/index.ts';
import { confirmOutsideRequest, findOutsideRequest, renewOutsideLinks, submitOutsideRequest, type OutsideContext, type OutsideSubmitResult } from '../outside/service.ts';
import type { ReferralInput, SelfInput } from './forms.ts';
import { handoverKind } from './kind.ts';
import { handover, type Step } from './schema.ts';

/*
 * The public side of a handover: the two forms, and the secret link that
 * confirms the request and then shows how it goes (the step only, when the
 * person agreed). The coordinators' side is queue.ts.
 */

export type HandoverSubmission = { source: 'professional'; data: ReferralInput } | { source: 'self'; data: SelfInput };

/**
 * Store a handover for a published initiative (NotFound otherwise) and mail
 * the confirmation link to the professional's or the person's address.
 * Nothing reaches the coordinators before that link is used.
 */
export async function submitHandover(db: Db, mailer: Mailer, context: OutsideContext & { slug: string }, input: HandoverSubmission): Promise<OutsideSubmitResult> {
	const target = await handoverTarget(db, context.slug);
	const d = input.data;
	const details =
		input.source === 'professional'
			? {
					sector: input.data.sector,
					referrerName: input.data.referrerName,
					organisation: input.data.organisation || null,
					personEmail: input.data.reach === 'email' ? input.data.personEmail : null,
					shareStep: input.data.shareStep
				}
			: { personEmail: input.data.reach === 'email' ? input.data.email : null };
	const o = { locale: context.locale };
	return submitOutsideRequest(
		db,
		mailer,
		handoverKind,
		context,
		{ targetId: target.id, email: d.email, homepage: d.homepage, formulier: d.formulier },
		async (tx, id) => {
			await tx.insert(handover).values({
				id,
				initiativeId: target.id,
				source: input.source,
				personName: d.personName,
				reach: d.reach,
				phone: d.reach === 'phone' ? d.phone : null,
				lookingFor: d.message || null,
				...details
			});
		},
		(link, expiresAt) => {
			const params = { initiative: target.name, link, until: formatDay(expiresAt, context.locale) };
			return input.source === 'professional'
				? { to: d.email, subject: m.handover_mail_confirm_subject(params, o), text: m.handover_mail_confirm_text(params, o) }
				: { to: d.email, subject: m.handover_mail_confirm_self_subject(params, o), text: m.handover_mail_confirm_self_text(params, o) };
		}
	);
}

/** "Link kwijt?": a new link to each open handover sent from this address, by mail; the same answer when there are none. */
export async function renewHandoverLinks(db: Db, mailer: Mailer, context: OutsideContext, email: string) {
	const o = { locale: context.locale };
	return renewOutsideLinks(db, mailer, handoverKind, context, email, (links) => ({
		to: email.trim().toLowerCase(),
		subject: m.handover_mail_renew_subject({}, o),
		text: m.handover_mail_renew_text({ links: links.join('\n') }, o)
	}));
}

/** What the secret link shows: where it went and, only when the person agreed, the step. Never the details. */
export interface HandoverLinkView {
	initiative: { name: string; slug: string };
	source: 'professional' | 'self';
	confirmed: boolean;
	closed: boolean;
	/** Null when the link's holder may not see it. */
	step: Step | null;
}

/** The view of a secret link, or null when it opens nothing (unknown, expired, forgotten). Changes nothing. */
export async function handoverByLink(db: Db, token: unknown, now: Date = new Date()): Promise<HandoverLinkView | null> {
	const request = await findOutsideRequest(db, handoverKind, token, now);
	if (!request) return null;
	const [row] = await db
		.select({ handover, initiative: { name: initiative.name, slug: initiative.slug } })
		.from(handover)
		.innerJoin(initiative, eq(initiative.id, handover.initiativeId))
		.where(eq(handover.id, request.id));
	if (!row) return null;
	return {
		initiative: row.initiative,
		source: row.handover.source,
		confirmed: !!request.confirmedAt,
		closed: !!request.closedAt,
		step: request.confirmedAt && linkShowsStep(row.handover) ? row.handover.step : null
	};
}

/** Confirm with the secret link: the handover enters the queue (once, also after a second click). False when the link opens nothing. */
export async function confirmHandover(db: Db, token: unknown, now: Date = new Date()): Promise<boolean> {
	return (await confirmOutsideRequest(db, handoverKind, token, now)).ok;
}
