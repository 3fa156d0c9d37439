import { m } from '#lib/paraglide/messages.js';
import type { ExpertiseAudience, ExpertiseForm, ExpertiseRegion, ExpertiseTheme } from '#lib/server/expertise/schema.ts';

/** The words for expertise pool keys, in the reader's language. */
const THEMES: Record<ExpertiseTheme, () => string> = {
	herstel: m.expertise_theme_herstel,
	zelfregie: m.expertise_theme_zelfregie,
	eenzaamheid: m.expertise_theme_eenzaamheid,
	wonen: m.expertise_theme_wonen,
	'werk-en-meedoen': m.expertise_theme_werk_en_meedoen,
	'geld-en-schulden': m.expertise_theme_geld_en_schulden,
	verslaving: m.expertise_theme_verslaving,
	psychose: m.expertise_theme_psychose,
	somberheid: m.expertise_theme_somberheid,
	angst: m.expertise_theme_angst,
	trauma: m.expertise_theme_trauma,
	suicidepreventie: m.expertise_theme_suicidepreventie,
	'dwang-en-opname': m.expertise_theme_dwang_en_opname,
	stigma: m.expertise_theme_stigma,
	naasten: m.expertise_theme_naasten,
	jongeren: m.expertise_theme_jongeren
};

const AUDIENCES: Record<ExpertiseAudience, () => string> = {
	zorgprofessionals: m.expertise_audience_zorgprofessionals,
	studenten: m.expertise_audience_studenten,
	scholieren: m.expertise_audience_scholieren,
	gemeenten: m.expertise_audience_gemeenten,
	werkgevers: m.expertise_audience_werkgevers,
	wijkteams: m.expertise_audience_wijkteams,
	naasten: m.expertise_audience_naasten,
	lotgenoten: m.expertise_audience_lotgenoten,
	'breed-publiek': m.expertise_audience_breed_publiek
};

const FORMS: Record<ExpertiseForm, () => string> = {
	training: m.expertise_form_training_label,
	gastles: m.expertise_form_gastles,
	lezing: m.expertise_form_lezing,
	advies: m.expertise_form_advies,
	beleid: m.expertise_form_beleid,
	panel: m.expertise_form_panel,
	interview: m.expertise_form_interview,
	herstelwerkgroep: m.expertise_form_herstelwerkgroep
};

const REGIONS: Record<ExpertiseRegion, () => string> = {
	groningen: m.expertise_region_groningen,
	friesland: m.expertise_region_friesland,
	drenthe: m.expertise_region_drenthe,
	overijssel: m.expertise_region_overijssel,
	flevoland: m.expertise_region_flevoland,
	gelderland: m.expertise_region_gelderland,
	utrecht: m.expertise_region_utrecht,
	'noord-holland': m.expertise_region_noord_holland,
	'zuid-holland': m.expertise_region_zuid_holland,
	zeeland: m.expertise_region_zeeland,
	'noord-brabant': m.expertise_region_noord_brabant,
	limburg: m.expertise_region_limburg
};

export const expertiseThemeLabel = (t: ExpertiseTheme): string => THEMES[t]();
export const expertiseAudienceLabel = (a: ExpertiseAudience): string => AUDIENCES[a]();
export const expertiseFormLabel = (f: ExpertiseForm): string => FORMS[f]();
export const expertiseRegionLabel = (r: ExpertiseRegion): string => REGIONS[r]();

/** Where someone works, as one line: their provinces, and online. */
export function workArea(regions: readonly ExpertiseRegion[], online: boolean): string {
	const places = regions.map(expertiseRegionLabel).join(', ');
	if (!online) return places;
	return places ? `${places} (${m.expertise_online_too()})` : m.expertise_online_only();
}
