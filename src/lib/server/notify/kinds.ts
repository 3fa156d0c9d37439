import type { NoticeMode } from './schema.ts';

/**
 * Every kind of notice a person can choose for, with the choices it offers
 * and what holds without a choice. A capability that sends a new kind adds
 * it here (its label: `notices_kind_<key>` in messages/notices/). Only kinds
 * that can wait a day offer the daily digest.
 */
export const NOTICE_KINDS = {
	/** A new message in a conversation (messages/). */
	messages: { modes: ['now', 'daily', 'off'], default: 'now' },
	/** One's own offer or request reaches its end day soon (exchange/). */
	'post-ending': { modes: ['now', 'off'], default: 'now' },
	/** A coordinator: a new handover for their initiative was confirmed (handover/). */
	'handover-new': { modes: ['now', 'off'], default: 'now' },
	/** A coordinator: someone joined their open initiative, or asks to join one by invitation (initiatives/). */
	'join-request': { modes: ['now', 'off'], default: 'now' },
	/** The association admin: a new initiative waits for approval (initiatives/review.ts). */
	'initiative-review': { modes: ['now', 'off'], default: 'now' },
	/** A coordinator: the association approved or declined their new initiative (initiatives/review.ts). */
	'initiative-decision': { modes: ['now', 'off'], default: 'now' },
	/** A coordinator: a member proposed an activity that waits for a look (activities/proposals.ts). */
	'activity-proposals': { modes: ['now', 'off'], default: 'now' },
	/** A year after one's crisis plan was last looked at: "Klopt dit nog?" (space/). */
	'space-check': { modes: ['now', 'off'], default: 'now' },
	/** A pool coordinator: a request to the expertise pool came in or moved (expertise/). */
	'pool-requests': { modes: ['now', 'off'], default: 'now' },
	/** An expert: a proposal, an afsprakenkaart, a reminder or feedback (expertise/). */
	'pool-proposals': { modes: ['now', 'off'], default: 'now' }
} as const satisfies Record<string, { modes: readonly NoticeMode[]; default: NoticeMode }>;

export type NoticeKind = keyof typeof NOTICE_KINDS;

export const isNoticeKind = (value: unknown): value is NoticeKind => typeof value === 'string' && Object.hasOwn(NOTICE_KINDS, value);

/** Whether `mode` is one of the choices of `kind`. */
export const offersMode = (kind: NoticeKind, mode: unknown): mode is NoticeMode => (NOTICE_KINDS[kind].modes as readonly unknown[]).includes(mode);
