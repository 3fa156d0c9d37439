import { m } from '../../paraglide/messages.js';
import { getLocale } from '../../paraglide/runtime.js';
import { formatMonth } from '../../labels/intl.ts';
import { csvField } from '../directory/export.ts';
import type { BreakdownRow, FigureTable } from './figures.ts';
import { ROW_COLUMNS } from './figures.ts';
import type { Period } from './period.ts';
import type { Cell } from './suppress.ts';

/*
 * The figures as people read them: labels in the viewer's language, and the
 * CSV. Every output takes the suppressed cells from figures.ts and only
 * renders their text, so a hidden cell is "< 10" everywhere.
 */

type Message = (params?: Record<string, unknown>) => string;
const messages = m as unknown as Record<string, Message | undefined>;
const message = (name: string, fallback: string) => messages[name]?.() ?? fallback;

const snake = (key: string) => key.replace(/-/g, '_');

export function figureLabel(id: string): string {
	return message(`impact_fig_${id}`, id);
}

/** A key's label: the capability's own word where there is one (kinds, themes, sectors, steps). */
export function keyLabel(figure: string, key: string): string {
	if (figure === 'held_kind') return message(`activity_kind_${key}`, key);
	if (figure === 'held_theme') return key === 'geen' ? m.impact_key_geen() : message(`theme_${snake(key)}`, key);
	if (figure === 'exchange_made' || figure === 'exchange_done') return message(`exchange_kind_${key}s`, key);
	if (figure === 'handover_source') return key === 'self' ? m.impact_key_self() : message(`handover_sector_${snake(key)}`, key);
	if (figure === 'handover_step') return message(`handover_step_${snake(key)}`, key);
	return message(`impact_key_${key}`, key);
}

export function columnLabels(): string[] {
	return ROW_COLUMNS.map((c) => message(`impact_col_${c}`, c));
}


/** "K3 2026", "2026", or "januari 2026 tot en met juni 2026". */
export function periodName(period: Period, locale: string = getLocale()): string {
	if (period.kind === 'quarter') return `${locale === 'en' ? 'Q' : 'K'}${period.key.slice(-1)} ${period.key.slice(0, 4)}`;
	if (period.kind === 'year') return period.key;
	return m.impact_period_name({ from: formatMonth(period.firstMonth, locale), to: formatMonth(period.lastMonth, locale) });
}

export interface LabelledTable {
	id: string;
	title: string;
	people: boolean;
	rows: Array<{ key: string; label: string; cell: Cell; percent?: Cell }>;
	total: Cell | null;
}

export function labelled(tables: FigureTable[]): LabelledTable[] {
	return tables.map((t) => ({
		id: t.id,
		title: figureLabel(t.id),
		people: t.people,
		rows: t.rows.map((r) => ({ ...r, label: keyLabel(t.id, r.key) })),
		total: t.total
	}));
}

const line = (fields: Array<string | number | null>) => fields.map(csvField).join(',');

/**
 * The CSV of a figures page: who and when, then one line per cell (the same
 * text as the page: "< 10" for a hidden one), then the breakdowns if any.
 */
export function figuresCsv(
	title: string,
	period: Period,
	tables: LabelledTable[],
	breakdowns: Array<{ heading: string; column: string; rows: BreakdownRow[] }> = []
): string {
	const out = [
		line([title, periodName(period)]),
		'',
		line([m.impact_column_figure(), m.impact_column_what(), m.impact_column_count(), m.impact_column_share()])
	];
	for (const t of tables) {
		for (const r of t.rows) out.push(line([t.title, r.label, r.cell.text, r.percent?.value != null ? r.percent.text : '']));
		if (t.total) out.push(line([t.title, m.impact_total(), t.total.text, '']));
	}
	for (const b of breakdowns) {
		out.push('', line([b.heading]), line([b.column, ...columnLabels()]));
		for (const r of b.rows) out.push(line([r.label, ...r.cells.map((c) => c.text)]));
	}
	return out.join('\r\n') + '\r\n';
}

/** A file name part from the period and a slug: `de-kroon-2026-K3`. */
export function fileName(prefix: string, period: Period): string {
	return `${prefix}-cijfers-${period.key}.csv`;
}
