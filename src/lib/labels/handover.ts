import { m } from '#lib/paraglide/messages.js';
import type { Sector, Step } from '#lib/server/handover/schema.ts';

/** The words for a handover's sector and step, in the reader's language. */
const SECTOR_LABELS: Record<Sector, () => string> = {
	huisarts: m.handover_sector_huisarts,
	'poh-ggz': m.handover_sector_poh_ggz,
	wijkteam: m.handover_sector_wijkteam,
	ggz: m.handover_sector_ggz,
	'sociaal-werk': m.handover_sector_sociaal_werk,
	anders: m.handover_sector_anders
};

const STEP_LABELS: Record<Step, () => string> = {
	new: m.handover_step_new,
	taken: m.handover_step_taken,
	contact: m.handover_step_contact,
	visiting: m.handover_step_visiting,
	joined: m.handover_step_joined,
	unreachable: m.handover_step_unreachable,
	not_now: m.handover_step_not_now
};

export const sectorLabel = (sector: Sector): string => SECTOR_LABELS[sector]();
export const stepLabel = (step: Step): string => STEP_LABELS[step]();
