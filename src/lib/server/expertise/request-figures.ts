import { and, gte, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import { requireRequestOverview } from '../access/expertise.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { rememberResult } from '../pagecache/index.ts';
import { outsideRequest } from '../outside/schema.ts';
import { EXPERTISE_FORMS, EXPERTISE_THEMES, poolRequest, REQUEST_SECTORS, type ExpertiseForm, type ExpertiseTheme, type RequestSector } from './schema.ts';

/*
 * Figures about requests to the pool, for the association and for the
 * impact figures: counts only, never an organisation or a word of a
 * request. They keep working after the details are forgotten (form, themes,
 * sector, day and the dates stay).
 */

const DELIVERED = ['uitgevoerd', 'afgerond'] as const;
const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * How many requests were delivered (reached uitgevoerd or afgerond) with
 * their day of work in [from, to): in the whole network, and per initiative
 * for local requests. Days are calendar days (yyyy-mm-dd) compared as such.
 */
export async function deliveredRequestCounts(db: Db, period: { from: Date; to: Date }): Promise<{ total: number; byInitiative: Map<string, number> }> {
	const rows = await db
		.select({ initiativeId: poolRequest.initiativeId, count: sql<number>`count(*)::int`.mapWith(Number) })
		.from(poolRequest)
		.where(and(inArray(poolRequest.status, [...DELIVERED]), gte(poolRequest.day, day(period.from)), lt(poolRequest.day, day(period.to))))
		.groupBy(poolRequest.initiativeId);
	const byInitiative = new Map<string, number>();
	let total = 0;
	for (const r of rows) {
		total += r.count;
		if (r.initiativeId) byInitiative.set(r.initiativeId, r.count);
	}
	return { total, byInitiative };
}

export interface MonthRow {
	/** yyyy-mm */
	month: string;
	received: number;
	delivered: number;
	/** Median days from confirmation to the first answer of a coordinator; null without answers. */
	daysToAnswer: number | null;
}

export interface RequestOverview {
	months: MonthRow[];
	themes: Array<{ key: ExpertiseTheme; count: number }>;
	forms: Array<{ key: ExpertiseForm; count: number }>;
	sectors: Array<{ key: RequestSector; count: number }>;
}

/** Counts below this are shown as "< 10", so nobody is recognisable from a figure. */
export const SMALL_COUNT = 10;

/** The last `months` months (this one included) of requests: received, delivered, time to first answer; and what was asked. */
export async function requestOverview(db: Db, viewer: Viewer, now: Date = new Date(), months = 12): Promise<RequestOverview> {
	await requireRequestOverview(db, viewer);
	const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (months - 1), 1));
	// Counted over every request of a year: read once per month shown until the next write, not per request.
	return rememberResult(`pool-overview|${start.toISOString()}|${months}`, () => readOverview(db, start, months));
}

async function readOverview(db: Db, start: Date, months: number): Promise<RequestOverview> {
	const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + months, 1));
	const received = await db
		.select({
			month: sql<string>`to_char(${outsideRequest.confirmedAt} at time zone 'Europe/Amsterdam', 'YYYY-MM')`,
			count: sql<number>`count(*)::int`.mapWith(Number),
			days: sql<number | null>`percentile_cont(0.5) within group (order by extract(epoch from ${poolRequest.firstAnswerAt} - ${outsideRequest.confirmedAt}) / 86400)`.mapWith((v) => (v === null ? null : Math.round(Number(v) * 10) / 10))
		})
		.from(poolRequest)
		.innerJoin(outsideRequest, sql`${outsideRequest.id} = ${poolRequest.id}`)
		.where(and(isNotNull(outsideRequest.confirmedAt), gte(outsideRequest.confirmedAt, start)))
		.groupBy(sql`1`);
	const delivered = await db
		.select({ month: sql<string>`left(${poolRequest.day}::text, 7)`, count: sql<number>`count(*)::int`.mapWith(Number) })
		.from(poolRequest)
		.where(and(inArray(poolRequest.status, [...DELIVERED]), gte(poolRequest.day, day(start)), lt(poolRequest.day, day(end))))
		.groupBy(sql`1`);
	const monthRows: MonthRow[] = [];
	for (let i = 0; i < months; i++) {
		const month = day(new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + i, 1))).slice(0, 7);
		const r = received.find((x) => x.month === month);
		monthRows.push({ month, received: r?.count ?? 0, delivered: delivered.find((x) => x.month === month)?.count ?? 0, daysToAnswer: r?.days ?? null });
	}
	const asked = and(isNotNull(outsideRequest.confirmedAt), gte(outsideRequest.confirmedAt, start));
	const count = sql<number>`count(*)::int`.mapWith(Number);
	const themes = await db
		.select({ key: sql<string>`unnest(${poolRequest.themes})`, count })
		.from(poolRequest)
		.innerJoin(outsideRequest, sql`${outsideRequest.id} = ${poolRequest.id}`)
		.where(asked)
		.groupBy(sql`1`);
	const forms = await db.select({ key: poolRequest.form, count }).from(poolRequest).innerJoin(outsideRequest, sql`${outsideRequest.id} = ${poolRequest.id}`).where(asked).groupBy(poolRequest.form);
	const sectors = await db.select({ key: poolRequest.sector, count }).from(poolRequest).innerJoin(outsideRequest, sql`${outsideRequest.id} = ${poolRequest.id}`).where(asked).groupBy(poolRequest.sector);
	const inOrder = <K extends string>(keys: readonly K[], rows: Array<{ key: string; count: number }>) =>
		keys.map((key) => ({ key, count: rows.find((r) => r.key === key)?.count ?? 0 })).filter((r) => r.count > 0).sort((a, b) => b.count - a.count);
	return { months: monthRows, themes: inOrder(EXPERTISE_THEMES, themes), forms: inOrder(EXPERTISE_FORMS, forms), sectors: inOrder(REQUEST_SECTORS, sectors) };
}

/** A count as shown and downloaded: "< 10" below SMALL_COUNT (zero stays 0). */
export const shownCount = (count: number): string => (count > 0 && count < SMALL_COUNT ? '< 10' : String(count));

/** The overview's months as CSV (the same figures as the table, small counts hidden the same way). */
export function overviewCsv(overview: RequestOverview, header: { month: string; received: string; delivered: string; daysToAnswer: string }): string {
	const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
	const lines = [[header.month, header.received, header.delivered, header.daysToAnswer].map(cell).join(',')];
	for (const r of overview.months) lines.push([r.month, shownCount(r.received), shownCount(r.delivered), r.daysToAnswer === null ? '' : String(r.daysToAnswer)].map(cell).join(','));
	return `${lines.join('\r\n')}\r\n`;
}
