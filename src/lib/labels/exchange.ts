import { m } from '#lib/paraglide/messages.js';
import type { ExchangeTheme, PostKind } from '#lib/server/exchange/schema.ts';

/** The words for vraag & aanbod keys, in the reader's language. */
const THEME_LABELS: Record<ExchangeTheme, () => string> = {
	'formulieren-en-geld': m.exchange_theme_formulieren_en_geld,
	'huis-en-klussen': m.exchange_theme_huis_en_klussen,
	'koken-en-eten': m.exchange_theme_koken_en_eten,
	'vervoer-en-meelopen': m.exchange_theme_vervoer_en_meelopen,
	'computer-en-telefoon': m.exchange_theme_computer_en_telefoon,
	'taal-en-leren': m.exchange_theme_taal_en_leren,
	creatief: m.exchange_theme_creatief,
	'bewegen-en-buiten': m.exchange_theme_bewegen_en_buiten,
	gezelschap: m.exchange_theme_gezelschap,
	'dieren-en-planten': m.exchange_theme_dieren_en_planten,
	anders: m.exchange_theme_anders
};

export const exchangeThemeLabel = (theme: ExchangeTheme): string => THEME_LABELS[theme]();

export const postKindLabel = (kind: PostKind): string => (kind === 'offer' ? m.exchange_kind_offer() : m.exchange_kind_request());
