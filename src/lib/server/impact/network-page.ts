import { m } from '../../paraglide/messages.js';
import type { Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { BREAKDOWN_ROWS } from './figures.ts';
import { columnLabels, figuresCsv, labelled } from './output.ts';
import type { Period } from './period.ts';
import { networkFigures } from './service.ts';

/** The network's figures as the admin's page, print and CSV all show them. */
export async function networkView(db: Db, viewer: Viewer, period: Period, rows = BREAKDOWN_ROWS) {
	const figures = await networkFigures(db, viewer, period);
	return {
		threshold: figures.threshold,
		updated: figures.updated,
		tables: labelled(figures.tables),
		byInitiative: figures.byInitiative.slice(0, rows),
		byTown: figures.byTown.slice(0, rows),
		columns: columnLabels(),
		growth: figures.growth,
		csv: () =>
			figuresCsv(m.impact_network_title(), period, labelled(figures.tables), [
				{ heading: m.impact_by_town(), column: m.impact_column_town(), rows: figures.byTown },
				{ heading: m.impact_by_initiative(), column: m.impact_column_initiative(), rows: figures.byInitiative }
			])
	};
}
