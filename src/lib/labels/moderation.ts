import { m } from '#lib/paraglide/messages.js';
import type { LogAction, LogKind, PlatformRule, ReportRule } from '#lib/server/moderation/schema.ts';

/** The words for the moderation room's keys, in the reader's language. */
const PLATFORM: Record<PlatformRule, () => string> = {
	respect: m.moderation_platform_respect,
	violence: m.moderation_platform_violence,
	privacy: m.moderation_platform_privacy,
	advertising: m.moderation_platform_advertising
};

const KINDS: Record<LogKind, () => string> = {
	post: m.moderation_kind_post,
	message: m.moderation_kind_message,
	announcement: m.moderation_kind_announcement,
	person: m.moderation_kind_person,
	note: m.moderation_kind_note
};

const ACTIONS: Record<LogAction, () => string> = {
	hide: m.moderation_action_hide,
	warn: m.moderation_action_warn,
	remove: m.moderation_action_remove,
	close: m.moderation_action_close,
	unhide: m.room_action_unhide,
	deliver: m.moderation_action_deliver,
	decline: m.moderation_action_decline
};

export const platformRuleLabel = (rule: PlatformRule): string => PLATFORM[rule]();

/** The afspraak a report is about: a platform rule, the initiative's own (as it read then), or "iets anders". */
export const reportRuleLabel = (rule: ReportRule, houseRuleText: string | null): string =>
	rule === 'house' ? (houseRuleText ?? '') : rule === 'other' ? m.moderation_rule_other() : PLATFORM[rule]();

export const subjectKindLabel = (kind: LogKind): string => KINDS[kind]();

export const actionLabel = (action: LogAction): string => ACTIONS[action]();
