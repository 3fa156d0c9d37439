import { sql, type SQL } from 'drizzle-orm';
import { occurrencesOfMany, rememberedExpand } from '../activities/occurrences.ts';
import { ACTIVITY_KINDS } from '../activities/schema.ts';
import { queryRows, type Db } from '../db/index.ts';
import { deliveredRequestCounts } from '../expertise/request-figures.ts';
import { POST_KINDS } from '../exchange/schema.ts';
import { SECTORS, STEPS } from '../handover/schema.ts';
import { THEMES } from '../initiatives/schema.ts';

/*
 * Where the figures come from: data the platform keeps anyway (activities,
 * turnout, sign-ups, vraag & aanbod, stories, memberships, handovers). Never
 * the personal space, messages or visits. Each source names its figures and
 * reads counts per initiative; `FIGURE_SOURCES` at the bottom is the one
 * list, so a new source (the expertise pool) is one entry there.
 */

/**
 * Which initiatives a figure covers. `public`: published ones that chose to be
 * in /cijfers. `all`: every initiative, whatever its state, for counting ahead
 * (refresh.ts): a page's scope picks from those rows when it reads them.
 */
export type Scope = { kind: 'initiatives'; ids: string[] } | { kind: 'network' } | { kind: 'public' } | { kind: 'all' };

export interface FigureWindow {
	from: Date;
	/** Exclusive; never after `now` for what "was held". */
	to: Date;
	now: Date;
}

/** One figure: a breakdown (keys) of people or of things. */
export interface FigureDef {
	id: string;
	/** Counts of people (or of what people did) are suppressed; dates held are not. */
	people: boolean;
	keys: readonly string[];
	/**
	 * Distinct people: the network's number is not the sum of the initiatives'
	 * (one person may lead in two), nor a period's the sum of its months'. The
	 * source gives who (`people`), counted once in the database (figures.ts).
	 */
	distinct?: boolean;
}

/** A count for one initiative (null: the whole scope, for `distinct` figures). */
export interface CountRow {
	initiativeId: string | null;
	figure: string;
	key: string;
	count: number;
}

export interface FigureSource {
	figures: FigureDef[];
	/** Counts per initiative: they add up over initiatives and over months. */
	read?(db: Db, scope: Scope, window: FigureWindow): Promise<CountRow[]>;
	/** For a `distinct` figure: a query of `(initiative_id, user_id)`, the people counted, one figure per source. */
	people?(scope: Scope, window: FigureWindow): SQL;
}

/** The scope as a condition on a column holding an initiative id. */
export function inScope(scope: Scope, column: SQL): SQL {
	if (scope.kind === 'all') return sql`true`;
	if (scope.kind === 'initiatives') {
		if (scope.ids.length === 0) return sql`false`;
		return sql`${column} in (${sql.join(
			scope.ids.map((id) => sql`${id}::uuid`),
			sql`, `
		)})`;
	}
	const opted = scope.kind === 'public' ? sql` and i.impact_public` : sql``;
	return sql`${column} in (select i.id from initiative i where i.status = 'published'${opted})`;
}

const count = (r: { initiative_id: string | null; key: string; n: number | string }, figure: string): CountRow => ({
	initiativeId: r.initiative_id,
	figure,
	key: r.key,
	count: Number(r.n)
});

type Raw = { initiative_id: string | null; key: string; n: number | string };

/** Dates an activity was held (published, not cancelled, begun before now), by kind and theme; series expanded with their exceptions. */
export const activitiesHeld: FigureSource = {
	figures: [
		{ id: 'held_kind', people: false, keys: ACTIVITY_KINDS },
		{ id: 'held_theme', people: false, keys: [...THEMES, 'geen'] }
	],
	async read(db, scope, w) {
		const end = w.to < w.now ? w.to : w.now;
		if (end <= w.from) return [];
		const oneOffs = await queryRows<{ initiative_id: string; kind: string; theme: string | null; n: number | string }>(
			db,
			sql`select a.initiative_id, a.kind, a.theme, count(*) as n from activity a
				where a.rrule is null and a.status = 'published' and a.starts_at >= ${w.from} and a.starts_at < ${end} and ${inScope(scope, sql`a.initiative_id`)}
				group by 1, 2, 3`
		);
		const series = await queryRows<{ id: string; initiative_id: string; kind: string; theme: string | null; rrule: string; starts_at: string | Date; ends_at: string | Date }>(
			db,
			sql`select a.id, a.initiative_id, a.kind, a.theme, a.rrule, a.starts_at, a.ends_at from activity a
				where a.rrule is not null and a.status = 'published' and a.starts_at < ${end}
				and (a.series_ends_at is null or a.series_ends_at > ${w.from}) and ${inScope(scope, sql`a.initiative_id`)}`
		);
		const tally = new Map<string, number>();
		const add = (initiativeId: string, kind: string, theme: string | null, n: number) => {
			const k = `${initiativeId}|${kind}|${theme ?? 'geen'}`;
			tally.set(k, (tally.get(k) ?? 0) + n);
		};
		for (const r of oneOffs) add(r.initiative_id, r.kind, r.theme, Number(r.n));
		const rows = series.map((s) => ({ ...s, startsAt: new Date(s.starts_at), endsAt: new Date(s.ends_at) }));
		// Expanded to the window's end, not to now: the expansion is remembered between requests (`rememberedExpand`).
		for (const { activity: a, occurrence: o } of await occurrencesOfMany(db, rows, w.from, w.to, 400, rememberedExpand)) {
			if (!o.cancelled && o.startsAt >= w.from && o.startsAt < end) add(a.initiative_id, a.kind, a.theme, 1);
		}
		const out: CountRow[] = [];
		for (const [k, n] of tally) {
			const [initiativeId, kind, theme] = k.split('|');
			out.push({ initiativeId, figure: 'held_kind', key: kind, count: n }, { initiativeId, figure: 'held_theme', key: theme, count: n });
		}
		return out;
	}
};

/** Turnout as hosts wrote it down (people per date, never names), the dates it was written for, and confirmed sign-ups. */
const attendance: FigureSource = {
	figures: [
		{ id: 'turnout', people: true, keys: ['people'] },
		{ id: 'turnout_dates', people: false, keys: ['dates'] },
		{ id: 'signups', people: true, keys: ['confirmed'] }
	],
	async read(db, scope, w) {
		const turnout = await queryRows<{ initiative_id: string; people: number | string; dates: number | string }>(
			db,
			sql`select a.initiative_id, sum(t.people) as people, count(*) as dates from activity_turnout t join activity a on a.id = t.activity_id
				where t.occurrence_start >= ${w.from} and t.occurrence_start < ${w.to} and ${inScope(scope, sql`a.initiative_id`)} group by 1`
		);
		const signups = await queryRows<Raw>(
			db,
			sql`select a.initiative_id, 'confirmed' as key, count(*) as n from activity_signup s join activity a on a.id = s.activity_id
				where s.status = 'confirmed' and s.occurrence_start >= ${w.from} and s.occurrence_start < ${w.to} and s.occurrence_start < ${w.now}
				and ${inScope(scope, sql`a.initiative_id`)} group by 1`
		);
		return [
			...turnout.flatMap((r) => [
				{ initiativeId: r.initiative_id, figure: 'turnout', key: 'people', count: Number(r.people) },
				{ initiativeId: r.initiative_id, figure: 'turnout_dates', key: 'dates', count: Number(r.dates) }
			]),
			...signups.map((r) => count(r, 'signups'))
		];
	}
};

/** How many different members led an activity with a date in the window: who proposed it and its co-hosts. */
const hosts: FigureSource = {
	figures: [{ id: 'hosts', people: true, keys: ['members'], distinct: true }],
	people(scope, w) {
		const end = w.to < w.now ? w.to : w.now;
		return sql`select a.initiative_id, a.created_by as user_id from activity a
			where a.created_by is not null and a.status = 'published' and a.starts_at < ${end}
			and ((a.rrule is null and a.starts_at >= ${w.from}) or (a.rrule is not null and (a.series_ends_at is null or a.series_ends_at > ${w.from})))
			and ${inScope(scope, sql`a.initiative_id`)}
			union
			select a.initiative_id, h.user_id from activity_host h join activity a on a.id = h.activity_id
			where a.status = 'published' and a.starts_at < ${end}
			and ((a.rrule is null and a.starts_at >= ${w.from}) or (a.rrule is not null and (a.series_ends_at is null or a.series_ends_at > ${w.from})))
			and ${inScope(scope, sql`a.initiative_id`)}`;
	}
};

/** Offers and requests made in the window, and afspraken marked done (counted by the post's initiative). */
const exchange: FigureSource = {
	figures: [
		{ id: 'exchange_made', people: true, keys: POST_KINDS },
		{ id: 'exchange_done', people: true, keys: POST_KINDS }
	],
	async read(db, scope, w) {
		const made = await queryRows<Raw>(
			db,
			sql`select p.initiative_id, p.kind as key, count(*) as n from exchange_post p
				where p.created_at >= ${w.from} and p.created_at < ${w.to} and ${inScope(scope, sql`p.initiative_id`)} group by 1, 2`
		);
		const done = await queryRows<Raw>(
			db,
			sql`select p.initiative_id, p.kind as key, count(*) as n from deal d join conversation c on c.id = d.conversation_id join exchange_post p on p.id = c.post_id
				where d.status = 'done' and d.done_at >= ${w.from} and d.done_at < ${w.to} and ${inScope(scope, sql`p.initiative_id`)} group by 1, 2`
		);
		return [...made.map((r) => count(r, 'exchange_made')), ...done.map((r) => count(r, 'exchange_done'))];
	}
};

/** Stories first published in the window, and members who joined. */
const community: FigureSource = {
	figures: [
		{ id: 'stories', people: true, keys: ['published'] },
		{ id: 'joined', people: true, keys: ['members'] }
	],
	async read(db, scope, w) {
		const stories = await queryRows<Raw>(
			db,
			sql`select s.initiative_id, 'published' as key, count(*) as n from story s
				where s.published_at >= ${w.from} and s.published_at < ${w.to} and ${inScope(scope, sql`s.initiative_id`)} group by 1`
		);
		const joined = await queryRows<Raw>(
			db,
			sql`select m.initiative_id, 'members' as key, count(*) as n from membership m
				where m.joined_at >= ${w.from} and m.joined_at < ${w.to} and ${inScope(scope, sql`m.initiative_id`)} group by 1`
		);
		return [...stories.map((r) => count(r, 'stories')), ...joined.map((r) => count(r, 'joined'))];
	}
};

/** Handovers that reached the initiative (confirmed) in the window, by where they came from and where they are now. Never names. */
const handovers: FigureSource = {
	figures: [
		{ id: 'handover_source', people: true, keys: [...SECTORS, 'self'] },
		{ id: 'handover_step', people: true, keys: STEPS }
	],
	async read(db, scope, w) {
		const rows = await queryRows<{ initiative_id: string; source: string; step: string; n: number | string }>(
			db,
			sql`select h.initiative_id, case when h.source = 'self' then 'self' else coalesce(h.sector, 'anders') end as source, h.step, count(*) as n
				from handover h join outside_request o on o.id = h.id
				where o.confirmed_at >= ${w.from} and o.confirmed_at < ${w.to} and ${inScope(scope, sql`h.initiative_id`)} group by 1, 2, 3`
		);
		return rows.flatMap((r) => [
			{ initiativeId: r.initiative_id, figure: 'handover_source', key: r.source, count: Number(r.n) },
			{ initiativeId: r.initiative_id, figure: 'handover_step', key: r.step, count: Number(r.n) }
		]);
	}
};

/**
 * Requests to the expertise pool delivered in the window, for the initiative
 * whose local request it was; the association's own requests are counted in
 * the pool's overview (/expertisepool/overzicht).
 */
const expertiseDelivered = countsSource('expertise_delivered', async (db, window) => (await deliveredRequestCounts(db, window)).byInitiative);

/** Every source, in the order figures are shown. */
export const FIGURE_SOURCES: readonly FigureSource[] = [activitiesHeld, attendance, hosts, exchange, community, handovers, expertiseDelivered];

/**
 * A source from a function that counts per initiative for a window, such as
 * the expertise pool's `deliveredRequestCounts(db, { from, to })`: one figure
 * with one key. The function may answer a list of `{ initiativeId, count }`,
 * a record by initiative id, or a Map; rows outside the scope are dropped.
 */
export function countsSource(
	figure: string,
	counts: (db: Db, window: { from: Date; to: Date }) => Promise<Array<{ initiativeId: string; count: number }> | Record<string, number> | Map<string, number>>
): FigureSource {
	return {
		figures: [{ id: figure, people: true, keys: ['count'] }],
		async read(db, scope, w) {
			const answer = await counts(db, { from: w.from, to: w.to });
			const pairs: Array<[string, number]> = Array.isArray(answer)
				? answer.map((r) => [r.initiativeId, r.count])
				: answer instanceof Map
					? [...answer]
					: Object.entries(answer);
			const ids = scope.kind === 'initiatives' ? new Set(scope.ids) : await scopeIds(db, scope);
			return pairs.filter(([id]) => ids.has(id)).map(([initiativeId, n]) => ({ initiativeId, figure, key: 'count', count: Number(n) }));
		}
	};
}

async function scopeIds(db: Db, scope: Scope): Promise<Set<string>> {
	const rows = await queryRows<{ id: string }>(db, sql`select i.id from initiative i where ${inScope(scope, sql`i.id`)}`);
	return new Set(rows.map((r) => r.id));
}
