import { and, asc, eq, gt, inArray, or, type SQL } from 'drizzle-orm';
import { requireAdmin } from '../access/core.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { Db } from '../db/index.ts';
import { initiative, openingHours } from '../initiatives/schema.ts';

/**
 * The directory for others to use: a spreadsheet for the association admin
 * (every initiative, with its status) and an open-data feed of the public
 * directory. Both are read in batches and streamed, so their size never
 * depends on memory. Neither holds anything about members.
 */

const BATCH = 200;
const WEEKDAYS = ['ma', 'di', 'wo', 'do', 'vr', 'za', 'zo'];

type Row = typeof initiative.$inferSelect;
type Period = { weekday: number; opensAt: string; closesAt: string };

/** All initiatives matching `where`, by name, one batch at a time, with their walk-in hours. */
async function* batches(db: Db, where?: SQL): AsyncGenerator<Array<{ row: Row; hours: Period[] }>> {
	let after: { name: string; id: string } | undefined;
	for (;;) {
		const keyset = after ? or(gt(initiative.name, after.name), and(eq(initiative.name, after.name), gt(initiative.id, after.id))) : undefined;
		const rows = await db
			.select()
			.from(initiative)
			.where(and(where, keyset))
			.orderBy(asc(initiative.name), asc(initiative.id))
			.limit(BATCH);
		if (!rows.length) return;
		const hours = await db
			.select()
			.from(openingHours)
			.where(
				inArray(
					openingHours.initiativeId,
					rows.map((r) => r.id)
				)
			)
			.orderBy(asc(openingHours.weekday), asc(openingHours.opensAt));
		yield rows.map((row) => ({ row, hours: hours.filter((h) => h.initiativeId === row.id) }));
		if (rows.length < BATCH) return;
		after = rows[rows.length - 1];
	}
}

const hhmm = (time: string) => time.slice(0, 5);

/** Walk-in hours as one line of text: "ma 10:00-16:00, di 10:00-16:00". */
export function hoursText(hours: Period[]): string {
	return hours.map((h) => `${WEEKDAYS[h.weekday - 1]} ${hhmm(h.opensAt)}-${hhmm(h.closesAt)}`).join(', ');
}

/** One CSV field: quoted when needed, and never a formula (a name starting with "=" stays text). */
export function csvField(value: string | number | null): string {
	let text = value === null ? '' : String(value);
	if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
	return /[";\n\r,]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const CSV_COLUMNS = [
	'naam',
	'status',
	'plaats',
	'adres',
	'postcode',
	'breedtegraad',
	'lengtegraad',
	'themas',
	'toegankelijkheid',
	'inloop',
	'telefoon',
	'website',
	'pagina',
	'aangemeld_op'
];

/**
 * Every initiative as CSV for the association admin: a byte-order mark and
 * semicolons, so Excel (set to Dutch) opens it in columns with accents intact.
 * Checks the viewer before the first byte.
 */
export function directoryCsv(db: Db, viewer: Viewer, origin: string): AsyncGenerator<string> {
	requireAdmin(viewer);
	return (async function* () {
		yield `\uFEFF${CSV_COLUMNS.join(';')}\r\n`;
		for await (const batch of batches(db)) {
			yield batch
				.map(({ row, hours }) =>
					[
						row.name,
						row.status,
						row.town,
						row.address,
						row.postcode,
						row.latitude,
						row.longitude,
						row.themes.join(', '),
						row.accessibility.join(', '),
						hoursText(hours),
						row.phone,
						row.website,
						`${origin}/initiatieven/${row.slug}`,
						row.createdAt.toISOString().slice(0, 10)
					]
						.map(csvField)
						.join(';')
				)
				.map((line) => `${line}\r\n`)
				.join('');
		}
	})();
}

/** The public directory as open data (JSON): published initiatives only, no people. */
export async function* openDataFeed(db: Db, origin: string): AsyncGenerator<string> {
	yield `{"bron":${JSON.stringify(origin)},"licentie":"CC0-1.0","initiatieven":[`;
	let first = true;
	for await (const batch of batches(db, eq(initiative.status, 'published'))) {
		const items = batch.map(({ row, hours }) =>
			JSON.stringify({
				naam: row.name,
				url: `${origin}/initiatieven/${row.slug}`,
				plaats: row.town,
				adres: row.address || null,
				postcode: row.postcode || null,
				coordinaten: row.latitude === null ? null : { breedtegraad: row.latitude, lengtegraad: row.longitude },
				themas: row.themes,
				toegankelijkheid: row.accessibility,
				website: row.website || null,
				telefoon: row.phone || null,
				inloop: hours.map((h) => ({ weekdag: h.weekday, open: hhmm(h.opensAt), dicht: hhmm(h.closesAt) }))
			})
		);
		yield (first ? '' : ',') + items.join(',');
		first = false;
	}
	yield ']}\n';
}
