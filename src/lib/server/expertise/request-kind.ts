import { inArray } from 'drizzle-orm';
import type { Limit } from '../accounts/rate-limit.ts';
import type { OutsideKind } from '../outside/service.ts';
import { notifyCoordinators } from './request-notices.ts';
import { REQUEST_LINK_PATH } from './request-paths.ts';
import { poolRequest, poolRequestMessage } from './schema.ts';

/** Days after closing (afgerond or geannuleerd) that the organisation's details and its link are kept. */
export const REQUEST_RETENTION_DAYS = 90;

/** Per address: one office sending a few. Per e-mail address: one contact person's day. No target: requests go to the pool. */
export const REQUEST_LIMITS = {
	perIp: { max: 10, windowSeconds: 60 * 60 },
	perTarget: { max: 200, windowSeconds: 24 * 60 * 60 },
	perEmail: { max: 5, windowSeconds: 60 * 60 }
} satisfies Record<string, Limit>;

/** Requests to the pool as outside requests: a confirmed one enters the coordinators' queue; after closing plus 90 days the organisation's details go. */
export const poolRequestKind: OutsideKind = {
	name: 'pool-request',
	retentionDays: REQUEST_RETENTION_DAYS,
	limits: REQUEST_LIMITS,
	linkPath: (token) => `${REQUEST_LINK_PATH}/${token}`,
	onConfirmed: (tx, request) => notifyCoordinators(tx, request.id, 'new'),
	async forget(tx, ids) {
		await tx
			.update(poolRequest)
			.set({ organisation: null, contactName: null, contactPhone: null, goal: null, audience: null, place: null, accessibility: null, storyUse: null, aftercare: null, cardRoles: null, cardAsk: null, cardNotAsk: null })
			.where(inArray(poolRequest.id, ids));
		await tx.delete(poolRequestMessage).where(inArray(poolRequestMessage.requestId, ids));
	}
};
