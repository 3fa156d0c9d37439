import { m } from '#lib/paraglide/messages.js';
import type { ExpertiseAudience, ExpertiseForm, ExpertiseRegion, ExpertiseTheme, FeeKind, ProposalAnswer, RequestSector, RequestStatus } from '#lib/server/expertise/schema.ts';

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

const SECTORS: Record<RequestSector, () => string> = {
	gemeente: m.expertise_sector_gemeente,
	ggz: m.expertise_sector_ggz,
	onderwijs: m.expertise_sector_onderwijs,
	werkgever: m.expertise_sector_werkgever,
	wijkteam: m.expertise_sector_wijkteam,
	'zorg-en-welzijn': m.expertise_sector_zorg_en_welzijn,
	anders: m.expertise_sector_anders
};

const STATUSES: Record<RequestStatus, () => string> = {
	nieuw: m.expertise_status_nieuw,
	in_behandeling: m.expertise_status_in_behandeling,
	voorgesteld: m.expertise_status_voorgesteld,
	afgesproken: m.expertise_status_afgesproken,
	uitgevoerd: m.expertise_status_uitgevoerd,
	afgerond: m.expertise_status_afgerond,
	geannuleerd: m.expertise_status_geannuleerd
};

const FEES: Record<FeeKind, () => string> = {
	honorarium: m.expertise_fee_honorarium,
	vrijwilligersvergoeding: m.expertise_fee_vrijwilligersvergoeding
};

const ANSWERS: Record<ProposalAnswer, () => string> = {
	open: m.expertise_answer_open,
	accepted: m.expertise_answer_accepted,
	declined: m.expertise_answer_declined,
	withdrawn: m.expertise_answer_withdrawn
};

export const requestSectorLabel = (s: RequestSector): string => SECTORS[s]();
export const requestStatusLabel = (s: RequestStatus): string => STATUSES[s]();
export const feeKindLabel = (f: FeeKind): string => FEES[f]();
export const proposalAnswerLabel = (a: ProposalAnswer): string => ANSWERS[a]();

