import { calendarDay, startOfDay } from '../activities/time.ts';

/*
 * The period of a figures page: a quarter (`2026-K3`), a year (`2026`), or
 * whole months from–to (`2026-01` … `2026-06`). Whole months only, in
 * Amsterdam time: a period a day longer than another must not reveal that
 * day (see suppress.ts).
 */

export interface Period {
	/** For links and the CSV's name: `2026-K3`, `2026`, `2026-01_2026-06`. */
	key: string;
	kind: 'quarter' | 'year' | 'months';
	from: Date;
	/** Exclusive. */
	to: Date;
	/** First and last month, `YYYY-MM`. */
	firstMonth: string;
	lastMonth: string;
}

const MIN_YEAR = 2000;
const MAX_YEAR = 2200;

function monthStart(year: number, month: number): Date {
	const y = year + Math.floor((month - 1) / 12);
	const m = ((month - 1) % 12 + 12) % 12 + 1;
	return startOfDay({ year: y, month: m, day: 1 });
}

const ym = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}`;

function months(year: number, first: number, year2: number, last: number, key: string, kind: Period['kind']): Period {
	return { key, kind, from: monthStart(year, first), to: monthStart(year2, last + 1), firstMonth: ym(year, first), lastMonth: ym(year2, last) };
}

export function quarter(year: number, q: number): Period {
	return months(year, q * 3 - 2, year, q * 3, `${year}-K${q}`, 'quarter');
}

export function year(y: number): Period {
	return months(y, 1, y, 12, String(y), 'year');
}

/** The last whole quarter before `now`: what a coordinator most often reports on. */
export function lastQuarter(now: Date = new Date()): Period {
	const { year: y, month } = calendarDay(now);
	const q = Math.floor((month - 1) / 3) + 1;
	return q === 1 ? quarter(y - 1, 4) : quarter(y, q - 1);
}

const validYear = (y: number) => y >= MIN_YEAR && y <= MAX_YEAR;

/**
 * The period from a page's query (`periode`, or `van` and `tot` as `YYYY-MM`);
 * null for anything else, so the route can say so. No query: the last quarter.
 */
export function parsePeriod(query: URLSearchParams, now: Date = new Date()): Period | null {
	const from = query.get('van');
	const to = query.get('tot');
	if (from || to) {
		const a = /^(\d{4})-(\d{2})$/.exec(from ?? '');
		const b = /^(\d{4})-(\d{2})$/.exec(to ?? '');
		if (!a || !b) return null;
		const [y1, m1, y2, m2] = [a[1], a[2], b[1], b[2]].map(Number);
		if (!validYear(y1) || !validYear(y2) || m1 < 1 || m1 > 12 || m2 < 1 || m2 > 12) return null;
		if (y1 * 12 + m1 > y2 * 12 + m2 || y2 * 12 + m2 - (y1 * 12 + m1) >= 60) return null;
		return months(y1, m1, y2, m2, `${ym(y1, m1)}_${ym(y2, m2)}`, 'months');
	}
	const p = query.get('periode');
	if (!p) return lastQuarter(now);
	const q = /^(\d{4})-K([1-4])$/.exec(p);
	if (q && validYear(Number(q[1]))) return quarter(Number(q[1]), Number(q[2]));
	const y = /^(\d{4})$/.exec(p);
	if (y && validYear(Number(y[1]))) return year(Number(y[1]));
	return null;
}

/** The choices a period picker offers: the last eight quarters and the last three years. */
export function periodChoices(now: Date = new Date()): { quarters: Period[]; years: Period[] } {
	const quarters: Period[] = [];
	let p = lastQuarter(now);
	for (let i = 0; i < 8; i++) {
		quarters.push(p);
		const [y, k] = p.key.split('-K').map(Number);
		p = k === 1 ? quarter(y - 1, 4) : quarter(y, k - 1);
	}
	const thisYear = calendarDay(now).year;
	return { quarters, years: [year(thisYear), year(thisYear - 1), year(thisYear - 2)] };
}

/** The query of a period, for links (`periode=2026-K3`, `van=2026-01&tot=2026-06`). */
export function periodQuery(period: Period): string {
	return period.kind === 'months' ? `van=${period.firstMonth}&tot=${period.lastMonth}` : `periode=${period.key}`;
}
