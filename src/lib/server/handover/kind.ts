import { and, eq, inArray } from 'drizzle-orm';
import { membership } from '../initiatives/schema.ts';
import type { Limit } from '../accounts/rate-limit.ts';
import type { Db } from '../db/index.ts';
import { enqueueNotice } from '../notify/index.ts';
import { noticeModes } from '../notify/preferences.ts';
import type { OutsideKind } from '../outside/service.ts';
import type { OutsideRequestRow } from '../outside/schema.ts';
import { handover, handoverStep } from './schema.ts';

/** Days after closing that the person's details (and the link) are kept. */
export const HANDOVER_RETENTION_DAYS = 90;
export const HANDOVER_LINK_PATH = '/doorverwijzing';
export const HANDOVER_NOTICE_QUEUE = 'handover-notice';

/** Per address: a practice that passes on several people a day. Per initiative: a busy week, not a flood. Per e-mail address: one professional's day. */
export const HANDOVER_LIMITS = {
	perIp: { max: 10, windowSeconds: 60 * 60 },
	perTarget: { max: 50, windowSeconds: 24 * 60 * 60 },
	perEmail: { max: 10, windowSeconds: 60 * 60 }
} satisfies Record<string, Limit>;

/**
 * A confirmed handover enters the queue: its first step ("new", dated: where
 * figures start counting) and a mail to each coordinator who wants one now.
 */
async function enterQueue(tx: Db, request: OutsideRequestRow): Promise<void> {
	await tx.insert(handoverStep).values({ handoverId: request.id, step: 'new', at: request.confirmedAt ?? new Date() });
	if (!request.targetId) return;
	const coordinators = await tx
		.select({ userId: membership.userId })
		.from(membership)
		.where(and(eq(membership.initiativeId, request.targetId), eq(membership.role, 'coordinator')));
	const modes = await noticeModes(
		tx,
		'handover-new',
		coordinators.map((c) => c.userId)
	);
	for (const { userId } of coordinators) {
		if (modes.get(userId) === 'now') await enqueueNotice(tx, HANDOVER_NOTICE_QUEUE, { handoverId: request.id, userId });
	}
}

/** Handovers as outside requests: confirmed ones reach the coordinators; after closing plus 90 days the details go. */
export const handoverKind: OutsideKind = {
	name: 'handover',
	retentionDays: HANDOVER_RETENTION_DAYS,
	limits: HANDOVER_LIMITS,
	linkPath: (token) => `${HANDOVER_LINK_PATH}/${token}`,
	onConfirmed: enterQueue,
	async forget(tx, ids) {
		await tx
			.update(handover)
			.set({ referrerName: null, organisation: null, personName: null, phone: null, personEmail: null, lookingFor: null, reach: null })
			.where(inArray(handover.id, ids));
	}
};
