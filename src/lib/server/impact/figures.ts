import { sql, type SQL } from 'drizzle-orm';
import { calendarDay, startOfDay } from '../activities/time.ts';
import { config } from '../config.ts';
import { queryRows, type Db } from '../db/index.ts';
import type { Period } from './period.ts';
import { FIGURE_SOURCES, inScope, type CountRow, type FigureDef, type FigureSource, type FigureWindow, type Scope } from './sources.ts';
import { peopleBreakdown, peopleCell, percentCell, plainCell, suppressColumns, type Cell } from './suppress.ts';

/*
 * The figures of a scope and period, suppressed (suppress.ts) once here:
 * pages, charts, CSV, the printed report and JSON all render these cells.
 */

export interface FigureTable {
	id: string;
	people: boolean;
	rows: Array<{ key: string; cell: Cell; percent?: Cell }>;
	/** The breakdown's total; null for a figure with one cell. */
	total: Cell | null;
}

/** The columns of a row per initiative or town (the network's breakdowns). */
export const ROW_COLUMNS = ['held', 'turnout', 'signups', 'joined', 'exchange_done', 'stories', 'handovers'] as const;
export type RowColumn = (typeof ROW_COLUMNS)[number];
const ROW_FIGURES: Record<RowColumn, { figure: string; people: boolean }> = {
	held: { figure: 'held_kind', people: false },
	turnout: { figure: 'turnout', people: true },
	signups: { figure: 'signups', people: true },
	joined: { figure: 'joined', people: true },
	exchange_done: { figure: 'exchange_done', people: true },
	stories: { figure: 'stories', people: true },
	handovers: { figure: 'handover_source', people: true }
};

export interface BreakdownRow {
	id: string;
	label: string;
	slug?: string;
	cells: Cell[];
}

export interface Figures {
	period: Period;
	threshold: number;
	tables: FigureTable[];
	/**
	 * The figures hold what happened up to `at`; a late change to an earlier
	 * day (a date cancelled afterwards) counts from the next count ahead
	 * (refresh.ts), after `lateChangesAt` (null: all counted at `at`).
	 */
	updated: { at: Date; lateChangesAt: Date | null };
}

export function threshold(): number {
	return config().IMPACT_THRESHOLD;
}

/** What the counted-ahead rows cover (refresh.ts): months from `fromMonth`, up to `through`; null before the first count. */
export interface Counted {
	fromMonth: string;
	through: Date;
	countedAt: Date;
}

export async function readCounted(db: Db): Promise<Counted | null> {
	const [row] = await queryRows<{ from_month: string; through: string | Date; counted_at: string | Date }>(db, sql`select from_month, through, counted_at from impact_refresh where id = 1`);
	return row ? { fromMonth: row.from_month, through: new Date(row.through), countedAt: new Date(row.counted_at) } : null;
}

/** `YYYY-MM` of a moment, in Amsterdam time. */
export function monthOf(moment: Date): string {
	const { year, month } = calendarDay(moment);
	return `${year}-${String(month).padStart(2, '0')}`;
}

export function monthStart(month: string): Date {
	const [year, m] = month.split('-').map(Number);
	return startOfDay({ year, month: m, day: 1 });
}

/** Distinct people, per initiative and for the whole scope (initiative null), over the union of the queries. */
async function distinctCounts(db: Db, def: FigureDef, queries: SQL[]): Promise<CountRow[]> {
	const rows = await queryRows<{ initiative_id: string | null; n: number | string }>(
		db,
		sql`select initiative_id, count(distinct user_id) as n from (${sql.join(queries, sql` union `)}) p group by grouping sets ((initiative_id), ())`
	);
	return rows.map((r) => ({ initiativeId: r.initiative_id, figure: def.id, key: def.keys[0], count: Number(r.n) }));
}

/** Counted now, from the sources themselves: the reference the counted-ahead rows must equal. */
export async function directCounts(db: Db, scope: Scope, window: FigureWindow, sources: readonly FigureSource[]): Promise<CountRow[]> {
	const [counts, people] = await Promise.all([
		Promise.all(sources.map((s) => s.read?.(db, scope, window) ?? [])),
		Promise.all(sources.filter((s) => s.people).map((s) => distinctCounts(db, s.figures[0], [s.people!(scope, window)])))
	]);
	return [...counts.flat(), ...people.flat()];
}

/**
 * The counts of a period: the months counted ahead (refresh.ts) from their
 * rows, the rest (today, and what lies outside the counted months) from the
 * sources at once. A clock before the last count (a test's) counts it all now.
 */
async function readCounts(db: Db, scope: Scope, period: Period, now: Date, sources: readonly FigureSource[]): Promise<{ rows: CountRow[]; counted: Counted | null }> {
	const whole = { from: period.from, to: period.to, now };
	const counted = await readCounted(db);
	if (!counted || now < counted.through) return { rows: await directCounts(db, scope, whole, sources), counted: null };
	const from = new Date(Math.max(period.from.getTime(), monthStart(counted.fromMonth).getTime()));
	const to = new Date(Math.min(period.to.getTime(), counted.through.getTime()));
	if (from >= to) return { rows: await directCounts(db, scope, whole, sources), counted: null };
	const live = [
		...(period.from < from ? [{ from: period.from, to: from, now }] : []),
		...(to < period.to ? [{ from: to, to: period.to, now }] : [])
	];
	// Rows of a month cover it up to `through`: these months are exactly [from, to).
	const months = sql`m.month >= ${monthOf(from)} and m.month <= ${monthOf(new Date(to.getTime() - 1))} and ${inScope(scope, sql`m.initiative_id`)}`;
	const additive = sources.filter((s) => s.read).flatMap((s) => s.figures.map((f) => f.id));
	const [stored, liveCounts, people] = await Promise.all([
		additive.length
			? queryRows<{ initiative_id: string; figure: string; key: string; n: number | string }>(
					db,
					sql`select m.initiative_id, m.figure, m.key, sum(m.count) as n from impact_month m
						where ${months} and m.figure in (${sql.join(
							additive.map((f) => sql`${f}`),
							sql`, `
						)}) group by 1, 2, 3`
				)
			: [],
		Promise.all(live.flatMap((w) => sources.map((s) => s.read?.(db, scope, w) ?? []))),
		Promise.all(
			sources
				.filter((s) => s.people)
				.map((s) => {
					const def = s.figures[0];
					const ahead = sql`select m.initiative_id, m.user_id from impact_person_month m where ${months} and m.figure = ${def.id}`;
					return distinctCounts(db, def, [ahead, ...live.map((w) => s.people!(scope, w))]);
				})
		)
	]);
	const rows: CountRow[] = stored.map((r) => ({ initiativeId: r.initiative_id, figure: r.figure, key: r.key, count: Number(r.n) }));
	return { rows: [...rows, ...liveCounts.flat(), ...people.flat()], counted };
}

/** The scope's count per figure and key: the sum over initiatives, or the scope-wide row for a distinct figure. */
function scopeCounts(defs: FigureDef[], rows: CountRow[]): Map<string, number> {
	const distinct = new Set(defs.filter((d) => d.distinct).map((d) => d.id));
	const out = new Map<string, number>();
	for (const r of rows) {
		if (distinct.has(r.figure) !== (r.initiativeId === null)) continue;
		const k = `${r.figure}|${r.key}`;
		out.set(k, (out.get(k) ?? 0) + r.count);
	}
	return out;
}

function table(def: FigureDef, counts: Map<string, number>, limit: number, allOrNothing: boolean): FigureTable {
	const values = def.keys.map((k) => counts.get(`${def.id}|${k}`) ?? 0);
	const sum = values.reduce((a, b) => a + b, 0);
	if (!def.people) {
		return { id: def.id, people: false, rows: def.keys.map((key, i) => ({ key, cell: plainCell(values[i]) })), total: def.keys.length > 1 ? plainCell(sum) : null };
	}
	if (def.keys.length === 1) return { id: def.id, people: true, rows: [{ key: def.keys[0], cell: peopleCell(values[0], limit) }], total: null };
	const { cells, total } = peopleBreakdown(values, sum, limit, { allOrNothing });
	// A share only next to a shown cell, over a whole at or above the threshold.
	const rows = def.keys.map((key, i) => ({ key, cell: cells[i], percent: cells[i].value !== null ? percentCell(values[i], sum, limit) : percentCell(0, 0, limit) }));
	return { id: def.id, people: true, rows, total };
}

/** The figures of a scope (one initiative, the network, the opted-in public part) for a period. Access is the caller's (access/impact.ts). */
export async function figuresFor(db: Db, scope: Scope, period: Period, now: Date = new Date(), sources: readonly FigureSource[] = FIGURE_SOURCES): Promise<Figures & { rows: CountRow[] }> {
	const { rows, counted } = await readCounts(db, scope, period, now, sources);
	return build(scope, period, sources, rows, { at: now, lateChangesAt: counted?.countedAt ?? null });
}

/** The same figures counted from the sources alone, never from rows counted ahead: for comparing (tests). */
export async function directFigures(db: Db, scope: Scope, period: Period, now: Date, sources: readonly FigureSource[] = FIGURE_SOURCES): Promise<Figures & { rows: CountRow[] }> {
	const rows = await directCounts(db, scope, { from: period.from, to: period.to, now }, sources);
	return build(scope, period, sources, rows, { at: now, lateChangesAt: null });
}

function build(scope: Scope, period: Period, sources: readonly FigureSource[], rows: CountRow[], updated: Figures['updated']): Figures & { rows: CountRow[] } {
	const limit = threshold();
	const defs = sources.flatMap((s) => s.figures);
	const counts = scopeCounts(defs, rows);
	const single = scope.kind === 'initiatives' && scope.ids.length === 1;
	return { period, threshold: limit, tables: defs.map((d) => table(d, counts, limit, single)), rows, updated };
}

/** A network page shows this many rows per breakdown, the largest first; the CSV has them all. */
export const BREAKDOWN_ROWS = 50;

/**
 * Rows per initiative or per town (`groups` maps an initiative to its row),
 * each people column suppressed against its total (suppress.ts
 * `suppressColumns`). Rows with nothing shown are left out.
 */
export function breakdown(rows: CountRow[], groups: Map<string, { id: string; label: string; slug?: string }>, limit: number): BreakdownRow[] {
	const sums = new Map<string, Map<string, number>>();
	const meta = new Map<string, { id: string; label: string; slug?: string }>();
	for (const r of rows) {
		if (r.initiativeId === null) continue;
		const g = groups.get(r.initiativeId);
		if (!g) continue;
		meta.set(g.id, g);
		const m = sums.get(g.id) ?? new Map<string, number>();
		sums.set(g.id, m);
		m.set(r.figure, (m.get(r.figure) ?? 0) + r.count);
	}
	const ids = [...sums.keys()];
	const matrix = ids.map((id) => ROW_COLUMNS.map((c) => sums.get(id)!.get(ROW_FIGURES[c].figure) ?? 0));
	const cells = suppressColumns(
		matrix,
		ROW_COLUMNS.map((c) => ROW_FIGURES[c].people),
		limit
	);
	return ids
		.map((id, i) => ({ row: { ...meta.get(id)!, cells: cells[i] }, size: matrix[i][0] }))
		.filter(({ row }) => row.cells.some((c, j) => c.value !== null && (j > 0 || c.value > 0)))
		.sort((a, b) => b.size - a.size || a.row.label.localeCompare(b.row.label, 'nl'))
		.map(({ row }) => row);
}

/** The initiatives of a scope with their town: for the breakdowns. */
export async function scopeInitiatives(db: Db, scope: Scope): Promise<Array<{ id: string; name: string; slug: string; town: string }>> {
	return queryRows(db, sql`select i.id, i.name, i.slug, i.town from initiative i where ${inScope(scope, sql`i.id`)} order by i.name`);
}

export interface Growth {
	/** Per month of the period: new initiatives (not people: shown as they are) and people who joined any initiative. */
	months: Array<{ month: string; initiatives: Cell; joined: Cell }>;
	/** At the end of the period. */
	initiatives: Cell;
	members: Cell;
}

/** How the network grew over a period, month by month. */
export async function networkGrowth(db: Db, scope: Scope, period: Period): Promise<Growth> {
	const limit = threshold();
	const month = (col: string) => sql.raw(`to_char(${col} at time zone 'Europe/Amsterdam', 'YYYY-MM')`);
	const made = await queryRows<{ month: string; n: number | string }>(
		db,
		sql`select ${month('i.created_at')} as month, count(*) as n from initiative i where i.created_at >= ${period.from} and i.created_at < ${period.to} and ${inScope(scope, sql`i.id`)} group by 1`
	);
	const joined = await queryRows<{ month: string; n: number | string }>(
		db,
		sql`select ${month('m.joined_at')} as month, count(distinct m.user_id) as n from membership m where m.joined_at >= ${period.from} and m.joined_at < ${period.to} and ${inScope(scope, sql`m.initiative_id`)} group by 1`
	);
	const [end] = await queryRows<{ initiatives: number | string; members: number | string }>(
		db,
		sql`select (select count(*) from initiative i where i.created_at < ${period.to} and ${inScope(scope, sql`i.id`)}) as initiatives,
			(select count(distinct m.user_id) from membership m where m.joined_at < ${period.to} and ${inScope(scope, sql`m.initiative_id`)}) as members`
	);
	const madeBy = new Map(made.map((r) => [r.month, Number(r.n)]));
	const joinedBy = new Map(joined.map((r) => [r.month, Number(r.n)]));
	const months: Growth['months'] = [];
	let [y, m] = period.firstMonth.split('-').map(Number);
	for (;;) {
		const key = `${y}-${String(m).padStart(2, '0')}`;
		months.push({ month: key, initiatives: plainCell(madeBy.get(key) ?? 0), joined: peopleCell(joinedBy.get(key) ?? 0, limit) });
		if (key === period.lastMonth) break;
		[y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
	}
	return { months, initiatives: plainCell(Number(end.initiatives)), members: peopleCell(Number(end.members), limit) };
}
