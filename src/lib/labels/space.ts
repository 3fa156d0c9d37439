import { m } from '#lib/paraglide/messages.js';
import type { CrisisPart, StarterBlock } from '#lib/server/space/blocks.ts';

/** The words of a starter block in the reader's language: its first name and its hint. */
const WORDS: Record<StarterBlock, { name: () => string; hint: () => string }> = {
	helps: { name: m.space_starter_helps, hint: m.space_hint_helps },
	day: { name: m.space_starter_day, hint: m.space_hint_day },
	signs: { name: m.space_starter_signs, hint: m.space_hint_signs },
	harder: { name: m.space_starter_harder, hint: m.space_hint_harder },
	crisis: { name: m.space_starter_crisis, hint: m.space_hint_crisis },
	after: { name: m.space_starter_after, hint: m.space_hint_after },
	values: { name: m.space_starter_values, hint: m.space_hint_values },
	talents: { name: m.space_starter_talents, hint: m.space_hint_talents }
};

export const starterName = (starter: StarterBlock) => WORDS[starter].name();
export const starterHint = (starter: StarterBlock) => WORDS[starter].hint();

const CRISIS: Record<CrisisPart, () => string> = {
	call: m.space_crisis_call,
	do: m.space_crisis_do,
	dont: m.space_crisis_dont,
	pets: m.space_crisis_pets,
	children: m.space_crisis_children,
	post: m.space_crisis_post,
	money: m.space_crisis_money,
	other: m.space_crisis_other
};

/** The heading of a crisis plan part. */
export const crisisLabel = (part: CrisisPart) => CRISIS[part]();

/** The dimensions of the webs offered to start with (Mijn Positieve Gezondheid's six, CHIME's five), in the reader's language; once chosen they are sealed as words. */
const DIMENSIONS = {
	health: [m.space_dim_health_body, m.space_dim_health_mind, m.space_dim_health_meaning, m.space_dim_health_quality, m.space_dim_health_participation, m.space_dim_health_daily],
	chime: [m.space_dim_chime_connection, m.space_dim_chime_hope, m.space_dim_chime_identity, m.space_dim_chime_meaning, m.space_dim_chime_control]
};

export const dimensionNames = (set: keyof typeof DIMENSIONS) => DIMENSIONS[set].map((name) => name());
