import { m } from '#lib/paraglide/messages.js';
import type { NoticeKind } from '#lib/server/notify/kinds.ts';
import type { NoticeMode } from '#lib/server/notify/schema.ts';
import type { WhoMayWrite } from '#lib/server/messages/schema.ts';

/** The words for notice kinds and modes, in the reader's language. */
const KIND_LABELS: Record<NoticeKind, () => string> = {
	messages: m.notices_kind_messages,
	'post-ending': m.notices_kind_post_ending,
	'handover-new': m.handover_notice_kind,
	'join-request': m.join_notice_kind,
	'initiative-review': m.review_notice_kind_pending,
	'initiative-decision': m.review_notice_kind_decision,
	'activity-proposals': m.review_notice_kind_proposals,
	'space-check': m.space_check_kind,
	'pool-requests': m.expertise_notice_kind_requests,
	'pool-proposals': m.expertise_notice_kind_proposals
};

export const noticeKindLabel = (kind: NoticeKind): string => KIND_LABELS[kind]();

export function noticeModeLabel(kind: NoticeKind, mode: NoticeMode): string {
	if (mode === 'now') return kind === 'messages' ? m.notices_mode_now_messages() : m.notices_mode_now();
	return mode === 'daily' ? m.notices_mode_daily() : m.notices_mode_off();
}

const WHO_LABELS: Record<WhoMayWrite, () => string> = {
	members: m.notices_who_members,
	wrote_first: m.notices_who_wrote_first,
	nobody: m.notices_who_nobody
};

export const whoMayWriteLabel = (who: WhoMayWrite): string => WHO_LABELS[who]();
