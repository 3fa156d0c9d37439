import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRule } from '#lib/server/activities/recurrence.ts';
import { activity, activityException, activityHost, activitySignup, activityTurnout } from '#lib/server/activities/schema.ts';
import type { SignedIn } from '#lib/server/accounts/viewer.ts';
import type { Database } from '#lib/server/db/index.ts';
import { exchangePost } from '#lib/server/exchange/schema.ts';
import { handover } from '#lib/server/handover/schema.ts';
import { figuresCsv, labelled } from '#lib/server/impact/output.ts';
import { quarter } from '#lib/server/impact/period.ts';
import { impactReport } from '#lib/server/impact/schema.ts';
import { figuresPage, initiativeFigures, logReport, networkFigures, publicFigures } from '#lib/server/impact/service.ts';
import { countsSource, FIGURE_SOURCES } from '#lib/server/impact/sources.ts';
import { figuresFor } from '#lib/server/impact/figures.ts';
import { initiative, membership } from '#lib/server/initiatives/schema.ts';
import { outsideRequest } from '#lib/server/outside/schema.ts';
import { databases } from '../helpers/databases.ts';
import { makePerson } from '../helpers/people.ts';

/*
 * Each figure of a quarter against a world made for it, and small-number
 * suppression in every output: the page's data, the CSV, the printed report
 * (the same labelled tables) and the public JSON.
 */

const Q3 = quarter(2026, 3);
const NOW = new Date('2026-12-05T12:00:00Z');
const at = (iso: string) => new Date(iso);

for (const target of databases) {
	describe.skipIf(target.skip)(`figures (cijfers) on ${target.name}`, () => {
		let database: Database & { drop(): Promise<void> };
		let cas: SignedIn, jet: SignedIn, bo: SignedIn, fenna: SignedIn;
		let members: SignedIn[];
		let kroonId: string;
		const db = () => database.db;
		const page = () => initiativeFigures(db(), cas, 'de-kroon', Q3, NOW);
		const tableOf = async (id: string) => (await page()).tables.find((t) => t.id === id)!;
		const cellOf = async (id: string, key: string) => (await tableOf(id)).rows.find((r) => r.key === key)!.cell;

		beforeAll(async () => {
			database = await target.open();
			[cas, jet, bo, fenna] = await Promise.all(['Cas', 'Jet', 'Bo', 'Fenna'].map((name, i) => makePerson(db(), name, { isAdmin: i === 3 })));
			members = await Promise.all(Array.from({ length: 12 }, (_, i) => makePerson(db(), `Lid ${i}`)));
			const [kroon, anker] = await db()
				.insert(initiative)
				.values([
					{ slug: 'de-kroon', name: 'De Kroon', town: 'Zwolle', status: 'published', impactPublic: true, createdAt: at('2026-01-01T09:00:00Z') },
					{ slug: 'het-anker', name: 'Het Anker', town: 'Kampen', status: 'published', createdAt: at('2026-07-01T09:00:00Z') }
				])
				.returning();
			kroonId = kroon.id;
			const early = at('2026-01-02T09:00:00Z');
			await db()
				.insert(membership)
				.values([
					{ initiativeId: kroon.id, userId: cas.userId, role: 'coordinator' as const, joinedAt: early },
					{ initiativeId: kroon.id, userId: jet.userId, joinedAt: early },
					{ initiativeId: anker.id, userId: bo.userId, role: 'coordinator' as const, joinedAt: at('2026-07-02T09:00:00Z') },
					// Twelve joined De Kroon in the quarter; two joined Het Anker.
					...members.map((p) => ({ initiativeId: kroon.id, userId: p.userId, joinedAt: at('2026-08-01T09:00:00Z') })),
					...members.slice(0, 2).map((p) => ({ initiativeId: anker.id, userId: p.userId, joinedAt: at('2026-08-02T09:00:00Z') }))
				]);
			const oneOff = (kind: 'ontmoeting' | 'ontdekking' | 'ontplooiing', iso: string, createdBy: string, extra: Partial<typeof activity.$inferInsert> = {}) => ({
				initiativeId: kroon.id,
				title: `${kind} ${iso}`,
				kind,
				startsAt: at(iso),
				endsAt: new Date(at(iso).getTime() + 7_200_000),
				createdBy,
				...extra
			});
			const acts = await db()
				.insert(activity)
				.values([
					oneOff('ontmoeting', '2026-07-10T08:00:00Z', cas.userId, { theme: 'inloop' }),
					oneOff('ontmoeting', '2026-07-17T08:00:00Z', cas.userId, { theme: 'inloop' }),
					oneOff('ontmoeting', '2026-07-24T08:00:00Z', cas.userId, { theme: 'inloop' }),
					oneOff('ontdekking', '2026-08-05T08:00:00Z', jet.userId),
					// Cancelled, and after the quarter: not held in it.
					oneOff('ontplooiing', '2026-08-06T08:00:00Z', jet.userId, { status: 'cancelled' }),
					oneOff('ontmoeting', '2026-10-02T08:00:00Z', cas.userId, { theme: 'inloop' }),
					// Every Tuesday from 7 July to 29 September: 13 dates, one cancelled.
					oneOff('ontplooiing', '2026-07-07T08:00:00Z', members[0].userId, {
						theme: 'wandelen',
						rrule: buildRule('weekly', at('2026-07-07T08:00:00Z'), { kind: 'until', date: { year: 2026, month: 9, day: 29 } }),
						seriesEndsAt: at('2026-09-29T10:00:00Z')
					}),
					{ ...oneOff('ontmoeting', '2026-08-01T08:00:00Z', bo.userId), initiativeId: anker.id }
				])
				.returning();
			const series = acts[6];
			await db().insert(activityException).values({ activityId: series.id, occurrenceStart: at('2026-07-14T08:00:00Z'), status: 'cancelled' });
			await db().insert(activityHost).values({ activityId: series.id, userId: members[1].userId });
			await db()
				.insert(activityTurnout)
				.values(
					[
						['2026-07-07', 8],
						['2026-07-21', 9],
						['2026-07-28', 7],
						['2026-08-04', 6]
					].map(([day, people]) => ({ activityId: series.id, occurrenceStart: at(`${day}T08:00:00Z`), people: Number(people), recordedBy: cas.userId }))
				);
			await db()
				.insert(activitySignup)
				.values(members.slice(0, 4).map((p) => ({ activityId: acts[0].id, occurrenceStart: acts[0].startsAt, userId: p.userId, status: 'confirmed' as const })));
			await db()
				.insert(exchangePost)
				.values(
					members.flatMap((p, i) =>
						i < 11
							? [{ kind: 'offer' as const, initiativeId: kroon.id, createdBy: p.userId, title: `Aanbod ${i}`, theme: 'gezelschap' as const, town: 'Zwolle', createdAt: at('2026-08-10T10:00:00Z') }]
							: []
					)
				);
			await db()
				.insert(exchangePost)
				.values(
					members
						.slice(0, 3)
						.map((p, i) => ({ kind: 'request' as const, initiativeId: kroon.id, createdBy: p.userId, title: `Vraag ${i}`, theme: 'gezelschap' as const, town: 'Zwolle', createdAt: at('2026-08-11T10:00:00Z') }))
				);
			// Twelve handovers from huisartsen and two people who asked themselves; ten now take part.
			const requests = await db()
				.insert(outsideRequest)
				.values(Array.from({ length: 14 }, () => ({ kind: 'handover', targetId: kroon.id, confirmedAt: at('2026-08-15T10:00:00Z') })))
				.returning();
			await db()
				.insert(handover)
				.values(
					requests.map((r, i) => ({
						id: r.id,
						initiativeId: kroon.id,
						source: i < 12 ? ('professional' as const) : ('self' as const),
						sector: i < 12 ? ('huisarts' as const) : null,
						step: i < 10 ? ('joined' as const) : ('new' as const)
					}))
				);
		});

		afterAll(async () => {
			await database?.drop();
		});

		it('counts the dates activities were held, by kind and theme: series expanded, cancelled dates and other quarters left out', async () => {
			const kinds = await tableOf('held_kind');
			expect(Object.fromEntries(kinds.rows.map((r) => [r.key, r.cell.value]))).toEqual({ ontmoeting: 3, ontdekking: 1, ontplooiing: 12 });
			expect(kinds.total?.value).toBe(16);
			const themes = await tableOf('held_theme');
			expect(themes.rows.filter((r) => r.cell.value).map((r) => [r.key, r.cell.value])).toEqual([
				['inloop', 3],
				['wandelen', 12],
				['geen', 1]
			]);
		});

		it('turnout as hosts wrote it down, rounded down to fives; sign-ups and hosts below the threshold are hidden', async () => {
			expect(await cellOf('turnout', 'people')).toEqual({ value: 30, text: '30' });
			expect((await cellOf('turnout_dates', 'dates')).value).toBe(4);
			expect(await cellOf('signups', 'confirmed')).toEqual({ value: null, text: '< 10' });
			// Cas, Jet, the series' host and its co-host: four people.
			expect(await cellOf('hosts', 'members')).toEqual({ value: null, text: '< 10' });
			expect(await cellOf('joined', 'members')).toEqual({ value: 10, text: '10' });
			expect(await cellOf('stories', 'published')).toEqual({ value: null, text: '< 10' });
		});

		it("below an initiative a breakdown shows only when every cell passes: vraag & aanbod and handovers show their totals only", async () => {
			const made = await tableOf('exchange_made');
			expect(made.total).toEqual({ value: 10, text: '10' });
			expect(made.rows.map((r) => r.cell.value)).toEqual([null, null]);
			const sources = await tableOf('handover_source');
			expect(sources.total?.value).toBe(10);
			expect(sources.rows.every((r) => r.cell.value === null && r.percent?.value == null)).toBe(true);
		});

		it('the CSV and the printed report show the same cells as the page: "< 10" for hidden ones, never a hidden number', async () => {
			const figures = await page();
			const tables = labelled(figures.tables);
			const csv = figuresCsv('Cijfers van De Kroon', Q3, tables);
			const lines = csv.trim().split('\r\n');
			expect(lines[0]).toBe('Cijfers van De Kroon,K3 2026');
			const line = (figure: string, key: string) => lines.find((l) => l.startsWith(`${figure},${key},`));
			expect(line('Opkomst (zoals begeleiders hem noteerden)', 'Mensen')).toBe('Opkomst (zoals begeleiders hem noteerden),Mensen,30,');
			expect(line('Aanmeldingen', 'Aanmeldingen')).toBe('Aanmeldingen,Aanmeldingen,< 10,');
			expect(line('Verschillende leden die een activiteit begeleidden', 'Leden')).toBe('Verschillende leden die een activiteit begeleidden,Leden,< 10,');
			expect(line('Vraag en aanbod geplaatst', 'Aanbod')).toMatch(/,< 10,$/);
			expect(line('Vraag en aanbod geplaatst', 'Totaal')).toMatch(/,10,$/);
			// No true count of a hidden or rounded cell, and no names, anywhere in the file.
			for (const leak of [',11,', ',14,', 'Cas', 'Lid 0']) expect(csv).not.toContain(leak);
			expect(line('Nieuwe leden', 'Leden')).toBe('Nieuwe leden,Leden,10,');
			// The printed report renders exactly these labelled tables (verslag/+page.server.ts).
			expect(tables.find((t) => t.id === 'signups')!.rows[0].cell.text).toBe('< 10');
		});

		it('a report made is logged with who made it, for the coordinators', async () => {
			await logReport(db(), cas, kroonId, 'csv', Q3);
			await logReport(db(), cas, kroonId, 'print', Q3);
			const log = (await figuresPage(db(), cas, 'de-kroon', Q3, NOW)).reports;
			expect(log.map((l) => [l.name, l.format, l.period]).sort()).toEqual([
				['Cas', 'csv', '2026-K3'],
				['Cas', 'print', '2026-K3']
			]);
			await db().delete(impactReport);
		});

		it('the report log shows the newest 20, newest first, each with its moment', async () => {
			const made = Array.from({ length: 22 }, (_, i) => at(`2026-11-${String(i + 1).padStart(2, '0')}T10:00:00.250Z`));
			// Inserted out of order: the page must sort, not the table.
			await db()
				.insert(impactReport)
				.values([...made].reverse().map((createdAt, i) => ({ initiativeId: kroonId, madeBy: i % 2 ? cas.userId : null, format: 'csv' as const, period: '2026-K3', createdAt })));
			const log = (await figuresPage(db(), cas, 'de-kroon', Q3, NOW)).reports;
			expect(log.map((l) => l.at.toISOString())).toEqual(made.slice(2).reverse().map((d) => d.toISOString()));
			expect(log.every((l) => l.at instanceof Date)).toBe(true);
			await db().delete(impactReport);
		});

		it("the network: totals with complementary suppression, rows per initiative and town suppressed per column, and growth", async () => {
			const net = await networkFigures(db(), fenna, Q3, NOW);
			const joined = net.tables.find((t) => t.id === 'joined')!;
			// 12 + 2 + Bo: 15 new memberships.
			expect(joined.rows[0].cell.value).toBe(15);
			const made = net.tables.find((t) => t.id === 'exchange_made')!;
			// 11 offers, 3 requests: the requests are hidden, so the offers are too (else 14 - 11).
			expect(made.rows.map((r) => r.cell.text)).toEqual(['< 10', '< 10']);
			const kroonRow = net.byInitiative.find((r) => r.label === 'De Kroon');
			const ankerRow = net.byInitiative.find((r) => r.label === 'Het Anker');
			// New members per initiative: 12 and 3. Het Anker's is hidden, so De Kroon's is too.
			const joinedColumn = 3;
			expect(kroonRow?.cells[joinedColumn].text).toBe('< 10');
			expect(ankerRow?.cells[joinedColumn].text).toBe('< 10');
			expect(kroonRow?.cells[0].value).toBe(16);
			expect(net.byTown.map((r) => r.label).sort()).toEqual(['Kampen', 'Zwolle']);
			expect(net.growth.months.map((m) => [m.month, m.initiatives.value])).toEqual([
				['2026-07', 1],
				['2026-08', 0],
				['2026-09', 0]
			]);
			expect(net.growth.months[1].joined.value).toBe(10);
			expect(net.growth.initiatives.value).toBe(2);
		});

		it('the public figures count only initiatives that opted in, and only things, never people', async () => {
			const open = await publicFigures(db(), Q3, NOW);
			expect(open.initiatives.value).toBe(1);
			expect(open.heldTotal.value).toBe(16);
			expect(open.byTown).toEqual([{ town: 'Zwolle', initiatives: { value: 1, text: '1' }, held: { value: 16, text: '16' } }]);
			expect(JSON.stringify(open)).not.toContain('Kampen');
		});

		it('a source is one entry (the expertise pool is one): its counts join the figures and are suppressed the same way', async () => {
			const isExpertise = (s: (typeof FIGURE_SOURCES)[number]) => s.figures.some((f) => f.id === 'expertise_delivered');
			expect(FIGURE_SOURCES.filter(isExpertise)).toHaveLength(1);
			const expertise = countsSource('expertise_delivered', async () => [{ initiativeId: kroonId, count: 3 }]);
			const figures = await figuresFor(db(), { kind: 'initiatives', ids: [kroonId] }, Q3, NOW, [...FIGURE_SOURCES.filter((s) => !isExpertise(s)), expertise]);
			expect(figures.tables.find((t) => t.id === 'expertise_delivered')!.rows[0].cell.text).toBe('< 10');
		});
	});
}
