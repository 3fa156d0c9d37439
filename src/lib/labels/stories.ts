import { m } from '#lib/paraglide/messages.js';
import type { StoryStatus, StoryTheme, StoryVisibility, StoryWarning } from '#lib/server/stories/schema.ts';
import type { PrivacyHintKind } from '#lib/server/stories/privacy.ts';

/** The words for ervaringsverhalen keys, in the reader's language. */
const THEMES: Record<StoryTheme, () => string> = {
	wonen: m.stories_theme_wonen,
	'werk-en-dagbesteding': m.stories_theme_werk_en_dagbesteding,
	eenzaamheid: m.stories_theme_eenzaamheid,
	relaties: m.stories_theme_relaties,
	'geld-en-schulden': m.stories_theme_geld_en_schulden,
	rouw: m.stories_theme_rouw,
	zingeving: m.stories_theme_zingeving,
	opname: m.stories_theme_opname,
	familie: m.stories_theme_familie,
	identiteit: m.stories_theme_identiteit,
	hoop: m.stories_theme_hoop,
	'lichaam-en-gezondheid': m.stories_theme_lichaam_en_gezondheid,
	vriendschap: m.stories_theme_vriendschap,
	herstel: m.stories_theme_herstel
};

const WARNINGS: Record<StoryWarning, () => string> = {
	suicide: m.stories_warning_suicide,
	zelfbeschadiging: m.stories_warning_zelfbeschadiging,
	eetproblemen: m.stories_warning_eetproblemen,
	geweld: m.stories_warning_geweld,
	misbruik: m.stories_warning_misbruik,
	verslaving: m.stories_warning_verslaving,
	'opname-en-dwang': m.stories_warning_opname_en_dwang
};

const VISIBILITIES: Record<StoryVisibility, () => string> = {
	public: m.stories_visibility_public,
	network: m.stories_visibility_network,
	initiative: m.stories_visibility_initiative,
	link: m.stories_visibility_link
};

const STATUSES: Record<StoryStatus, () => string> = {
	draft: m.stories_status_label_draft,
	review: m.stories_status_label_review,
	published: m.stories_status_label_published,
	withdrawn: m.stories_status_label_withdrawn
};

const PRIVACY: Record<PrivacyHintKind, () => string> = {
	phone: m.stories_privacy_phone,
	email: m.stories_privacy_email,
	postcode: m.stories_privacy_postcode,
	street: m.stories_privacy_street,
	employer: m.stories_privacy_employer,
	name: m.stories_privacy_name
};

export const storyThemeLabel = (theme: StoryTheme): string => THEMES[theme]();
export const storyVisibilityLabel = (v: StoryVisibility): string => VISIBILITIES[v]();
export const storyStatusLabel = (s: StoryStatus): string => STATUSES[s]();
export const privacyHintLabel = (k: PrivacyHintKind): string => PRIVACY[k]();

/** The warnings of a story as one line: the chosen ones and the writer's own words. */
export function warningTopics(warnings: readonly StoryWarning[], own: string): string {
	return [...warnings.map((w) => WARNINGS[w]()), ...(own ? [own] : [])].join(', ');
}
export const storyWarningLabel = (w: StoryWarning): string => WARNINGS[w]();
