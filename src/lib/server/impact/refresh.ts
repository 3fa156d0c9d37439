import { sql } from 'drizzle-orm';
import { calendarDay, startOfDay } from '../activities/time.ts';
import type { Db } from '../db/index.ts';
import { enqueue, type QueueDefinition } from '../jobs/index.ts';
import { monthOf, monthStart, readCounted } from './figures.ts';
import { impactMonth } from './schema.ts';
import { FIGURE_SOURCES, type CountRow, type FigureSource, type Scope } from './sources.ts';

/*
 * Counting ahead: a page of figures for a year of the whole network would read
 * every activity, sign-up and post of that year. Every night a job counts each
 * month per initiative into `impact_month` (and, for figures of different
 * people, who into `impact_person_month`), up to the start of today; a page
 * adds the rows of its months to what happened since, counted at once
 * (figures.ts). The job counts every month again, so a late change to an
 * earlier day (a date cancelled afterwards) counts from the next night;
 * turnout written down for an earlier date has its month counted again
 * within seconds (`recountMonthLater`).
 */

/** Years counted ahead before this one: every period the picker offers (period.ts `periodChoices`); older ones count at once. */
const YEARS_BACK = 2;
/** Rows per insert. */
const CHUNK = 1000;

export const RECOUNT_QUEUE = 'impact.recount';
export const RECOUNT_MONTH_QUEUE = 'impact.recount-month';

function nextMonth(month: string): string {
	const [y, m] = month.split('-').map(Number);
	return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** One refresh at a time (the nightly count and a month's recount): concurrent ones wait. */
async function lock(tx: Db): Promise<void> {
	await tx.execute(sql`select pg_advisory_xact_lock(hashtext('impact_refresh'))`);
}

/** Count one month up to `through` (for one initiative, or all), replacing its rows. */
async function countMonth(tx: Db, month: string, through: Date, initiativeId: string | null, sources: readonly FigureSource[] = FIGURE_SOURCES): Promise<void> {
	const end = monthStart(nextMonth(month));
	const window = { from: monthStart(month), to: end < through ? end : through, now: through };
	const scope: Scope = initiativeId ? { kind: 'initiatives', ids: [initiativeId] } : { kind: 'all' };
	const only = initiativeId ? sql` and initiative_id = ${initiativeId}::uuid` : sql``;
	await tx.execute(sql`delete from impact_month where month = ${month}${only}`);
	await tx.execute(sql`delete from impact_person_month where month = ${month}${only}`);
	const sums = new Map<string, CountRow>();
	for (const source of sources) {
		for (const r of (await source.read?.(tx, scope, window)) ?? []) {
			if (!r.initiativeId || r.count === 0) continue;
			const k = `${r.initiativeId}|${r.figure}|${r.key}`;
			const seen = sums.get(k);
			if (seen) seen.count += r.count;
			else sums.set(k, { ...r });
		}
		if (source.people) {
			await tx.execute(sql`insert into impact_person_month (initiative_id, month, figure, user_id)
				select distinct p.initiative_id, ${month}, ${source.figures[0].id}, p.user_id from (${source.people(scope, window)}) p`);
		}
	}
	const rows = [...sums.values()].map((r) => ({ initiativeId: r.initiativeId!, month, figure: r.figure, key: r.key, count: r.count }));
	for (let i = 0; i < rows.length; i += CHUNK) await tx.insert(impactMonth).values(rows.slice(i, i + CHUNK));
}

/**
 * Count every month from two years back up to the start of today again.
 * Months already wholly counted before are each their own transaction; the
 * month(s) since the last count and the new `through` change together, so a
 * page never counts a day twice or not at all.
 */
export async function refreshFigures(db: Db, now: Date = new Date()): Promise<void> {
	const today = calendarDay(now);
	const through = startOfDay(today);
	const fromMonth = `${today.year - YEARS_BACK}-01`;
	const lastMonth = monthOf(new Date(through.getTime() - 1));
	const before = await readCounted(db);
	const months: string[] = [];
	for (let m = fromMonth; m <= lastMonth; m = nextMonth(m)) months.push(m);
	// Without a count yet, pages read everything at once and no row is read before the end.
	const whole = (m: string) => !before || m < monthOf(before.through);
	for (const month of months.filter(whole)) {
		await db.transaction(async (tx) => {
			await lock(tx);
			await countMonth(tx, month, through, null);
		});
	}
	await db.transaction(async (tx) => {
		await lock(tx);
		for (const month of months.filter((m) => !whole(m))) await countMonth(tx, month, through, null);
		await tx.execute(sql`delete from impact_month where month < ${fromMonth} or month > ${lastMonth}`);
		await tx.execute(sql`delete from impact_person_month where month < ${fromMonth} or month > ${lastMonth}`);
		await tx.execute(sql`insert into impact_refresh (id, from_month, through, counted_at) values (1, ${fromMonth}, ${through}, now())
			on conflict (id) do update set from_month = excluded.from_month, through = excluded.through, counted_at = excluded.counted_at`);
	});
}

/** Count one initiative's month again (after turnout was written down for a date in it), if it is counted ahead. */
export async function recountMonth(db: Db, initiativeId: string, at: Date): Promise<void> {
	await db.transaction(async (tx) => {
		await lock(tx);
		const counted = await readCounted(tx);
		const month = monthOf(at);
		if (!counted || month < counted.fromMonth || at >= counted.through) return;
		await countMonth(tx, month, counted.through, initiativeId);
	});
}

/** Have the month of `at` counted again for an initiative, by a job added in the transaction `tx` of the change. */
export async function recountMonthLater(tx: Db, initiativeId: string, at: Date): Promise<void> {
	await enqueue(tx, RECOUNT_MONTH_QUEUE, { initiativeId, at: at.toISOString() });
}

/** The nightly count (01:15 UTC: after midnight in Amsterdam, summer and winter) and a month's recount. */
export function impactQueues(db: Db): Record<string, QueueDefinition> {
	return {
		[RECOUNT_QUEUE]: { cron: '15 1 * * *', handler: () => refreshFigures(db) },
		[RECOUNT_MONTH_QUEUE]: { handler: (data) => recountMonth(db, String(data.initiativeId), new Date(String(data.at))) }
	};
}
