import { m } from '#lib/paraglide/messages.js';
import type { Accessibility, Theme } from '#lib/server/initiatives/schema.ts';

/** Theme and accessibility keys as people read them, in the reader's language. */
const THEME_LABELS: Record<Theme, () => string> = {
	inloop: m.theme_inloop,
	lotgenotengroep: m.theme_lotgenotengroep,
	wandelen: m.theme_wandelen,
	'sport-en-bewegen': m.theme_sport_en_bewegen,
	creatief: m.theme_creatief,
	muziek: m.theme_muziek,
	koken: m.theme_koken,
	'natuur-en-tuin': m.theme_natuur_en_tuin,
	herstelcursus: m.theme_herstelcursus,
	'werk-en-dagbesteding': m.theme_werk_en_dagbesteding,
	scholing: m.theme_scholing,
	jongeren: m.theme_jongeren,
	ervaringsdeskundigheid: m.theme_ervaringsdeskundigheid
};

const ACCESSIBILITY_LABELS: Record<Accessibility, () => string> = {
	rolstoeltoegankelijk: m.access_rolstoeltoegankelijk,
	prikkelarm: m.access_prikkelarm,
	invalidentoilet: m.access_invalidentoilet,
	'ov-dichtbij': m.access_ov_dichtbij,
	gratis: m.access_gratis
};

export function themeLabel(theme: Theme): string {
	return THEME_LABELS[theme]();
}

export function accessibilityLabel(feature: Accessibility): string {
	return ACCESSIBILITY_LABELS[feature]();
}
